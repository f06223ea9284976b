import type { SubsidyRule } from './subsidy-rule';

export type PolicyStatus = 'ACTIVE' | 'RETIRED';

/** After a partial prepayment: keep the maturity (smaller installments) or keep the installment (earlier end). */
export type PrepaymentMode = 'REAMORTISE' | 'SHORTEN';
export const PREPAYMENT_MODES: readonly PrepaymentMode[] = ['REAMORTISE', 'SHORTEN'];
/** What penalty interest 罚息 is charged on: overdue principal only, or overdue principal and interest (复利). */
export enum PenaltyBasis {
  PRINCIPAL = 'PRINCIPAL',
  PRINCIPAL_AND_INTEREST = 'PRINCIPAL_AND_INTEREST',
}
export const PENALTY_BASES: readonly PenaltyBasis[] = Object.values(PenaltyBasis);
export const POLICY_STATUSES: readonly PolicyStatus[] = ['ACTIVE', 'RETIRED'];

/**
 * Every number and list a loan policy configures: what the eligibility engine, and later the schedule and
 * subsidy calculations, read. Money is whole fen; rates and percentages are decimal strings.
 */
export interface PolicyRules {
  minAge: number;
  maxAge: number;
  /** Age on the maturity date must not exceed this; null when the place has no such rule. */
  maxAgePlusTermYears: number | null;
  individualMaxFen: bigint;
  /** A partnership may borrow at most this × the number of partners. */
  partnershipPerPersonMaxFen: bigint;
  /** A partnership may borrow at most this percentage of the sum of its members' individual limits, e.g. '110'. */
  partnershipTotalPercentOfMembers: string;
  /** Small-firm cap on a partnership loan; null for none. */
  partnershipAbsoluteMaxFen: bigint | null;
  maxTermMonths: number;
  /** One extension of at most this many months, never subsidised. */
  extensionMaxMonths: number;
  /** At most this many programme loans per person, this one included. */
  maxCumulativeLoans: number;
  /** Contract rate ≤ 1-year LPR on the signing date + this many basis points. */
  rateCapBasisPointsOverLpr: number;
  /** BorrowerCategory codes. */
  eligibleCategories: string[];
  /** The women's line: a male sex digit on the ID is a warning, never a rejection. */
  womenOnly: boolean;
  counterGuaranteeRequired: boolean;
  /** How a partial prepayment reschedules the rest. */
  prepaymentMode: PrepaymentMode;
  /** What penalty is charged on, for loans signed under this version (default overdue principal only). */
  penaltyBasis: PenaltyBasis;
  /** RepaymentMethod codes. */
  repaymentMethods: string[];
  /** OtherLoanKind codes that do not block a new loan. */
  otherLoanExemptKinds: string[];
  /** A SMALL_CONSUMER loan above this is not exempt. */
  smallConsumerLoanMaxFen: bigint;
  /** EmployerKind codes whose employees are not eligible. */
  excludedEmployers: string[];
  subsidyRule: SubsidyRule;
}
