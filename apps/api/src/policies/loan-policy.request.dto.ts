import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BORROWER_CATEGORIES,
  EMPLOYER_KINDS,
  OTHER_LOAN_KINDS,
  PenaltyBasis,
  POLICY_STATUSES,
  REPAYMENT_METHODS,
  SUBSIDY_RULE_DEFAULTS,
  SUBSIDY_RULE_KINDS,
  SubsidyPayee,
  SubsidyPaymentMode,
  type PolicyStatus,
} from '@mla/loan-policies';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate } from '../common/patterns';

export const REGION_CODE = /^(\d{6}|\d{9}|\d{12})$/;
/** Yuan with at most 2 decimals, no separators: '300000.00', '80000'. */
export const YUAN = /^\d{1,15}(\.\d{1,2})?$/;
const FRACTION = /^\d+(\.\d+)?$/;
const POLICY_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;

const regionMessage = (field: string) => ({
  message: `${field} must be a 6, 9 or 12 digit administrative division code`,
});
const yuanMessage = (field: string) => ({ message: `${field} must be yuan with at most 2 decimals, e.g. '300000.00'` });

export class FundingSharesRequest {
  @ApiProperty({ example: '0.75' }) @Matches(FRACTION, { message: 'central must be a decimal string' }) central: string;
  @ApiProperty({ example: '0.10' })
  @Matches(FRACTION, { message: 'provincial must be a decimal string' })
  provincial: string;
  @ApiProperty({ example: '0' }) @Matches(FRACTION, { message: 'city must be a decimal string' }) city: string;
  @ApiProperty({ example: '0.15' }) @Matches(FRACTION, { message: 'county must be a decimal string' }) county: string;
}

export class SubsidyRuleRequest {
  @ApiProperty({ enum: SUBSIDY_RULE_KINDS })
  @IsIn(SUBSIDY_RULE_KINDS)
  kind: string;

  @ApiPropertyOptional({
    description: 'CONTRACT_RATE_MINUS_BORROWER_SHARE only: the borrower bears LPR − this',
    example: 150,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  borrowerBearsLprMinusBasisPoints?: number;

  @ApiPropertyOptional({ description: 'PERCENT_OF_ACTUAL_INTEREST only', example: '50' })
  @IsOptional()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: "percent must be a percentage like '50'" })
  percent?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Fraction of the subsidy paid in each loan year',
    example: ['1', '0.6667', '0.3333'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Matches(FRACTION, { each: true, message: 'each taper entry must be a decimal string from 0 to 1' })
  taper?: string[];

  @ApiPropertyOptional({ type: FundingSharesRequest, description: 'Shares of the budgets; they must sum to 1' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FundingSharesRequest)
  fundingShares?: FundingSharesRequest;

  @ApiPropertyOptional({
    example: '200000.00',
    nullable: true,
    type: String,
    description: 'Principal above this is not subsidised, pro rata (the subsidy × cap ÷ principal); omit for none',
  })
  @IsOptional()
  @Matches(YUAN, yuanMessage('subsidyRule.amountCapYuan'))
  amountCapYuan?: string | null;

  @ApiPropertyOptional({
    example: 150,
    nullable: true,
    type: Number,
    description:
      'The part of the contract rate above the 1-year LPR of the signing date + this many basis points is not subsidised',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  rateCapBasisPointsOverLpr?: number | null;

  @ApiPropertyOptional({
    example: '4.95',
    nullable: true,
    type: String,
    description:
      'The part of the contract rate above this annual percentage is not subsidised (with both rate caps, the lower applies)',
  })
  @IsOptional()
  @Matches(/^\d{1,2}(\.\d{1,4})?$/, { message: "subsidyRule.rateCapAnnualPercent must be a percentage like '4.95'" })
  rateCapAnnualPercent?: string | null;

  @ApiPropertyOptional({
    example: 36,
    nullable: true,
    type: Number,
    description: 'Days from the value date + this many months on are not subsidised',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(360)
  termCapMonths?: number | null;

  @ApiPropertyOptional({
    example: '2024-01-01',
    nullable: true,
    type: String,
    description: 'Extension (展期) days are never subsidised, except those from this date (a dated local exception)',
  })
  @IsOptional()
  @IsLocalDate()
  extensionSubsidisedFrom?: string | null;

  @ApiPropertyOptional({
    example: '2024-12-31',
    nullable: true,
    type: String,
    description: 'Last day of the extension exception (inclusive); omit for open-ended',
  })
  @IsOptional()
  @IsLocalDate()
  extensionSubsidisedUntil?: string | null;

  @ApiPropertyOptional({
    example: 0,
    description: `Interest paid this many calendar days after its due date still counts as on time (default ${SUBSIDY_RULE_DEFAULTS.onTimeGraceDays})`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(90)
  onTimeGraceDays?: number;

  @ApiPropertyOptional({
    enum: SubsidyPaymentMode,
    enumName: 'SubsidyPaymentMode',
    description: `Default ${SUBSIDY_RULE_DEFAULTS.paymentMode}`,
  })
  @IsOptional()
  @IsEnum(SubsidyPaymentMode)
  paymentMode?: SubsidyPaymentMode;

  @ApiPropertyOptional({
    enum: SubsidyPayee,
    enumName: 'SubsidyPayee',
    description: `Default ${SUBSIDY_RULE_DEFAULTS.payee}`,
  })
  @IsOptional()
  @IsEnum(SubsidyPayee)
  payee?: SubsidyPayee;

  @ApiPropertyOptional({
    type: [Number],
    example: [3, 6, 9, 12],
    description: 'Months whose settlement day closes a subsidy period (default Mar/Jun/Sep/Dec)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  settlementMonths?: number[];

  @ApiPropertyOptional({ example: 20, description: 'Settlement day of those months, clamped to the month end' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  settlementDay?: number;

  @ApiPropertyOptional({ example: 10, description: 'Working days after settlement for the bank to file its claim' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  claimDeadlineWorkingDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days for the federation / guarantee agency check' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  reviewDeadlineWorkingDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days for the finance bureau to review and pay' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  paymentDeadlineWorkingDays?: number;
}

/** A new policy version. Money fields are yuan strings (`…Yuan`), converted to fen with Money.ofYuan. */
export class CreateLoanPolicyRequest {
  @ApiProperty({ example: 'CEGL-2024', description: 'Upper-case letters and digits in dash-separated groups' })
  @Matches(POLICY_CODE, {
    message: "code must be upper-case letters and digits in dash-separated groups, e.g. 'CEGL-2024'",
  })
  @MaxLength(32)
  code: string;

  @ApiProperty({ example: '创业担保贷款' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '财金〔2023〕75号', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string | null;

  @ApiProperty({
    example: '150000',
    description: 'The region whose policy this is; it applies to every region inside it',
  })
  @Matches(REGION_CODE, regionMessage('jurisdictionRegionCode'))
  jurisdictionRegionCode: string;

  @ApiProperty({
    example: '2024-01-01',
    description:
      'Inclusive; a plan: from 2000-01-01 to today + POLICY_MAX_YEARS_AHEAD (5) years; else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  effectiveFrom: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    nullable: true,
    type: String,
    description: 'Inclusive; omit for open-ended; within the same limits as effectiveFrom',
  })
  @IsOptional()
  @IsLocalDate()
  effectiveTo?: string | null;

  @ApiProperty({ example: 18 }) @IsInt() @Min(16) @Max(100) minAge: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(16) @Max(100) maxAge: number;

  @ApiPropertyOptional({
    example: 60,
    nullable: true,
    type: Number,
    description: 'Age on the maturity date must not exceed it',
  })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(120)
  maxAgePlusTermYears?: number | null;

  @ApiProperty({ example: '300000.00' })
  @Matches(YUAN, yuanMessage('individualMaxYuan'))
  individualMaxYuan: string;

  @ApiProperty({ example: '330000.00', description: 'A partnership borrows at most this × the number of partners' })
  @Matches(YUAN, yuanMessage('partnershipPerPersonMaxYuan'))
  partnershipPerPersonMaxYuan: string;

  @ApiProperty({ example: '110', description: "Percent of the sum of the partners' individual limits" })
  @Matches(/^\d{1,4}(\.\d{1,2})?$/, { message: "partnershipTotalPercentOfMembers must be a percentage like '110'" })
  partnershipTotalPercentOfMembers: string;

  @ApiPropertyOptional({ example: '4000000.00', nullable: true, type: String, description: 'Small-firm cap' })
  @IsOptional()
  @Matches(YUAN, yuanMessage('partnershipAbsoluteMaxYuan'))
  partnershipAbsoluteMaxYuan?: string | null;

  @ApiProperty({ example: 36 }) @IsInt() @Min(1) @Max(360) maxTermMonths: number;
  @ApiProperty({ example: 12 }) @IsInt() @Min(0) @Max(120) extensionMaxMonths: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(100) maxCumulativeLoans: number;
  @ApiProperty({ example: 150 }) @IsInt() @Min(0) @Max(10000) rateCapBasisPointsOverLpr: number;

  @ApiProperty({ enum: BORROWER_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(BORROWER_CATEGORIES, { each: true })
  eligibleCategories: string[];

  @ApiProperty() @IsBoolean() womenOnly: boolean;
  @ApiProperty() @IsBoolean() counterGuaranteeRequired: boolean;

  @ApiPropertyOptional({
    enum: ['REAMORTISE', 'SHORTEN'],
    description: 'How a partial prepayment reschedules the rest (default REAMORTISE)',
  })
  @IsOptional()
  @IsIn(['REAMORTISE', 'SHORTEN'])
  prepaymentMode?: 'REAMORTISE' | 'SHORTEN';

  @ApiPropertyOptional({
    enum: PenaltyBasis,
    enumName: 'PenaltyBasis',
    description:
      'What penalty interest 罚息 is charged on: PRINCIPAL (overdue principal, the default) or PRINCIPAL_AND_INTEREST (overdue principal and interest, 复利). Applies to loans signed under this version.',
  })
  @IsOptional()
  @IsEnum(PenaltyBasis)
  penaltyBasis?: PenaltyBasis;

  @ApiProperty({ enum: REPAYMENT_METHODS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REPAYMENT_METHODS, { each: true })
  repaymentMethods: string[];

  @ApiProperty({ enum: OTHER_LOAN_KINDS, isArray: true })
  @IsArray()
  @IsIn(OTHER_LOAN_KINDS, { each: true })
  otherLoanExemptKinds: string[];

  @ApiProperty({ example: '50000.00', description: 'A small consumer loan above this is not exempt' })
  @Matches(YUAN, yuanMessage('smallConsumerLoanMaxYuan'))
  smallConsumerLoanMaxYuan: string;

  @ApiProperty({ enum: EMPLOYER_KINDS, isArray: true })
  @IsArray()
  @IsIn(EMPLOYER_KINDS, { each: true })
  excludedEmployers: string[];

  @ApiProperty({ type: SubsidyRuleRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubsidyRuleRequest)
  subsidyRule: SubsidyRuleRequest;
}

export class ListLoanPoliciesQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'CEGL-2024' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string;

  @ApiPropertyOptional({ example: '150000', description: 'Exact jurisdiction' })
  @IsOptional()
  @Matches(REGION_CODE, regionMessage('jurisdictionRegionCode'))
  jurisdictionRegionCode?: string;

  @ApiPropertyOptional({ enum: POLICY_STATUSES })
  @IsOptional()
  @IsIn(POLICY_STATUSES)
  status?: PolicyStatus;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'Only versions in effect on this date' })
  @IsOptional()
  @IsLocalDate()
  effectiveOn?: string;
}

export class ResolveLoanPolicyQuery {
  @ApiProperty({ example: '150221', description: 'The region the loan is for' })
  @Matches(REGION_CODE, regionMessage('regionCode'))
  regionCode: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsLocalDate()
  date: string;

  @ApiPropertyOptional({ example: 'CEGL-2024', description: 'Only this policy line' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string;
}
