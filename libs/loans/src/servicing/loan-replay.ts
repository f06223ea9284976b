import type { Component } from './allocate-repayment';
import { applyPayment, bringUpTo, statusOn, type LedgerRow, type PaymentOutcome } from './loan-ledger';
import { daysBetween, graceEnd, penaltyBasisFen, penaltyOfFenDays, type PenaltyTerms } from './penalty';

/** A posting already made, with how it was split (what a replay may have to undo and redo). */
export interface PostedPayment {
  id: string;
  seq: bigint;
  kind: string;
  amount: bigint;
  valueDate: string;
  credit: bigint;
  lines: { installmentId: string; penalty: bigint; interest: bigint; principal: bigint }[];
}

export interface ReplayPlan {
  /** The loan's installments as stored now. */
  rows: LedgerRow[];
  /** Postings later than the change (by value date, then arrival), oldest first: undone, then redone. */
  later: PostedPayment[];
  /** The posting to take back (a reversal), already among `later`... or null. */
  removeId: string | null;
  /** The new payment (a posting), applied in its place (after postings of the same value date), or null. */
  add: { amount: bigint; valueDate: string } | null;
  /** The value date the change takes effect from. */
  from: string;
  terms: PenaltyTerms;
  order: readonly Component[];
  /** Today: the rows are brought at least this far (a reversal on a loan no close visits any more). */
  today?: string;
}

export interface ReplayResult {
  rows: LedgerRow[];
  /** Each later posting (and the new one, id null) with its split as replayed. */
  outcomes: { id: string | null; outcome: PaymentOutcome }[];
  /** Credit held after the change, minus credit held before (fen). */
  creditDelta: bigint;
}

/**
 * Counts the overdue basis back from where it was brought up to, to `date`: exact, because the basis did not change
 * in between (every later allocation has already been undone). Mutates `row`.
 */
export function rewindTo(row: LedgerRow, date: string, terms: PenaltyTerms): void {
  if (row.penaltyThrough === null || row.penaltyThrough <= date) return;
  const back = date > row.dueDate ? date : row.dueDate;
  row.penaltyFenDays -= penaltyBasisFen(row, terms) * BigInt(daysBetween(back, row.penaltyThrough));
  row.penaltyThrough = date > row.dueDate ? date : null;
  row.penaltyAccrued =
    row.penaltyThrough !== null && row.penaltyThrough > graceEnd(row.dueDate, terms.graceDays)
      ? penaltyOfFenDays(row.penaltyFenDays, terms)
      : 0n;
}

/**
 * A change at value date `from` (a new payment, or a payment taken back) in value-date order: the later postings and
 * every day counted after `from` are undone, the change is made, and the later postings are applied again in their
 * order; then everything is brought back up to the latest date it had been brought up to. The end state is what
 * posting everything in value-date order would have given. Pure: works on copies.
 */
export function replay(plan: ReplayPlan): ReplayResult {
  const rows = plan.rows.map((r) => ({ ...r }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const horizon = rows.reduce(
    (max, r) => (r.penaltyThrough !== null && r.penaltyThrough > max ? r.penaltyThrough : max),
    plan.from,
  );
  let creditBefore = 0n;
  // Undo, newest first: days counted after each posting, then the posting's split.
  for (const p of [...plan.later].reverse()) {
    for (const r of rows) rewindTo(r, p.valueDate, plan.terms);
    for (const l of p.lines) {
      const r = byId.get(l.installmentId);
      if (!r) throw new Error(`allocation to an installment not of this loan: ${l.installmentId}`);
      r.penaltyPaid -= l.penalty;
      r.interestPaid -= l.interest;
      r.principalPaid -= l.principal;
    }
    creditBefore += p.credit;
  }
  for (const r of rows) {
    rewindTo(r, plan.from, plan.terms);
    r.status = statusOn(r, plan.from, plan.terms);
  }
  // Redo in value-date order, the new payment after the postings of its own date.
  const queue: { id: string | null; amount: bigint; valueDate: string }[] = plan.later
    .filter((p) => p.id !== plan.removeId)
    .map((p) => ({ id: p.id, amount: p.amount, valueDate: p.valueDate }));
  if (plan.add) {
    const at = queue.findIndex((p) => p.valueDate > (plan.add as { valueDate: string }).valueDate);
    queue.splice(at < 0 ? queue.length : at, 0, { id: null, ...plan.add });
  }
  const outcomes = queue.map((p) => ({
    id: p.id,
    outcome: applyPayment(rows, { amount: p.amount, valueDate: p.valueDate }, plan.terms, plan.order),
  }));
  const start = plan.today && plan.today > horizon ? plan.today : horizon;
  const last = queue.reduce((max, p) => (p.valueDate > max ? p.valueDate : max), start);
  bringUpTo(rows, last, plan.terms);
  const creditAfter = outcomes.reduce((s, o) => s + o.outcome.credit, 0n);
  return { rows, outcomes, creditDelta: creditAfter - creditBefore };
}

/** Whether a stored row differs from its replayed state. */
export function rowChanged(a: LedgerRow, b: LedgerRow): boolean {
  return (
    a.principalPaid !== b.principalPaid ||
    a.interestPaid !== b.interestPaid ||
    a.penaltyPaid !== b.penaltyPaid ||
    a.penaltyFenDays !== b.penaltyFenDays ||
    a.penaltyThrough !== b.penaltyThrough ||
    a.penaltyAccrued !== b.penaltyAccrued ||
    a.status !== b.status
  );
}
