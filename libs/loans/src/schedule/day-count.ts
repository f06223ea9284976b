import { LocalDate } from '@mla/core';
import type { DayCount } from './schedule-types';

/**
 * A cut between two accrual periods. Interest accrues on the days before `date`, and on `date` itself too
 * when `inclusive` (a settlement day, or a due date under 算头又算尾). `nominalDay` is the day the schedule aimed
 * at before month-end clamping (31 for a 02-28 due date anchored on the 31st): 30/360 and whole-month counting
 * use it so that every regular month is a whole month.
 */
export interface AccrualBoundary {
  date: LocalDate;
  nominalDay: number;
  inclusive: boolean;
}

export function yearBasis(dayCount: DayCount): number {
  return dayCount === 'ACT_365' ? 365 : 360;
}

/** Days from one boundary to the next under the day count. */
export function daysBetween(from: AccrualBoundary, to: AccrualBoundary, dayCount: DayCount): number {
  const inclusion = Number(to.inclusive) - Number(from.inclusive);
  if (dayCount === '30_360') return ordinal30(to) - ordinal30(from) + inclusion;
  return from.date.daysUntil(to.date) + inclusion;
}

/** 30E/360 day number: every month 30 days, day 31 counts as 30. */
function ordinal30(b: AccrualBoundary): number {
  return b.date.year * 360 + (b.date.month - 1) * 30 + Math.min(b.nominalDay, 30);
}

/**
 * Splits a period into whole months and odd days, counting months back from its end so the odd days fall at
 * the front (a short or long first period): 07-15 → 09-21 is 2 months + 6 days; 01-31 → 02-28 (day 31) is 1 month.
 */
export function wholeMonthsAndOddDays(
  from: AccrualBoundary,
  to: AccrualBoundary,
  dayCount: DayCount,
): { months: number; oddDays: number } {
  let months = monthIndex(to.date) - monthIndex(from.date);
  while (months > 0 && monthsBefore(to, months).isBefore(from.date)) months--;
  const pivot: AccrualBoundary = { ...to, date: months === 0 ? to.date : monthsBefore(to, months) };
  return { months, oddDays: daysBetween(from, pivot, dayCount) };
}

function monthIndex(date: LocalDate): number {
  return date.year * 12 + date.month - 1;
}

/** The boundary's nominal day, `months` months earlier, clamped to that month. */
export function monthsBefore(b: AccrualBoundary, months: number): LocalDate {
  const first = LocalDate.of(b.date.year, b.date.month, 1).plusMonths(-months);
  return first.withDayClamped(b.nominalDay);
}
