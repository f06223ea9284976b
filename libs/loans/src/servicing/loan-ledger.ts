import { InstallmentStatus } from '../contracts/loan-status';
import { allocateRepayment, type AllocationLine, type Component } from './allocate-repayment';
import { daysBetween, graceEnd, penaltyBasisFen, penaltyOfFenDays, type PenaltyTerms } from './penalty';

/**
 * One installment as servicing sees it. Penalty is kept as `penaltyFenDays` (the overdue basis summed over the
 * days since the due date) counted up to `penaltyThrough`; what it costs is derived from it. Everything here is a
 * function of the schedule, the payments (in value-date order) and a date: never of when a batch ran.
 */
export interface LedgerRow {
  id: string;
  number: number;
  dueDate: string;
  principalDue: bigint;
  interestDue: bigint;
  principalPaid: bigint;
  interestPaid: bigint;
  penaltyPaid: bigint;
  penaltyFenDays: bigint;
  /** Penalty basis counted through this date (null: nothing counted yet; counting starts on the due date). */
  penaltyThrough: string | null;
  /** The penalty charged so far (fen): derived from penaltyFenDays once grace has passed. */
  penaltyAccrued: bigint;
  status: InstallmentStatus;
}

export interface LedgerPayment {
  amount: bigint;
  valueDate: string;
}

export interface PaymentOutcome {
  lines: (AllocationLine & { statusBefore: InstallmentStatus })[];
  /** What no installment could take, held as the borrower's credit. */
  credit: bigint;
}

const isLive = (r: LedgerRow) => r.status !== InstallmentStatus.SUPERSEDED;
const isOpen = (r: LedgerRow) => r.status !== InstallmentStatus.SUPERSEDED && r.status !== InstallmentStatus.PAID;

/** Counts the overdue basis from where it stopped up to `date` (nothing before the due date). Mutates `row`. */
export function accrueTo(row: LedgerRow, date: string, terms: PenaltyTerms): void {
  if (!isLive(row) || date <= row.dueDate) return;
  const from = row.penaltyThrough ?? row.dueDate;
  if (date <= from) return;
  const basis = penaltyBasisFen(row, terms);
  if (basis > 0n) row.penaltyFenDays += basis * BigInt(daysBetween(from, date));
  row.penaltyThrough = date;
  if (date > graceEnd(row.dueDate, terms.graceDays)) {
    const charged = penaltyOfFenDays(row.penaltyFenDays, terms);
    if (charged > row.penaltyAccrued) row.penaltyAccrued = charged;
  }
}

/** The status an installment has on `date`, from its figures alone. */
export function statusOn(row: LedgerRow, date: string, terms: PenaltyTerms): InstallmentStatus {
  if (!isLive(row)) return row.status;
  const owed =
    row.principalDue -
    row.principalPaid +
    (row.interestDue - row.interestPaid) +
    (row.penaltyAccrued - row.penaltyPaid);
  if (owed <= 0n) return InstallmentStatus.PAID;
  if (date > graceEnd(row.dueDate, terms.graceDays)) return InstallmentStatus.OVERDUE;
  return row.principalPaid + row.interestPaid + row.penaltyPaid > 0n
    ? InstallmentStatus.PARTIALLY_PAID
    : InstallmentStatus.PENDING;
}

/** Brings every installment up to `date`: penalty counted and charged, statuses as of that date. Mutates `rows`. */
export function bringUpTo(rows: LedgerRow[], date: string, terms: PenaltyTerms): void {
  for (const row of rows) {
    if (!isOpen(row)) continue;
    accrueTo(row, date, terms);
    row.status = statusOn(row, date, terms);
  }
}

/**
 * One payment on its value date: penalty is first brought up to that date, then the amount goes to the installments
 * due by then and the one falling due next, oldest first, in the loan's component order; the rest is credit.
 * Mutates `rows`.
 */
export function applyPayment(
  rows: LedgerRow[],
  payment: LedgerPayment,
  terms: PenaltyTerms,
  order: readonly Component[],
): PaymentOutcome {
  const date = payment.valueDate;
  bringUpTo(rows, date, terms);
  const live = rows.filter(isLive).sort((a, b) => a.number - b.number);
  const due = live.filter((r) => r.dueDate <= date && isOpen(r));
  // The installment falling due next after the value date, whether or not an earlier payment of the same day
  // already paid it: so that payments of one date end the same in any order (what is left is credit).
  const next = live.find((r) => r.dueDate > date);
  const targets = next && isOpen(next) ? [...due, next] : due;
  if (targets.length === 0) return { lines: [], credit: payment.amount };
  const allocation = allocateRepayment(
    targets.map((r) => ({
      id: r.id,
      number: r.number,
      penaltyOwed: r.penaltyAccrued > r.penaltyPaid ? r.penaltyAccrued - r.penaltyPaid : 0n,
      interestOwed: r.interestDue - r.interestPaid,
      principalOwed: r.principalDue - r.principalPaid,
    })),
    payment.amount,
    order,
  );
  const byId = new Map(targets.map((r) => [r.id, r]));
  const lines = allocation.lines.map((l) => {
    const row = byId.get(l.installmentId) as LedgerRow;
    const statusBefore = row.status;
    row.penaltyPaid += l.penalty;
    row.interestPaid += l.interest;
    row.principalPaid += l.principal;
    row.status = statusOn(row, date, terms);
    return { ...l, statusBefore };
  });
  return { lines, credit: allocation.credit };
}

/** The schedule before any payment: what the loan owes from its disbursement. */
export function unpaid(rows: readonly LedgerRow[]): LedgerRow[] {
  return rows.map((r) => ({
    ...r,
    principalPaid: 0n,
    interestPaid: 0n,
    penaltyPaid: 0n,
    penaltyFenDays: 0n,
    penaltyThrough: null,
    penaltyAccrued: 0n,
    status: r.status === InstallmentStatus.SUPERSEDED ? r.status : InstallmentStatus.PENDING,
  }));
}

/** Whether every live installment is paid. */
export function allPaid(rows: readonly LedgerRow[]): boolean {
  return rows.every((r) => !isOpen(r));
}

export function anyOverdue(rows: readonly LedgerRow[]): boolean {
  return rows.some((r) => r.status === InstallmentStatus.OVERDUE);
}
