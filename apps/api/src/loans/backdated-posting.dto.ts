import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Money } from '@mla/core';
import { BACKDATED_POSTING_STATUSES, type BackdatedPostingStatus, type BackdatedPostingView } from '@mla/loans';
import { PageQueryDto } from '../common/page-query.dto';
import { PostRepaymentRequest } from './loan.dto';

/** A repayment recorded by hand: the reason is needed only when it is dated further back than the configured days. */
export class RecordRepaymentRequest extends PostRepaymentRequest {
  @ApiPropertyOptional({
    example: '借款人于柜台还款，回单迟交',
    description:
      'Why the payment is recorded this late. Required when valueDate is more than BACKDATE_APPROVAL_DAYS (default ' +
      '30) days before today; else 422 BACKDATE_REASON_REQUIRED naming `reason`',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListBackdatedPostingsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: BACKDATED_POSTING_STATUSES })
  @IsOptional()
  @IsIn([...BACKDATED_POSTING_STATUSES])
  status?: BackdatedPostingStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() loanId?: string;
}

export class ApproveBackdatedPostingRequest {
  @ApiPropertyOptional({ description: "The approver's note", maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectBackdatedPostingRequest {
  @ApiProperty({ description: 'Why the posting is refused', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class BackdatedPostingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) loanId: string;
  @ApiProperty({ example: 'TYR-2026-0100' }) contractNumber: string;
  @ApiProperty({ example: '王**', description: "The borrower's name, masked" }) borrowerName: string;
  @ApiProperty({ example: '10555.00' }) amountYuan: string;
  @ApiProperty({ example: '2026-04-15' }) valueDate: string;
  @ApiProperty() channel: string;
  @ApiProperty() externalReference: string;
  @ApiProperty({ description: "The maker's reason" }) reason: string;
  @ApiProperty({ enum: BACKDATED_POSTING_STATUSES }) status: string;
  @ApiProperty({ description: 'Who asked (display name)' }) makerName: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved or rejected (display name)' })
  checkerName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected, or the approver’s note' })
  decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The repayment the approval posted' })
  repaymentId: string | null;
  @ApiProperty({ description: 'True when this very request was waiting already and nothing changed' })
  duplicate: boolean;

  static from(view: BackdatedPostingView, duplicate = false): BackdatedPostingResponse {
    const r = view.request;
    return {
      id: r.id,
      loanId: r.loanId,
      contractNumber: view.contractNumber,
      borrowerName: view.borrowerName,
      amountYuan: Money.ofFen(r.amountFen).toYuanString(),
      valueDate: r.valueDate,
      channel: r.channel,
      externalReference: r.externalReference,
      reason: r.reason,
      status: r.status,
      makerName: r.makerName,
      requestedAt: r.requestedAt.toISOString(),
      checkerName: r.checkerName,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionReason: r.decisionReason,
      repaymentId: r.repaymentId,
      duplicate,
    };
  }
}

export class BackdatedPostingPage {
  @ApiProperty({ type: [BackdatedPostingResponse] }) items: BackdatedPostingResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
