import { Decimal, LocalDate, Money } from '@mla/core';
import type { Installment } from '../contracts/installment.entity';
import type { Loan } from '../contracts/loan.entity';
import { InstallmentStatus } from '../contracts/loan-status';

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
 * The payoff on `date` (算头不算尾: the payoff day itself bears no interest). Penalty on overdue principal runs to
 * the date with the same formula as the daily close; the current period's interest is charged for the days
 * actually elapsed on all principal still outstanding; later installments bear no interest.
 */
export function payoffFigures(loan: Loan, open: readonly Installment[], date: LocalDate): PayoffQuote {
  const d = date.toString();
  const due = open.filter((i) => i.dueDate <= d);
  const current = open.find((i) => i.dueDate > d) ?? null;
  const later = current ? open.filter((i) => i.number > current.number) : [];
  const basis = basisOf(loan);
  const penaltyRate = Decimal.of(loan.annualRate).mul(Decimal.ONE.add(loan.penaltyUplift));
  let penalty = 0n;
  let interest = 0n;
  for (const i of due) {
    penalty += i.penaltyAccruedFen - i.penaltyPaidFen;
    interest += i.interestDueFen - i.interestPaidFen;
    const from = i.penaltyAccruedThrough ?? i.dueDate;
    const days = LocalDate.parse(from).daysUntil(date);
    if (i.status === InstallmentStatus.OVERDUE && days > 0 && i.principalDueFen > i.principalPaidFen) {
      penalty += Money.interest(Money.ofFen(i.principalDueFen - i.principalPaidFen), penaltyRate, days, basis).fen;
    }
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
