import type { DayCount } from '@mla/loans';
import type { FundingShares, SubsidyRule } from '@mla/loan-policies';

/** The checks every subsidy line runs, in the order they are reported. */
export enum SubsidyCheck {
  WITHIN_AMOUNT_CAP = 'WITHIN_AMOUNT_CAP',
  WITHIN_RATE_CAP = 'WITHIN_RATE_CAP',
  WITHIN_TERM_CAP = 'WITHIN_TERM_CAP',
  NOT_EXTENSION_PERIOD = 'NOT_EXTENSION_PERIOD',
  PAID_ON_TIME = 'PAID_ON_TIME',
  PENALTY_NOT_SUBSIDISED = 'PENALTY_NOT_SUBSIDISED',
  WITHIN_INTEREST_COLLECTED = 'WITHIN_INTEREST_COLLECTED',
  BORROWER_STILL_SELF_EMPLOYED = 'BORROWER_STILL_SELF_EMPLOYED',
  WITHIN_FUND_LEVERAGE = 'WITHIN_FUND_LEVERAGE',
  LOAN_RAN_WHOLE_PERIOD = 'LOAN_RAN_WHOLE_PERIOD',
}

/** Why a check reduced the subsidy (or, for the extension exception, why excluded days were kept). */
export enum SubsidyCheckReason {
  AMOUNT_ABOVE_CAP = 'AMOUNT_ABOVE_CAP',
  RATE_ABOVE_CAP = 'RATE_ABOVE_CAP',
  DAYS_BEYOND_TERM_CAP = 'DAYS_BEYOND_TERM_CAP',
  EXTENSION_DAYS_EXCLUDED = 'EXTENSION_DAYS_EXCLUDED',
  EXTENSION_DAYS_SUBSIDISED_BY_EXCEPTION = 'EXTENSION_DAYS_SUBSIDISED_BY_EXCEPTION',
  INTEREST_PAID_LATE_OR_UNPAID = 'INTEREST_PAID_LATE_OR_UNPAID',
  INTEREST_NOT_YET_DUE = 'INTEREST_NOT_YET_DUE',
  PENALTY_EXCLUDED = 'PENALTY_EXCLUDED',
  CAPPED_AT_INTEREST_COLLECTED = 'CAPPED_AT_INTEREST_COLLECTED',
  BORROWER_STOPPED_SELF_EMPLOYMENT = 'BORROWER_STOPPED_SELF_EMPLOYMENT',
  LIABILITY_ABOVE_LEVERAGE = 'LIABILITY_ABOVE_LEVERAGE',
  PAID_OFF_IN_PERIOD = 'PAID_OFF_IN_PERIOD',
}

export const SUBSIDY_CHECKS: readonly SubsidyCheck[] = Object.values(SubsidyCheck);
export const SUBSIDY_CHECK_REASONS: readonly SubsidyCheckReason[] = Object.values(SubsidyCheckReason);

/** One check of a line: passed, or failed with the reason and how much it took away. */
export interface SubsidyCheckResult {
  check: SubsidyCheck;
  passed: boolean;
  /** Null when the check passed without remark; the key of a zh-CN / English label (SUBSIDY_CHECK_REASON_LABELS). */
  reason: SubsidyCheckReason | null;
  /** Days of the period the check took out (day-based checks). */
  excludedDays?: number;
  /** The factor the check applied to the subsidy (fraction checks), as a decimal string. */
  factor?: string;
  /** Figures behind the check, for the auditor. */
  detail?: Record<string, string | number | null>;
}

/** A run of days of one installment inside the period, with what the checks said about it. */
export interface SubsidySegment {
  installmentNumber: number;
  from: string;
  to: string;
  /** Days under the loan's day count; `installmentDays` are the installment's, the interest is split by them. */
  days: number;
  installmentDays: number;
  principalBasisFen: bigint;
  /** The installment's interest for these days (exact, in fen, 6 decimals). */
  interestFen: string;
  loanYear: number;
  taperFactor: string;
  /** Null when the days count; else why they do not. */
  excludedBecause: SubsidyCheckReason | null;
}

/** The split of a line's subsidy between the budgets, in fen; the four parts sum exactly to the subsidy. */
export type FundingSplitFen = Record<keyof FundingShares, bigint>;

/**
 * One loan's subsidy for one settlement period, with every input kept: finance bureaus audit line by line.
 * Rates are annual percentages as decimal strings ('4.95'); money is fen.
 */
export interface SubsidyLine {
  loanId: string;
  policyId: string;
  policyVersion: number | null;
  formula: SubsidyRule['kind'];
  /** The rule as applied (with its parameters), so a later rule change does not rewrite history. */
  rule: SubsidyRule;
  periodStart: string;
  periodEnd: string;
  settlementDate: string | null;
  /** Days of the period the loan accrued interest, and of those the days that count for the subsidy. */
  periodDays: number;
  subsidisedDays: number;
  dayCount: DayCount;
  yearBasisDays: number;
  valueDate: string;
  signingDate: string;
  principalFen: bigint;
  amountCapFen: bigint | null;
  /** min(principal, cap): the principal the subsidy is paid on. */
  subsidisedPrincipalFen: bigint;
  contractRatePercent: string;
  lprPercent: string;
  lprEffectiveDate: string;
  /** The lower of the rule's rate caps, or null without one. */
  rateCapPercent: string | null;
  /** min(contract rate, cap): the rate the formula applies to. */
  eligibleRatePercent: string;
  subsidyRatePercent: string;
  /** Contract rate − subsidy rate. */
  borrowerRatePercent: string;
  loanYears: number[];
  taperFactors: string[];
  leverageFraction: string;
  businessStoppedOn: string | null;
  paidOffOn: string | null;
  /** The installments' interest for the period's days, rounded half-up once. */
  interestDueFen: bigint;
  /** Interest received (by value date up to asOf) for the period's days, and of it what was received on time. */
  interestCollectedFen: bigint;
  interestCollectedOnTimeFen: bigint;
  penaltyCollectedFen: bigint;
  /** The subsidy before its single rounding (fen, 6 decimals). */
  exactSubsidyFen: string;
  subsidyFen: bigint;
  /** What the borrower bears of the period's interest: interest due − subsidy. */
  borrowerBearsFen: bigint;
  fundingShares: FundingShares;
  fundingSplitFen: FundingSplitFen;
  checks: SubsidyCheckResult[];
  segments: SubsidySegment[];
  computedAsOf: string;
}
