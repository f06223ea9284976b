import type { Decimal, LocalDate, Money, RoundingMode } from '@mla/core';

/** How a loan is repaid; the same codes as the loan policy's RepaymentMethod (libs/loans). */
export type RepaymentMethod =
  | 'EQUAL_INSTALLMENT'
  | 'EQUAL_PRINCIPAL'
  | 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY'
  | 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY'
  | 'BULLET'
  | 'CUSTOM_PRINCIPAL_PLAN';

export const SCHEDULE_METHODS: ReadonlyArray<RepaymentMethod> = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  'BULLET',
  'CUSTOM_PRINCIPAL_PLAN',
];

/**
 * ACT_360: actual days / 360 (日利率 = 年利率 / 360, the domain default). ACT_365: actual days / 365 (fixed).
 * 30_360: every month counts 30 days (30E/360 on the schedule's nominal days, so a clamped due date such as
 * 02-28 for day 31 still closes a 30-day month), over 360.
 */
export type DayCount = 'ACT_360' | 'ACT_365' | '30_360';
export const DAY_COUNTS: ReadonlyArray<DayCount> = ['ACT_360', 'ACT_365', '30_360'];

/**
 * PERIODIC: a whole month accrues annual / 12 (a quarter annual / 4, …); a broken period accrues its whole
 * months that way and its odd days by the day count (整月按月利率, 零头天数按日利率).
 * ACTUAL_DAYS: every period accrues balance × annual × days / basis under the day count.
 */
export type InterestBasis = 'PERIODIC' | 'ACTUAL_DAYS';
export const INTEREST_BASES: ReadonlyArray<InterestBasis> = ['PERIODIC', 'ACTUAL_DAYS'];

export interface ScheduleConventions {
  dayCount: DayCount;
  /** Defaults by method: PERIODIC for 等额本息/等额本金, ACTUAL_DAYS for interest-only, bullet and custom plans. */
  interestBasis: InterestBasis;
  /** Rounding of each interest amount, of 等额本金 shares and of custom-plan amounts to the fen. */
  rounding: RoundingMode;
  /** Rounding of the level installment of 等额本息 to the fen, or to installmentMultipleFen when set. */
  installmentRounding: RoundingMode;
  /**
   * 等额本息 only: the level installment is a multiple of this many fen (100 = whole yuan, 1000 = 10 yuan), like
   * an "installment in multiples of" setting; the last row repays what is left. 1 (default) rounds to the fen.
   * Other methods accept only 1: they have no level installment to round.
   */
  installmentMultipleFen: number;
  /** Day of the month interest is settled on (结息日) for INTEREST_QUARTERLY_…; clamped in short months. */
  settlementDay: number;
  /** Months with a settlement day; [3, 6, 9, 12] is quarterly, [6, 12] half-yearly. */
  settlementMonths: number[];
  /**
   * false (default, 算头不算尾): a period ends the day before its due date, which starts the next period.
   * true (算头又算尾): a period runs through its due date and the next starts the day after.
   * Settlement periods always run through the settlement day.
   */
  countMaturityDay: boolean;
  /**
   * false (default): due dates keep the anchor's day and clamp in short months (01-31 → 02-28 → 03-31).
   * true: when the anchor is the last day of its month every due date is a month end (02-28 → 03-31 → 04-30).
   */
  endOfMonthRule: boolean;
}

/** Share of the principal repaid with the installment of a given month (1-based), in percent: '10' = 10%. */
export interface PrincipalPlanEntry {
  month: number;
  percent: string;
}

export interface ScheduleInput {
  principal: Money;
  /** Annual rate as a fraction: '0.0435' for 4.35% (values above 1 are rejected as a likely percent). */
  annualRate: Decimal | string;
  /** Disbursement (value) date: the first day interest accrues. */
  valueDate: LocalDate;
  termMonths: number;
  method: RepaymentMethod;
  /**
   * Monthly methods only: the first due date (default valueDate + 1 month). Later due dates keep its day
   * and the loan matures termMonths − 1 months after it; the first period may be short or long.
   */
  firstDueDate?: LocalDate;
  /** CUSTOM_PRINCIPAL_PLAN only: percents summing to 100, the last one in month termMonths. */
  principalPlan?: ReadonlyArray<PrincipalPlanEntry>;
  conventions?: Partial<ScheduleConventions>;
}

export interface ScheduleRow {
  /** 1-based. */
  number: number;
  /** First day of interest accrual. */
  periodStart: LocalDate;
  /** Last day of interest accrual (inclusive). */
  periodEnd: LocalDate;
  dueDate: LocalDate;
  /** Days the day count gives the period (actual days under ACT_*; 30 per month under 30_360). */
  days: number;
  principal: Money;
  interest: Money;
  total: Money;
  /** Principal outstanding after this row is paid. */
  balanceAfter: Money;
}

export interface Schedule {
  rows: ScheduleRow[];
  totalPrincipal: Money;
  totalInterest: Money;
  /** Due date of the last row. */
  maturityDate: LocalDate;
  /** The conventions actually used, defaults filled in: store these with the loan. */
  conventions: ScheduleConventions;
}
