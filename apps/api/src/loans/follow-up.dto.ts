import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  BUSINESS_STATES,
  FOLLOW_UP_KINDS,
  type BusinessState,
  type FollowUpKind,
  type FollowUpPage as FollowUpPageView,
  type LoanFollowUp,
} from '@mla/loans';

export class RecordFollowUpRequest {
  @ApiProperty({ enum: FOLLOW_UP_KINDS, description: '实地回访, 电话回访 or 就业核查' })
  @IsIn([...FOLLOW_UP_KINDS])
  kind: FollowUpKind;

  @ApiProperty({ example: '2026-05-12', description: 'Day of the visit, call or check: from the value date to today' })
  @IsISO8601({ strict: true })
  visitedOn: string;

  @ApiProperty({ enum: BUSINESS_STATES, description: 'What was found of the business' })
  @IsIn([...BUSINESS_STATES])
  businessState: BusinessState;

  @ApiPropertyOptional({
    example: '2026-05-01',
    description:
      'The day the job elsewhere or the closure took effect: required for EMPLOYED_ELSEWHERE and BUSINESS_CLOSED, ' +
      'absent for STILL_OPERATING; from the value date to the visit date. The subsidy stops from this day.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  changedOn?: string;

  @ApiProperty({ example: 3, minimum: 0, description: 'Jobs the business provided when checked (带动就业人数)' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  jobsCreated: number;

  @ApiPropertyOptional({ example: '大棚蔬菜长势良好，雇工3人', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WithdrawFollowUpRequest {
  @ApiProperty({ description: 'Why the record is wrong', maxLength: 500, example: '误录为他人贷款' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class FollowUpResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) loanId: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind: string;
  @ApiProperty({ example: '2026-05-12' }) visitedOn: string;
  @ApiProperty({ enum: BUSINESS_STATES }) businessState: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-01' }) changedOn: string | null;
  @ApiProperty() jobsCreated: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: 'Who recorded it (display name)' }) recordedByName: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnByName: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason: string | null;

  static from(f: LoanFollowUp): FollowUpResponse {
    return {
      id: f.id,
      loanId: f.loanId,
      kind: f.kind,
      visitedOn: f.visitedOn,
      businessState: f.businessState,
      changedOn: f.changedOn,
      jobsCreated: f.jobsCreated,
      note: f.note,
      recordedByName: f.recordedByName,
      recordedAt: f.recordedAt.toISOString(),
      withdrawnAt: f.withdrawnAt ? f.withdrawnAt.toISOString() : null,
      withdrawnByName: f.withdrawnByName,
      withdrawalReason: f.withdrawalReason,
    };
  }
}

export class FollowUpPage {
  @ApiProperty({ example: 'TYR-2026-0100' }) contractNumber: string;
  @ApiProperty({ example: '王*英', description: "The borrower's name, masked" }) borrowerName: string;
  @ApiProperty({ type: [FollowUpResponse] }) items: FollowUpResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;

  static from(page: FollowUpPageView): FollowUpPage {
    return {
      contractNumber: page.contractNumber,
      borrowerName: page.borrowerName,
      items: page.items.map((f) => FollowUpResponse.from(f)),
      nextCursor: page.nextCursor,
    };
  }
}
