import type { DayCount } from '@mla/loans';
import type { SubsidyRule } from '@mla/loan-policies';

/** Interest received for an installment on a value date (penalty is never part of it). */
export interface InterestCollection {
  valueDate: string;
  fen: bigint;
}

/** What the subsidy needs of a loan; rates as stored on it (annualRate a fraction, LPR a percentage). */
export interface SubsidyLoanFacts {
  loanId: string;
  principalFen: bigint;
  /** Contract rate as a fraction: '0.0495'. */
  annualRate: string;
  /** The 1-year LPR on the signing date, as a percentage: '3.45'. */
  lprPercent: string;
  lprEffectiveDate: string;
  signingDate: string;
  valueDate: string;
  dayCount: DayCount;
  /** The payoff date of a loan repaid in full early: that day and later bear no interest. */
  paidOffOn?: string | null;
}

/** One installment overlapping the period, with the interest received for it. */
export interface SubsidyInstallmentFacts {
  number: number;
  /** First and last (inclusive) day of accrual. */
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  /** The installment's days under the day count; its interest is spread over them. */
  days: number;
  /** The principal the installment's interest accrued on. */
  principalBasisFen: bigint;
  interestDueFen: bigint;
  /** False for extension (展期) rows. */
  subsidisable: boolean;
  interestCollections: readonly InterestCollection[];
}

/** Everything one line is computed from; the engine reads nothing else. */
export interface SubsidyLineInput {
  loan: SubsidyLoanFacts;
  policy: { id: string; version: number | null; subsidyRule: SubsidyRule };
  /** Both ends inclusive (see settlementPeriods). */
  period: { start: string; end: string; settlementDate?: string | null };
  installments: readonly SubsidyInstallmentFacts[];
  /** The date the facts are taken on: collections after it are ignored, installments due after it are not yet due. */
  asOf: string;
  /** From a recorded follow-up: the day the borrower took a job elsewhere or closed the business; it and later days are excluded. */
  businessStoppedOn?: string | null;
  /** The part of the loan within the guarantee fund's leverage (0–1); the rest earns no subsidy. Default '1'. */
  withinLeverageFraction?: string;
  /** Penalty received in the period: reported, never subsidised. */
  penaltyCollectedFen?: bigint;
}
