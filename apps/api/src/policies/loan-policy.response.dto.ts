import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Money } from '@mla/core';
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
  type LoanPolicy,
  type SubsidyRule,
} from '@mla/loan-policies';

const yuan = (fen: bigint): string => Money.ofFen(fen).toYuanString();

export class FundingSharesResponse {
  @ApiProperty({ example: '0.75' }) central: string;
  @ApiProperty({ example: '0.10' }) provincial: string;
  @ApiProperty({ example: '0' }) city: string;
  @ApiProperty({ example: '0.15' }) county: string;
}

export class SubsidyRuleResponse {
  @ApiProperty({ enum: SUBSIDY_RULE_KINDS }) kind: string;
  @ApiPropertyOptional({ example: 150 }) borrowerBearsLprMinusBasisPoints?: number;
  @ApiPropertyOptional({ example: '50' }) percent?: string;
  @ApiPropertyOptional({ type: [String], example: ['1', '0.6667', '0.3333'] }) taper?: string[];
  @ApiPropertyOptional({ type: FundingSharesResponse }) fundingShares?: FundingSharesResponse;
  @ApiPropertyOptional({ example: '200000.00' }) amountCapYuan?: string;
  @ApiPropertyOptional({ example: 150 }) rateCapBasisPointsOverLpr?: number;
  @ApiPropertyOptional({ example: '4.95' }) rateCapAnnualPercent?: string;
  @ApiPropertyOptional({ example: 36 }) termCapMonths?: number;
  @ApiPropertyOptional({ example: '2024-01-01' }) extensionSubsidisedFrom?: string;
  @ApiPropertyOptional({ example: '2024-12-31' }) extensionSubsidisedUntil?: string;
  @ApiProperty({ example: 0 }) onTimeGraceDays: number;
  @ApiProperty({ enum: SubsidyPaymentMode, enumName: 'SubsidyPaymentMode' }) paymentMode: SubsidyPaymentMode;
  @ApiProperty({ enum: SubsidyPayee, enumName: 'SubsidyPayee' }) payee: SubsidyPayee;
  @ApiProperty({ type: [Number], example: [3, 6, 9, 12] }) settlementMonths: number[];
  @ApiProperty({ example: 20 }) settlementDay: number;
  @ApiProperty({ example: 10 }) claimDeadlineWorkingDays: number;
  @ApiProperty({ example: 5 }) reviewDeadlineWorkingDays: number;
  @ApiProperty({ example: 5 }) paymentDeadlineWorkingDays: number;

  /** The stored rule with its defaults filled in (rules stored before a field existed read with its default). */
  static from(rule: SubsidyRule): SubsidyRuleResponse {
    const { amountCapFen, ...rest } = rule;
    const d = SUBSIDY_RULE_DEFAULTS;
    return {
      ...rest,
      ...(amountCapFen ? { amountCapYuan: yuan(BigInt(amountCapFen)) } : {}),
      onTimeGraceDays: rule.onTimeGraceDays ?? d.onTimeGraceDays,
      paymentMode: rule.paymentMode ?? d.paymentMode,
      payee: rule.payee ?? d.payee,
      settlementMonths: [...(rule.settlementMonths ?? d.settlementMonths)],
      settlementDay: rule.settlementDay ?? d.settlementDay,
      claimDeadlineWorkingDays: rule.claimDeadlineWorkingDays ?? d.claimDeadlineWorkingDays,
      reviewDeadlineWorkingDays: rule.reviewDeadlineWorkingDays ?? d.reviewDeadlineWorkingDays,
      paymentDeadlineWorkingDays: rule.paymentDeadlineWorkingDays ?? d.paymentDeadlineWorkingDays,
    };
  }
}

/** A policy version. Money fields are yuan strings with 2 decimals (`…Yuan`). */
export class LoanPolicyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CEGL-2024' }) code: string;
  @ApiProperty({ example: '创业担保贷款' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '财金〔2023〕75号' }) legalBasis: string | null;
  @ApiProperty({ example: '150000' }) jurisdictionRegionCode: string;
  @ApiProperty({ example: '2024-01-01' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String, example: null }) effectiveTo: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: POLICY_STATUSES }) status: string;
  @ApiProperty({ example: 18 }) minAge: number;
  @ApiProperty({ example: 60 }) maxAge: number;
  @ApiProperty({ nullable: true, type: Number }) maxAgePlusTermYears: number | null;
  @ApiProperty({ example: '300000.00' }) individualMaxYuan: string;
  @ApiProperty({ example: '330000.00' }) partnershipPerPersonMaxYuan: string;
  @ApiProperty({ example: '110.00' }) partnershipTotalPercentOfMembers: string;
  @ApiProperty({ nullable: true, type: String, example: '4000000.00' }) partnershipAbsoluteMaxYuan: string | null;
  @ApiProperty({ example: 36 }) maxTermMonths: number;
  @ApiProperty({ example: 12 }) extensionMaxMonths: number;
  @ApiProperty({ example: 3 }) maxCumulativeLoans: number;
  @ApiProperty({ example: 150 }) rateCapBasisPointsOverLpr: number;
  @ApiProperty({ enum: BORROWER_CATEGORIES, isArray: true }) eligibleCategories: string[];
  @ApiProperty() womenOnly: boolean;
  @ApiProperty() counterGuaranteeRequired: boolean;
  @ApiProperty({ enum: ['REAMORTISE', 'SHORTEN'] }) prepaymentMode: string;
  @ApiProperty({ enum: PenaltyBasis, enumName: 'PenaltyBasis' }) penaltyBasis: string;
  @ApiProperty({ enum: REPAYMENT_METHODS, isArray: true }) repaymentMethods: string[];
  @ApiProperty({ enum: OTHER_LOAN_KINDS, isArray: true }) otherLoanExemptKinds: string[];
  @ApiProperty({ example: '50000.00' }) smallConsumerLoanMaxYuan: string;
  @ApiProperty({ enum: EMPLOYER_KINDS, isArray: true }) excludedEmployers: string[];
  @ApiProperty({ type: SubsidyRuleResponse }) subsidyRule: SubsidyRuleResponse;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) retiredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(p: LoanPolicy): LoanPolicyResponse {
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      legalBasis: p.legalBasis,
      jurisdictionRegionCode: p.jurisdictionRegionCode,
      effectiveFrom: p.effectiveFrom,
      effectiveTo: p.effectiveTo,
      version: p.version,
      status: p.status,
      minAge: p.minAge,
      maxAge: p.maxAge,
      maxAgePlusTermYears: p.maxAgePlusTermYears,
      individualMaxYuan: yuan(p.individualMaxFen),
      partnershipPerPersonMaxYuan: yuan(p.partnershipPerPersonMaxFen),
      partnershipTotalPercentOfMembers: p.partnershipTotalPercentOfMembers,
      partnershipAbsoluteMaxYuan: p.partnershipAbsoluteMaxFen === null ? null : yuan(p.partnershipAbsoluteMaxFen),
      maxTermMonths: p.maxTermMonths,
      extensionMaxMonths: p.extensionMaxMonths,
      maxCumulativeLoans: p.maxCumulativeLoans,
      rateCapBasisPointsOverLpr: p.rateCapBasisPointsOverLpr,
      eligibleCategories: p.eligibleCategories,
      womenOnly: p.womenOnly,
      counterGuaranteeRequired: p.counterGuaranteeRequired,
      prepaymentMode: p.prepaymentMode,
      penaltyBasis: p.penaltyBasis,
      repaymentMethods: p.repaymentMethods,
      otherLoanExemptKinds: p.otherLoanExemptKinds,
      smallConsumerLoanMaxYuan: yuan(p.smallConsumerLoanMaxFen),
      excludedEmployers: p.excludedEmployers,
      subsidyRule: SubsidyRuleResponse.from(p.subsidyRule),
      retiredAt: p.retiredAt ? p.retiredAt.toISOString() : null,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class LoanPolicyPage {
  @ApiProperty({ type: [LoanPolicyResponse] }) items: LoanPolicyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
