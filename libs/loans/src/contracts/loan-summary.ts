import { LocalDate } from '@mla/core';
import { allPaid, anyOverdue, bringUpTo } from '../servicing/loan-ledger';
import { toLedgerRow } from '../servicing/loan-ledger-rows';
import { rewindTo } from '../servicing/loan-replay';
import { penaltyTermsOf, type PenaltyTermsSource } from '../servicing/penalty';
import type { Installment } from './installment.entity';
import type { Loan } from './loan.entity';
import { InstallmentStatus, LoanStatus } from './loan-status';

export interface LoanSummary {
  principalOutstandingFen: bigint;
  principalPaidFen: bigint;
  interestPaidFen: bigint;
  /** Principal, interest and penalty owed on installments overdue on the date. */
  overdueFen: bigint;
  penaltyOutstandingFen: bigint;
  /** Days since the oldest unpaid overdue installment fell due; 0 when nothing is overdue. */
  daysPastDue: number;
  /** The due date of the earliest installment not yet paid (past ones first). */
  nextDueDate: string | null;
  /** What is still owed on that installment. */
  nextDueFen: bigint | null;
}

const owed = (i: Installment) =>
  i.principalDueFen -
  i.principalPaidFen +
  (i.interestDueFen - i.interestPaidFen) +
  (i.penaltyAccruedFen - i.penaltyPaidFen);

/**
 * The installments as they stand on a date, whether or not the nightly close has run: penalty counted and charged
 * to the date, statuses from the figures (copies; nothing is written).
 */
export function installmentsOn(
  installments: readonly Installment[],
  loan: PenaltyTermsSource,
  asOf: LocalDate,
): Installment[] {
  // A loan out of servicing (compensated, written off, repaid) accrues nothing more, as the nightly close sees it.
  const status = (loan as { status?: string }).status;
  if (status !== undefined && status !== LoanStatus.ACTIVE && status !== LoanStatus.OVERDUE) return [...installments];
  const terms = penaltyTermsOf(loan);
  const date = asOf.toString();
  const rows = installments.map(toLedgerRow);
  for (const r of rows) rewindTo(r, date, terms);
  bringUpTo(rows, date, terms);
  return installments.map((i, k) => ({
    ...i,
    status: rows[k].status,
    penaltyFenDays: rows[k].penaltyFenDays,
    penaltyAccruedThrough: rows[k].penaltyThrough,
    penaltyAccruedFen: rows[k].penaltyAccrued,
  }));
}

/** A loan in servicing is overdue on a date when an installment is; a loan out of servicing keeps its status. */
export function loanStatusOn(loan: Loan, on: readonly Installment[]): LoanStatus {
  if (loan.status !== LoanStatus.ACTIVE && loan.status !== LoanStatus.OVERDUE) return loan.status;
  const rows = on.map(toLedgerRow);
  if (allPaid(rows)) return loan.status;
  return anyOverdue(rows) ? LoanStatus.OVERDUE : LoanStatus.ACTIVE;
}

/** Figures of a loan on a business date, derived from its installments brought to that date (nothing stored twice). */
export function summarizeLoan(
  installments: readonly Installment[],
  loan: PenaltyTermsSource,
  asOf: LocalDate,
): LoanSummary {
  const on = installmentsOn(installments, loan, asOf);
  const live = on.filter((i) => i.status !== InstallmentStatus.SUPERSEDED);
  const sum = (f: (i: Installment) => bigint) => live.reduce((s, i) => s + f(i), 0n);
  const overdue = live.filter((i) => i.status === InstallmentStatus.OVERDUE && owed(i) > 0n);
  const oldest = overdue.reduce<string | null>((min, i) => (min === null || i.dueDate < min ? i.dueDate : min), null);
  const next =
    [...live].sort((a, b) => a.number - b.number).find((i) => i.status !== InstallmentStatus.PAID && owed(i) > 0n) ??
    null;
  return {
    principalOutstandingFen: sum((i) => i.principalDueFen - i.principalPaidFen),
    principalPaidFen: sum((i) => i.principalPaidFen),
    interestPaidFen: sum((i) => i.interestPaidFen),
    overdueFen: overdue.reduce((s, i) => s + owed(i), 0n),
    penaltyOutstandingFen: sum((i) => i.penaltyAccruedFen - i.penaltyPaidFen),
    daysPastDue: oldest === null ? 0 : Math.max(0, LocalDate.parse(oldest).daysUntil(asOf)),
    nextDueDate: next?.dueDate ?? null,
    nextDueFen: next ? owed(next) : null,
  };
}
