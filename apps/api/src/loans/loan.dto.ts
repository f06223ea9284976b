import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Money } from '@mla/core';
import {
  DEFAULT_CONVENTIONS,
  LoanStatus,
  REPAYMENT_CHANNELS,
  type Installment,
  type Loan,
  type LoanSummary,
  type Repayment,
  type Schedule,
} from '@mla/loans';
import { PageQueryDto } from '../common/page-query.dto';
import { YUAN, IsLocalDate } from '../common/patterns';
import { ScheduleConventionsRequest, ScheduleConventionsResponse } from './schedule-conventions.dto';

const PERCENT = /^\d{1,2}(\.\d{1,6})?$/;

const FIRST_DUE_DATE = {
  example: '2026-12-20',
  description:
    'Monthly methods only (EQUAL_INSTALLMENT, EQUAL_PRINCIPAL, INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY, ' +
    'CUSTOM_PRINCIPAL_PLAN): the first due date, after the value date (at signing: the signing date) and within ' +
    '2 months of it; later due dates keep its day. Default: a month after the value date. Else 400 ' +
    'INVALID_SCHEDULE_INPUT with details.field firstDueDate',
};

export class PrincipalPlanRowDto {
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(120) month: number;
  @ApiProperty({ example: '10' })
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: 'percent must be a number such as 10 or 12.5' })
  percent: string;
}

export class SchedulePreviewRequest {
  @ApiProperty({ example: '80000.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiProperty({ example: '4.35', description: 'Percent per year' })
  @Matches(PERCENT, { message: 'annualRatePercent must be a percentage such as 4.35' })
  annualRatePercent: string;
  @ApiProperty({ example: '2024-07-15' }) @IsLocalDate() valueDate: string;
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(120) termMonths: number;
  @ApiProperty({ example: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  repaymentMethod: string;
  @ApiPropertyOptional({ type: [PrincipalPlanRowDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => PrincipalPlanRowDto)
  principalPlan?: PrincipalPlanRowDto[];
  @ApiPropertyOptional(FIRST_DUE_DATE) @IsOptional() @IsLocalDate() firstDueDate?: string;
  @ApiPropertyOptional({ type: ScheduleConventionsRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleConventionsRequest)
  conventions?: ScheduleConventionsRequest;
}

export class SignContractRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() applicationId: string;
  @ApiProperty({ example: 'TYRQ-2026-0001' }) @IsString() @IsNotEmpty() @MaxLength(64) contractNumber: string;
  @ApiProperty({
    example: '2026-11-20',
    description: "From the application's approval date to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE",
  })
  @IsLocalDate()
  signingDate: string;
  @ApiProperty({ example: '4.50' })
  @Matches(PERCENT, { message: 'annualRatePercent must be a percentage such as 4.35' })
  annualRatePercent: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(48) repaymentMethod?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(120) termMonths?: number;
  @ApiPropertyOptional({
    ...FIRST_DUE_DATE,
    description: `${FIRST_DUE_DATE.description}. Stored with the loan: the schedule built at disbursement uses it`,
  })
  @IsOptional()
  @IsLocalDate()
  firstDueDate?: string;
  @ApiPropertyOptional({ type: ScheduleConventionsRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleConventionsRequest)
  conventions?: ScheduleConventionsRequest;
  @ApiPropertyOptional({ example: '50', description: 'Penalty rate = contract rate × (1 + this %)' })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'penaltyUpliftPercent must be a percentage such as 50' })
  penaltyUpliftPercent?: string;
  @ApiPropertyOptional({ example: 0 }) @IsOptional() @IsInt() @Min(0) @Max(90) graceDays?: number;
  @ApiPropertyOptional({
    example: ['penalty', 'interest', 'principal'],
    description: 'Order a payment settles components in',
  })
  @IsOptional()
  @IsArray()
  @IsIn(['penalty', 'interest', 'principal'], { each: true })
  allocationOrder?: ('penalty' | 'interest' | 'principal')[];
}

export class DisbursementRequest {
  @ApiProperty({
    example: '2026-11-21',
    description: 'From the signing date to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  valueDate: string;
  @ApiProperty({ example: '80000.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) bankLoanNumber?: string;
  @ApiProperty({ description: "The bank's reference of the disbursement" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reference: string;
  @ApiPropertyOptional({ example: '6228480000000000018', description: "The borrower's account the loan was paid into" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  borrowerAccount?: string;
}

export class DisbursementConfirmationDto extends DisbursementRequest {
  @ApiProperty({ example: 'TYR-2026-0100' }) @IsString() @IsNotEmpty() @MaxLength(64) contractNumber: string;
  @ApiProperty({ example: '6228480000000000018' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  declare borrowerAccount: string;
}

export class ConfirmDisbursementsRequest {
  @ApiProperty({ type: [DisbursementConfirmationDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DisbursementConfirmationDto)
  confirmations: DisbursementConfirmationDto[];
}

export class ListLoansQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: LoanStatus }) @IsOptional() @IsIn(Object.values(LoanStatus)) status?: LoanStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() bankOrganisationId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{2,12}$/) regionCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() applicantId?: string;
}

export class ScheduleRowResponse {
  @ApiProperty() number: number;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() dueDate: string;
  @ApiProperty() days: number;
  @ApiProperty({ example: '4053.32' }) principalYuan: string;
  @ApiProperty({ example: '250.00' }) interestYuan: string;
  @ApiProperty() totalYuan: string;
  @ApiPropertyOptional() balanceAfterYuan?: string;
  @ApiPropertyOptional() principalPaidYuan?: string;
  @ApiPropertyOptional() penaltyAccruedYuan?: string;
  @ApiPropertyOptional() penaltyPaidYuan?: string;
  @ApiPropertyOptional() interestPaidYuan?: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional({ description: 'False for extension periods' }) subsidisable?: boolean;
}

export class SchedulePreviewResponse {
  @ApiProperty({ type: [ScheduleRowResponse] }) rows: ScheduleRowResponse[];
  @ApiProperty() totalPrincipalYuan: string;
  @ApiProperty() totalInterestYuan: string;
  @ApiProperty({ type: ScheduleConventionsResponse }) conventions: ScheduleConventionsResponse;

  static from(s: Schedule): SchedulePreviewResponse {
    return {
      rows: s.rows.map((r) => ({
        number: r.number,
        periodStart: r.periodStart.toString(),
        periodEnd: r.periodEnd.toString(),
        dueDate: r.dueDate.toString(),
        days: r.days,
        principalYuan: r.principal.toYuanString(),
        interestYuan: r.interest.toYuanString(),
        totalYuan: r.total.toYuanString(),
        balanceAfterYuan: r.balanceAfter.toYuanString(),
      })),
      totalPrincipalYuan: s.totalPrincipal.toYuanString(),
      totalInterestYuan: s.totalInterest.toYuanString(),
      conventions: s.conventions,
    };
  }
}

export class LoanSummaryResponse {
  @ApiProperty() principalOutstandingYuan: string;
  @ApiProperty() principalPaidYuan: string;
  @ApiProperty() interestPaidYuan: string;
  @ApiProperty({ description: 'Owed on installments already past due (principal, interest, penalty)' })
  overdueYuan: string;
  @ApiProperty() penaltyOutstandingYuan: string;
  @ApiProperty() daysPastDue: number;
  @ApiProperty({ nullable: true, type: String }) nextDueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) nextDueYuan: string | null;

  static from(s: LoanSummary): LoanSummaryResponse {
    const y = (f: bigint) => Money.ofFen(f).toYuanString();
    return {
      principalOutstandingYuan: y(s.principalOutstandingFen),
      principalPaidYuan: y(s.principalPaidFen),
      interestPaidYuan: y(s.interestPaidFen),
      overdueYuan: y(s.overdueFen),
      penaltyOutstandingYuan: y(s.penaltyOutstandingFen),
      daysPastDue: s.daysPastDue,
      nextDueDate: s.nextDueDate,
      nextDueYuan: s.nextDueFen === null ? null : y(s.nextDueFen),
    };
  }
}

export class LoanResponse {
  @ApiProperty() id: string;
  @ApiProperty() contractNumber: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() applicantId: string;
  @ApiProperty() bankOrganisationId: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() principalYuan: string;
  @ApiProperty({ example: '0.045000', description: 'Fraction per year' }) annualRate: string;
  @ApiProperty() lprPercent: string;
  @ApiProperty() lprEffectiveDate: string;
  @ApiProperty() signingDate: string;
  @ApiProperty() termMonths: number;
  @ApiProperty() repaymentMethod: string;
  @ApiProperty({ nullable: true, type: String, description: 'Agreed at signing; null = a month after the value date' })
  firstDueDate: string | null;
  @ApiProperty({ type: ScheduleConventionsResponse }) conventions: ScheduleConventionsResponse;
  @ApiProperty({ enum: LoanStatus }) status: string;
  @ApiProperty({ nullable: true, type: String }) valueDate: string | null;
  @ApiProperty({ nullable: true, type: String }) maturityDate: string | null;
  @ApiProperty({ nullable: true, type: String }) originalMaturityDate: string | null;
  @ApiProperty({ nullable: true, type: String }) extendedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) bankLoanNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) disbursementReference: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Masked' }) borrowerAccount: string | null;
  @ApiProperty() creditYuan: string;
  @ApiPropertyOptional({ type: [ScheduleRowResponse] }) schedule?: ScheduleRowResponse[];
  @ApiPropertyOptional({ type: LoanSummaryResponse }) summary?: LoanSummaryResponse;

  static from(l: Loan, installments?: Installment[], summary?: LoanSummary): LoanResponse {
    return {
      ...(summary ? { summary: LoanSummaryResponse.from(summary) } : {}),
      id: l.id,
      contractNumber: l.contractNumber,
      applicationId: l.applicationId,
      applicantId: l.applicantId,
      bankOrganisationId: l.bankOrganisationId,
      regionCode: l.regionCode,
      principalYuan: Money.ofFen(l.principalFen).toYuanString(),
      annualRate: l.annualRate,
      lprPercent: l.lprPercent,
      lprEffectiveDate: l.lprEffectiveDate,
      signingDate: l.signingDate,
      termMonths: l.termMonths,
      repaymentMethod: l.repaymentMethod,
      firstDueDate: l.firstDueDate,
      // Loans signed before a convention existed read back without it: its default is what they were built with.
      conventions: { ...DEFAULT_CONVENTIONS, ...(l.conventions as ScheduleConventionsResponse) },
      status: l.status,
      valueDate: l.valueDate,
      maturityDate: l.maturityDate,
      originalMaturityDate: l.originalMaturityDate,
      extendedOn: l.extendedOn,
      bankLoanNumber: l.bankLoanNumber,
      disbursementReference: l.disbursementReference,
      borrowerAccount: l.borrowerAccountMasked,
      creditYuan: Money.ofFen(l.creditFen).toYuanString(),
      ...(installments
        ? {
            schedule: installments.map((i) => ({
              number: i.number,
              periodStart: i.periodStart,
              periodEnd: i.periodEnd,
              dueDate: i.dueDate,
              days: i.days,
              principalYuan: Money.ofFen(i.principalDueFen).toYuanString(),
              interestYuan: Money.ofFen(i.interestDueFen).toYuanString(),
              totalYuan: Money.ofFen(i.principalDueFen + i.interestDueFen).toYuanString(),
              principalPaidYuan: Money.ofFen(i.principalPaidFen).toYuanString(),
              interestPaidYuan: Money.ofFen(i.interestPaidFen).toYuanString(),
              penaltyAccruedYuan: Money.ofFen(i.penaltyAccruedFen).toYuanString(),
              penaltyPaidYuan: Money.ofFen(i.penaltyPaidFen).toYuanString(),
              status: i.status,
              subsidisable: i.subsidisable,
            })),
          }
        : {}),
    };
  }
}

export class LoanPage {
  @ApiProperty({ type: [LoanResponse] }) items: LoanResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PostRepaymentRequest {
  @ApiProperty({ example: '10555.00' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;
  @ApiProperty({
    example: '2026-04-15',
    description: 'From the disbursement value date to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  valueDate: string;
  @ApiProperty({ enum: REPAYMENT_CHANNELS })
  @IsIn([...REPAYMENT_CHANNELS])
  channel: (typeof REPAYMENT_CHANNELS)[number];
  @ApiProperty({ description: 'Bank transaction id or receipt number; the same one twice posts once' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalReference: string;
}

export class ReverseRepaymentRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class RepaymentResponse {
  @ApiProperty() id: string;
  @ApiProperty() loanId: string;
  @ApiProperty() amountYuan: string;
  @ApiProperty() valueDate: string;
  @ApiProperty() channel: string;
  @ApiProperty() externalReference: string;
  @ApiProperty() creditYuan: string;
  @ApiProperty({ enum: ['REGULAR', 'PAYOFF', 'PREPAYMENT'] }) kind: string;
  @ApiProperty({ enum: ['POSTED', 'REVERSED'] }) status: string;
  @ApiProperty({ description: 'True when this reference had been posted before and nothing changed' })
  duplicate: boolean;

  static from(r: Repayment, duplicate = false): RepaymentResponse {
    return {
      id: r.id,
      loanId: r.loanId,
      amountYuan: Money.ofFen(r.amountFen).toYuanString(),
      valueDate: r.valueDate,
      channel: r.channel,
      externalReference: r.externalReference,
      creditYuan: Money.ofFen(r.creditFen).toYuanString(),
      kind: r.kind,
      status: r.status,
      duplicate,
    };
  }
}

export class PayoffQuoteQuery {
  @ApiProperty({
    example: '2026-05-20',
    description: 'Not before the disbursement value date (may be ahead); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  date: string;
}

export class PayoffQuoteResponse {
  @ApiProperty() date: string;
  @ApiProperty() principalYuan: string;
  @ApiProperty() interestYuan: string;
  @ApiProperty() penaltyYuan: string;
  @ApiProperty() totalYuan: string;
  @ApiProperty() creditYuan: string;
  @ApiProperty({ description: 'What the borrower pays: total less credit held' }) netYuan: string;
}

export class ExtensionRequest {
  @ApiProperty({ example: 6, description: "At most the policy's extension months" })
  @IsInt()
  @Min(1)
  @Max(60)
  months: number;
  @ApiProperty({ example: '市场价格下跌,经营周期延长' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class PrepaymentRequest extends PostRepaymentRequest {
  @ApiProperty({
    enum: ['REAMORTISE', 'SHORTEN'],
    description:
      "Keep the maturity (smaller installments) or the installment (earlier end); the loan policy's mode when omitted",
    required: false,
  })
  @IsOptional()
  @IsIn(['REAMORTISE', 'SHORTEN'])
  mode?: 'REAMORTISE' | 'SHORTEN';
}
