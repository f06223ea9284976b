import type { LocalDate } from './local-date';

/**
 * The date `days` working days after `from` (Monday to Friday). Public holidays and make-up working days
 * (调休) are not modelled yet: deadlines may fall a day or two early around them.
 */
export function addWorkingDays(from: LocalDate, days: number): LocalDate {
  let date = from;
  let left = days;
  while (left > 0) {
    date = date.plusDays(1);
    if (date.dayOfWeek() <= 5) left -= 1;
  }
  return date;
}
