import { LocalDate, Money } from '@mla/core';
import type { Installment } from '../contracts/installment.entity';
import type { Loan } from '../contracts/loan.entity';
import { accrueTo } from './loan-ledger';
import { rewindTo } from './loan-replay';
import { toLedgerRow } from './loan-ledger-rows';
import { penaltyTermsOf } from './penalty';

export interface PayoffQuote {
  date: string;
  principalFen: bigint;
  /** Interest of installments already due, plus interest accrued in the current period to the payoff date. */
  interestFen: bigint;
  accruedInterestFen: bigint;
  penaltyFen: bigint;
  totalFen: bigint;
  creditFen: bigint;
  /** What the borrower pays: total less credit held. */
  netFen: bigint;
  currentInstallmentId: string | null;
  currentPrincipalFen: bigint;
  laterInstallmentIds: string[];
}

const basisOf = (loan: Loan) => ((loan.conventions as { dayCount?: string }).dayCount === 'ACT_365' ? 365 : 360);

/**
 * The payoff on `date` (算头不算尾: the payoff day itself bears no interest). Penalty runs to the date as the
 * servicing ledger counts it (the same figures as a posting or the daily close on that date); the current period's interest is charged for the days
 * actually elapsed on all principal still outstanding; later installments bear no interest.
 */
export function payoffFigures(loan: Loan, open: readonly Installment[], date: LocalDate): PayoffQuote {
  const d = date.toString();
  const due = open.filter((i) => i.dueDate <= d);
  const current = open.find((i) => i.dueDate > d) ?? null;
  const later = current ? open.filter((i) => i.number > current.number) : [];
  const basis = basisOf(loan);
  const terms = penaltyTermsOf(loan);
  let penalty = 0n;
  let interest = 0n;
  for (const i of due) {
    // The servicing ledger's penalty on that date (counted days after it undone, before it added).
    const row = toLedgerRow(i);
    rewindTo(row, d, terms);
    accrueTo(row, d, terms);
    penalty += row.penaltyAccrued - row.penaltyPaid;
    interest += i.interestDueFen - i.interestPaidFen;
  }
  const principal = open.reduce((s, i) => s + (i.principalDueFen - i.principalPaidFen), 0n);
  const currentPrincipal = [current, ...later].reduce(
    (s, i) => s + (i ? i.principalDueFen - i.principalPaidFen : 0n),
    0n,
  );
  let accrued = 0n;
  if (current) {
    const days = Math.max(0, LocalDate.parse(current.periodStart).daysUntil(date));
    const gross = Money.interest(Money.ofFen(currentPrincipal), loan.annualRate, days, basis).fen;
    accrued = gross > current.interestPaidFen ? gross - current.interestPaidFen : 0n;
  }
  const total = principal + interest + accrued + penalty;
  return {
    date: d,
    principalFen: principal,
    interestFen: interest + accrued,
    accruedInterestFen: accrued,
    penaltyFen: penalty,
    totalFen: total,
    creditFen: loan.creditFen,
    netFen: total > loan.creditFen ? total - loan.creditFen : 0n,
    currentInstallmentId: current?.id ?? null,
    currentPrincipalFen: currentPrincipal,
    laterInstallmentIds: later.map((i) => i.id),
  };
}

/** The quote in yuan, for responses and error details. */
export function quoteView(q: PayoffQuote) {
  const y = (f: bigint) => Money.ofFen(f).toYuanString();
  return {
    date: q.date,
    principalYuan: y(q.principalFen),
    interestYuan: y(q.interestFen),
    penaltyYuan: y(q.penaltyFen),
    totalYuan: y(q.totalFen),
    creditYuan: y(q.creditFen),
    netYuan: y(q.netFen),
  };
}
