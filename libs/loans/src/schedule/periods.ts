import { LocalDate, addMonthsKeepingDay } from '@mla/core';
import { monthsBefore, type AccrualBoundary } from './day-count';
import type { ScheduleConventions } from './schedule-types';

/** One row's accrual: interest runs from `from` to `to` (see AccrualBoundary); the row is due on dueDate. */
export interface AccrualPeriod {
  from: AccrualBoundary;
  to: AccrualBoundary;
  dueDate: LocalDate;
}

export interface PeriodInput {
  valueDate: LocalDate;
  termMonths: number;
  firstDueDate?: LocalDate;
  conventions: ScheduleConventions;
}

/** First day of accrual (inclusive). */
export function periodStart(p: AccrualPeriod): LocalDate {
  return p.from.inclusive ? p.from.date.plusDays(1) : p.from.date;
}

/** Last day of accrual (inclusive). */
export function periodEnd(p: AccrualPeriod): LocalDate {
  return p.to.inclusive ? p.to.date : p.to.date.plusDays(-1);
}

/**
 * The whole month a period's end closes, started the way the value date starts a loan: the first period the
 * loan would have had with its due date one month after disbursement. Equal to `p` when `p` is such a month.
 */
export function regularMonthEndingWith(p: AccrualPeriod): AccrualPeriod {
  const from: AccrualBoundary = { date: monthsBefore(p.to, 1), nominalDay: p.to.nominalDay, inclusive: false };
  return { from, to: p.to, dueDate: p.dueDate };
}

/** One period per month, each ending on a monthly due date (等额本息, 等额本金, monthly interest, custom plans). */
export function monthlyPeriods(input: PeriodInput): AccrualPeriod[] {
  const periods: AccrualPeriod[] = [];
  let from = valueBoundary(input);
  for (let k = 1; k <= input.termMonths; k++) {
    const to = dueBoundary(input, k);
    periods.push({ from, to, dueDate: to.date });
    from = to;
  }
  return periods;
}

/**
 * Interest settled on the settlement days (the 20th of Mar/Jun/Sep/Dec by default) and at maturity. A settlement
 * period runs through the settlement day; the next starts the day after. Settlement days on or before the
 * value date are skipped (nothing would be owed on disbursement day), and so is one that would leave the final
 * period empty: its interest is then settled with the principal at maturity.
 */
export function settlementPeriods(input: PeriodInput): AccrualPeriod[] {
  const { valueDate, conventions: c } = input;
  const maturity = dueBoundary(input, input.termMonths);
  const lastAccrualDay = maturity.inclusive ? maturity.date : maturity.date.plusDays(-1);
  const periods: AccrualPeriod[] = [];
  let from = valueBoundary(input);
  for (let month = LocalDate.of(valueDate.year, valueDate.month, 1); !month.isAfter(maturity.date);) {
    const day = month.withDayClamped(c.settlementDay);
    if (c.settlementMonths.includes(month.month) && day.isAfter(valueDate) && day.isBefore(lastAccrualDay)) {
      const to: AccrualBoundary = { date: day, nominalDay: c.settlementDay, inclusive: true };
      periods.push({ from, to, dueDate: day });
      from = to;
    }
    month = month.plusMonths(1);
  }
  periods.push({ from, to: maturity, dueDate: maturity.date });
  return periods;
}

/** The whole term as one period (到期一次还本付息). */
export function singlePeriod(input: PeriodInput): AccrualPeriod[] {
  const to = dueBoundary(input, input.termMonths);
  return [{ from: valueBoundary(input), to, dueDate: to.date }];
}

/**
 * Due date k (1-based): counted from one anchor, never chained, so the anchor's day survives short months
 * (first due 01-31 → 02-28 → 03-31). The anchor is the first due date when given, else the value date.
 */
function dueBoundary(input: PeriodInput, k: number): AccrualBoundary {
  const anchor = input.firstDueDate ?? input.valueDate;
  const months = input.firstDueDate ? k - 1 : k;
  const nominalDay = nominalDayOf(anchor, input.conventions);
  const date = addMonthsKeepingDay(anchor, months).withDayClamped(nominalDay);
  return { date, nominalDay, inclusive: input.conventions.countMaturityDay };
}

function valueBoundary(input: PeriodInput): AccrualBoundary {
  return { date: input.valueDate, nominalDay: nominalDayOf(input.valueDate, input.conventions), inclusive: false };
}

function nominalDayOf(anchor: LocalDate, c: ScheduleConventions): number {
  return c.endOfMonthRule && anchor.isLastDayOfMonth() ? 31 : anchor.day;
}
