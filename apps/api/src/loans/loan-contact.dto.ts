import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Money } from '@mla/core';
import { ContactKind, ContactOutcome, type LoanContact } from '@mla/loans';
import { IsLocalDate, YUAN } from '../common/patterns';

export class RecordContactRequest {
  @ApiProperty({ enum: ContactKind, description: 'Phone call, visit, text message or other' })
  @IsIn(Object.values(ContactKind))
  kind: ContactKind;

  @ApiProperty({ enum: ContactOutcome })
  @IsIn(Object.values(ContactOutcome))
  outcome: ContactOutcome;

  @ApiPropertyOptional({
    example: '2026-05-06T09:30:00+08:00',
    format: 'date-time',
    description:
      'When the contact took place, with its offset; default now. Its business date (Asia/Shanghai) lies between ' +
      'the signing date and today, else 422 DATE_OUT_OF_RANGE',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'contactedAt must be a date and time with its offset, e.g. 2026-05-06T09:30:00+08:00',
  })
  contactedAt?: string;

  @ApiPropertyOptional({
    example: '2026-05-20',
    description:
      'PROMISED_TO_PAY only: the date the borrower promised to pay by, from the day of the contact to ' +
      'CONTACT_PROMISE_MAX_DAYS (default 90) days after it',
  })
  @IsOptional()
  @IsLocalDate()
  promisedDate?: string;

  @ApiPropertyOptional({ example: '3000.00', description: 'PROMISED_TO_PAY only: the amount promised (yuan)' })
  @IsOptional()
  @Matches(YUAN, { message: 'promisedAmountYuan must be yuan with at most two decimals' })
  promisedAmountYuan?: string;

  @ApiPropertyOptional({ example: '本人接听，称下周一到信用社还款', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class LoanContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) loanId: string;
  @ApiProperty({ enum: ContactKind }) kind: string;
  @ApiProperty({ enum: ContactOutcome }) outcome: string;
  @ApiProperty({ format: 'date-time' }) contactedAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-20' }) promisedDate: string | null;
  @ApiProperty({ nullable: true, type: String, example: '3000.00' }) promisedAmountYuan: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'uuid' }) officerUserId: string;
  @ApiProperty({ description: 'Who recorded it (display name)' }) officerName: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static from(c: LoanContact): LoanContactResponse {
    return {
      id: c.id,
      loanId: c.loanId,
      kind: c.kind,
      outcome: c.outcome,
      contactedAt: c.contactedAt.toISOString(),
      promisedDate: c.promisedDate,
      promisedAmountYuan: c.promisedAmountFen === null ? null : Money.ofFen(c.promisedAmountFen).toYuanString(),
      note: c.note,
      officerUserId: c.officerUserId,
      officerName: c.officerName,
      recordedAt: c.recordedAt.toISOString(),
    };
  }
}

export class LoanContactPage {
  @ApiProperty({ type: [LoanContactResponse] }) items: LoanContactResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
