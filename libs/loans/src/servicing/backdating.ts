import type { LocalDate } from '@mla/core';

/** The oldest value date a repayment may carry and still post at once: `days` days before today (inclusive). */
export function oldestDatePostedAtOnce(today: LocalDate, days: number): LocalDate {
  return today.plusDays(-days);
}

/** A repayment dated before that oldest date waits for a second person's approval (maker-checker). */
export function needsBackdateApproval(valueDate: LocalDate, today: LocalDate, days: number): boolean {
  return valueDate.isBefore(oldestDatePostedAtOnce(today, days));
}
