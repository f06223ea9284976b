import { BadInputError, LocalDate } from '@mla/core';
import type { DayCount } from '@mla/loans';
import { SubsidyErrorCode } from '../errors';

/** When banks settle interest: the day (clamped to the month's end) of each listed month. */
export interface SettlementCalendar {
  settlementMonths: readonly number[];
  settlementDay: number;
}

/** One subsidy period: both ends inclusive (算头不算尾 for the loan, so the settlement day itself accrues). */
export interface SettlementPeriod {
  start: string;
  end: string;
  /** The settlement date that closes the period (equal to `end` except for a loan's last, short period). */
  settlementDate: string;
}

function assertCalendar(calendar: SettlementCalendar): void {
  const { settlementMonths: months, settlementDay: day } = calendar;
  const monthsOk =
    months.length > 0 &&
    months.every((m, i) => Number.isInteger(m) && m >= 1 && m <= 12 && (i === 0 || m > months[i - 1]));
  if (!monthsOk || !Number.isInteger(day) || day < 1 || day > 31) {
    throw new BadInputError(
      SubsidyErrorCode.INVALID_SUBSIDY_INPUT,
      `A settlement calendar needs increasing months 1–12 and a day 1–31, got ${JSON.stringify(calendar)}`,
      { field: 'settlementCalendar' },
    );
  }
}

/** The first settlement date on or after `date`. */
export function settlementDateOnOrAfter(date: LocalDate, calendar: SettlementCalendar): LocalDate {
  assertCalendar(calendar);
  for (let year = date.year; ; year++) {
    for (const month of calendar.settlementMonths) {
      const candidate = LocalDate.of(year, month, 1).withDayClamped(calendar.settlementDay);
      if (!candidate.isBefore(date)) return candidate;
    }
  }
}

/** The last settlement date strictly before `date`. */
export function settlementDateBefore(date: LocalDate, calendar: SettlementCalendar): LocalDate {
  assertCalendar(calendar);
  for (let year = date.year; ; year--) {
    for (const month of [...calendar.settlementMonths].reverse()) {
      const candidate = LocalDate.of(year, month, 1).withDayClamped(calendar.settlementDay);
      if (candidate.isBefore(date)) return candidate;
    }
  }
}

/**
 * The subsidy period of a loan that contains `date`: from the day after the previous settlement date (or the value
 * date, whichever is later) through the next settlement date on or after `date` (or the loan's last accrual day).
 */
export function settlementPeriodContaining(
  date: LocalDate,
  valueDate: LocalDate,
  calendar: SettlementCalendar,
  lastAccrualDay: LocalDate | null = null,
): SettlementPeriod {
  if (date.isBefore(valueDate) || (lastAccrualDay && date.isAfter(lastAccrualDay))) {
    throw new BadInputError(
      SubsidyErrorCode.INVALID_SUBSIDY_INPUT,
      `${date.toString()} is outside the loan's accrual from ${valueDate.toString()}${lastAccrualDay ? ` to ${lastAccrualDay.toString()}` : ''}`,
      { field: 'date' },
    );
  }
  const settlementDate = settlementDateOnOrAfter(date, calendar);
  const afterPrevious = settlementDateBefore(date, calendar).plusDays(1);
  const start = LocalDate.max(afterPrevious, valueDate);
  const end = lastAccrualDay ? LocalDate.min(settlementDate, lastAccrualDay) : settlementDate;
  return { start: start.toString(), end: end.toString(), settlementDate: settlementDate.toString() };
}

/**
 * Every subsidy period of a loan from its value date to its last accrual day (the day before maturity or payoff:
 * the maturity day bears no interest), in order.
 */
export function settlementPeriods(
  valueDate: LocalDate,
  lastAccrualDay: LocalDate,
  calendar: SettlementCalendar,
): SettlementPeriod[] {
  const periods: SettlementPeriod[] = [];
  let date = valueDate;
  while (!date.isAfter(lastAccrualDay)) {
    const period = settlementPeriodContaining(date, valueDate, calendar, lastAccrualDay);
    periods.push(period);
    date = LocalDate.parse(period.end).plusDays(1);
  }
  return periods;
}

/** Days from `from` through `to`, both inclusive, under the day count (30/360 counts a 31st as the 30th). */
export function inclusiveDays(from: LocalDate, to: LocalDate, dayCount: DayCount): number {
  if (to.isBefore(from)) return 0;
  if (dayCount !== '30_360') return from.daysUntil(to) + 1;
  const ordinal = (d: LocalDate) => d.year * 360 + (d.month - 1) * 30 + Math.min(d.day, 30);
  return ordinal(to) - ordinal(from) + 1;
}

/** The days of the year that the day count divides by. */
export function yearBasisDays(dayCount: DayCount): number {
  return dayCount === 'ACT_365' ? 365 : 360;
}
