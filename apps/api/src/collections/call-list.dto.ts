import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Money } from '@mla/core';
import { ContactKind, ContactOutcome, type CallListEntry } from '@mla/loans';
import { PageQueryDto } from '../common/page-query.dto';

export class CallListQuery extends PageQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    description:
      'Loans with an installment falling due within this many days are listed besides the late ones; default ' +
      'CALL_LIST_DUE_SOON_DAYS (7)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  dueWithinDays?: number;

  @ApiPropertyOptional({ description: 'Narrows to a division code and those under it (within the user’s scope)' })
  @IsOptional()
  @Matches(/^\d{2,12}$/)
  regionCode?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bankOrganisationId?: string;
}

export class CallListContactResponse {
  @ApiProperty({ enum: ContactKind }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ContactOutcome }) outcome: string;
  @ApiProperty({ nullable: true, type: String, description: 'The officer; null for a reminder the system sent' })
  officerName: string | null;
}

export class CallListEntryResponse {
  @ApiProperty({ format: 'uuid' }) loanId: string;
  @ApiProperty({ example: 'TYR-2026-0100' }) contractNumber: string;
  @ApiProperty({ example: '王*梅', description: "The borrower's name, masked" }) borrowerName: string;
  @ApiProperty({ example: '135****5000', description: "The borrower's mobile, masked" }) maskedMobile: string;
  @ApiProperty({ example: '土默特右旗农村信用合作联社' }) bankName: string;
  @ApiProperty({ example: '150221100201' }) regionCode: string;
  @ApiProperty({
    example: '2216.03',
    description: 'Owed now: principal, interest and penalty of the installments overdue today (penalty to today)',
  })
  dueNowYuan: string;
  @ApiProperty({ description: 'Days since the oldest overdue installment fell due; 0 when none is overdue' })
  daysLate: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-07-10',
    description: 'The earliest installment still owing that is not overdue (due soon, or within its grace days)',
  })
  nextDueDate: string | null;
  @ApiProperty({ nullable: true, type: String, example: '10435.00' }) nextDueYuan: string | null;
  @ApiProperty({ nullable: true, type: CallListContactResponse }) lastContact: CallListContactResponse | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the latest reminder that could not be delivered was sent (null: none)',
  })
  failedReminderAt: string | null;

  static from(e: CallListEntry): CallListEntryResponse {
    return {
      loanId: e.loanId,
      contractNumber: e.contractNumber,
      borrowerName: e.borrowerName,
      maskedMobile: e.maskedMobile,
      bankName: e.bankName,
      regionCode: e.regionCode,
      dueNowYuan: Money.ofFen(e.dueNowFen).toYuanString(),
      daysLate: e.daysLate,
      nextDueDate: e.nextDueDate,
      nextDueYuan: e.nextDueFen === null ? null : Money.ofFen(e.nextDueFen).toYuanString(),
      lastContact: e.lastContact
        ? {
            kind: e.lastContact.kind,
            at: e.lastContact.at.toISOString(),
            outcome: e.lastContact.outcome,
            officerName: e.lastContact.officerName,
          }
        : null,
      failedReminderAt: e.failedReminderAt ? e.failedReminderAt.toISOString() : null,
    };
  }
}

export class CallListPage {
  @ApiProperty({ type: [CallListEntryResponse] }) items: CallListEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
