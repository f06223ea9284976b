import { LocalDate, type Money } from '@mla/core';
import type { PrepaymentMode } from '@mla/loans';
import type { Installment } from '../loans/installment.entity';
import type { Loan } from '../loans/loan.entity';
import { buildSchedule } from '../schedule/build-schedule';
import type { RepaymentMethod, Schedule, ScheduleConventions } from '../schedule/schedule-types';

/** Methods on a monthly grid, whose remaining schedule can restart mid-period with the same due dates. */
export const PREPAYABLE_METHODS: readonly string[] = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
];

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
