import type { LocalDate } from './local-date';

/**
 * Which days are working days. The official implementation (`@mla/calendar`) follows the State Council's holiday
 * notices (statutory holidays and the weekend make-up working days 调休) and refuses a year it does not know, so a
 * deadline never quietly falls back to Monday–Friday. Tests pass their own.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: LocalDate): boolean;
}

/** The date `days` working days after `from` (`from` itself never counts; 0 days is `from`). */
export function addWorkingDays(from: LocalDate, days: number, calendar: WorkingDayCalendar): LocalDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  let date = from;
  let left = days;
  while (left > 0) {
    date = date.plusDays(1);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): the number `n` such that
 * `addWorkingDays(from, n)` is the last working day on or before `to`.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, calendar: WorkingDayCalendar): number {
  let count = 0;
  for (let date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
    if (calendar.isWorkingDay(date)) count += 1;
  }
  return count;
}
