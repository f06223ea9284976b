/**
 * Every code a working-calendar use case throws (with a typed domain error from `@mla/core`). The values are part of
 * the API: clients and tests match on them, so a member is never renamed. Each has its messages in `messages.ts`.
 */
export enum CalendarErrorCode {
  /**
   * A date falls in a year whose holiday arrangement neither the bundled calendar package nor the calendar table
   * holds yet (details: year). Deadlines are refused rather than counted Monday to Friday.
   */
  CALENDAR_YEAR_UNKNOWN = 'CALENDAR_YEAR_UNKNOWN',
  /** The calendar table already has an entry for this date (details: date). */
  CALENDAR_DAY_EXISTS = 'CALENDAR_DAY_EXISTS',
  /** The calendar table has no entry for this date (details: date). */
  CALENDAR_DAY_NOT_FOUND = 'CALENDAR_DAY_NOT_FOUND',
  /** The same date twice in one request (details: date). */
  CALENDAR_DAY_DUPLICATE = 'CALENDAR_DAY_DUPLICATE',
}
