import { LocalDate, Money } from '@mla/core';
import type { PrepaymentMode } from '@mla/loan-policies';
import type { Installment } from '../contracts/installment.entity';
import type { Loan } from '../contracts/loan.entity';
import { buildSchedule } from '../schedule/build-schedule';
import type { RepaymentMethod, Schedule, ScheduleConventions } from '../schedule/schedule-types';

/** Methods with a level installment or level principal: the engine rebuilds their rest from the prepayment date. */
export const AMORTISING_METHODS: readonly string[] = ['EQUAL_INSTALLMENT', 'EQUAL_PRINCIPAL'];

function monthsBetween(from: LocalDate, to: LocalDate): number {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

/**
 * The schedule after a partial prepayment on `date`: the remaining principal restarts on that date with the next
 * due date unchanged. REAMORTISE keeps the maturity (smaller installments); SHORTEN keeps the installment
 * (等额本息) or the principal per row (等额本金) and ends earlier.
 */
export function rescheduleAfterPrepayment(
  loan: Loan,
  current: Installment,
  remaining: Money,
  date: LocalDate,
  mode: PrepaymentMode,
  previous: { installmentFen: bigint; principalFen: bigint },
): Schedule {
  const firstDue = LocalDate.parse(current.dueDate);
  const maturity = LocalDate.parse(loan.maturityDate as string);
  const build = (termMonths: number) =>
    buildSchedule({
      principal: remaining,
      annualRate: loan.annualRate,
      valueDate: date,
      firstDueDate: firstDue,
      termMonths,
      method: loan.repaymentMethod as RepaymentMethod,
      conventions: loan.conventions as Partial<ScheduleConventions>,
    });
  const fullTerm = monthsBetween(firstDue, maturity) + 1;
  if (mode === 'REAMORTISE' || loan.repaymentMethod === 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY')
    return build(fullTerm);
  if (loan.repaymentMethod === 'EQUAL_PRINCIPAL') {
    const rows = Number((remaining.fen + previous.principalFen - 1n) / previous.principalFen);
    return build(Math.max(1, Math.min(fullTerm, rows)));
  }
  // 等额本息: the shortest term whose installment does not exceed the one before.
  for (let n = 1; n < fullTerm; n += 1) {
    const candidate = build(n);
    if (
      candidate.rows[1]
        ? candidate.rows[1].total.fen <= previous.installmentFen
        : candidate.rows[0].total.fen <= previous.installmentFen
    ) {
      return candidate;
    }
  }
  return build(fullTerm);
}

export interface PlannedRow {
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  days: number;
  principal: Money;
  interest: Money;
}

/**
 * For loans whose interest runs on actual days (interest-only, bullet, custom plans): the remaining rows keep
 * their dates; the current period restarts on the prepayment date; the remaining principal is spread over the
 * rows in the proportions the old schedule had (so the maturity stays), and each row's interest is recomputed
 * on the balance it now carries. Such loans have no level installment to keep, so SHORTEN re-amortises too.
 */
export function reprofileByActualDays(
  loan: Loan,
  current: Installment,
  later: readonly Installment[],
  date: LocalDate,
  remaining: Money,
): PlannedRow[] {
  const basis = (loan.conventions as Partial<ScheduleConventions>).dayCount === 'ACT_365' ? 365 : 360;
  const rows = [
    {
      periodStart: date.toString(),
      periodEnd: current.periodEnd,
      dueDate: current.dueDate,
      days: date.daysUntil(LocalDate.parse(current.periodEnd)) + 1,
      weight: current.principalDueFen,
    },
    ...later.map((i) => ({
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      dueDate: i.dueDate,
      days: i.days,
      weight: i.principalDueFen,
    })),
  ];
  const shares = remaining.allocate(rows.map((r) => r.weight));
  let balance = remaining;
  return rows.map((r, n) => {
    const interest = Money.interest(balance, loan.annualRate, r.days, basis);
    balance = balance.subtract(shares[n]);
    return {
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      dueDate: r.dueDate,
      days: r.days,
      principal: shares[n],
      interest,
    };
  });
}
