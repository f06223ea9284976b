/**
 * The figures of one snapshot row, all bigint (fen or counts). Flows count what happened on the business date
 * (summed over the days of a period); stocks are the position at the end of the date (a period reads its last day).
 */
export const FLOW_FIGURES = [
  /** Loans disbursed (value date) on the day, and their principal. */
  'loansMadeCount',
  'loansMadeFen',
  /** Of them, to women (the female flag). */
  'femaleLoansMadeCount',
  'femaleLoansMadeFen',
  /** Principal and interest repaid with the day as value date (postings not reversed). */
  'repaidPrincipalFen',
  'repaidInterestFen',
  /** Principal and interest of installments falling due on the day, and what of it was paid by the due date. */
  'dueFen',
  'dueRepaidOnTimeFen',
  /** Compensation 代偿 paid by the fund on the day (claims paid), and their count. */
  'compensatedCount',
  'compensatedFen',
  /** Recovery 追偿 received by the fund on the day (net of reversals). */
  'recoveredFen',
  /** Subsidy claimed (lines of batches submitted on the day) and paid (payouts dated on the day). */
  'subsidyClaimedFen',
  'subsidyPaidFen',
  /** Jobs created, as recorded at application, counted on the loan's disbursement date. */
  'jobsCreated',
] as const;

export const STOCK_FIGURES = [
  /** Loans with principal outstanding (disbursed, not compensated), and that principal. */
  'outstandingCount',
  'outstandingFen',
  'femaleOutstandingCount',
  'femaleOutstandingFen',
  /** Loans with an installment past due and past grace, unpaid; their overdue principal and interest. */
  'overdueCount',
  'overduePrincipalFen',
  'overdueInterestFen',
  /** Outstanding principal of loans more than 30 / 90 days late (oldest unpaid due date). */
  'par30Fen',
  'par90Fen',
  /** Since the first loan: principal and interest fallen due, and what of it has been collected. */
  'cumDueFen',
  'cumCollectedFen',
  /** Since the first loan: principal lent, compensation paid, recovery received. */
  'cumLoansMadeFen',
  'cumCompensatedFen',
  'cumRecoveredFen',
  /** Applications whose review step is past its deadline (as when the snapshot was computed). */
  'reviewStepsLate',
] as const;

export type FlowFigure = (typeof FLOW_FIGURES)[number];
export type StockFigure = (typeof STOCK_FIGURES)[number];
export type FigureName = FlowFigure | StockFigure;
export const FIGURE_NAMES: readonly FigureName[] = [...FLOW_FIGURES, ...STOCK_FIGURES];

export type Figures = Record<FigureName, bigint>;

export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURE_NAMES.map((n) => [n, 0n])) as Figures;
}

/** snake_case column of a figure: 'loansMadeFen' → 'loans_made_fen'. */
export function columnOf(name: FigureName): string {
  return name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}

/**
 * The figures of a period from its days, oldest first: flows summed, stocks from the last day. No day: all zero
 * (rates then do not apply).
 */
export function periodFigures(days: readonly Figures[]): Figures {
  const out = emptyFigures();
  for (const day of days) for (const name of FLOW_FIGURES) out[name] += day[name];
  const last = days[days.length - 1];
  if (last) for (const name of STOCK_FIGURES) out[name] = last[name];
  return out;
}
