/**
 * Every code a statistics use case throws (with a typed domain error from `@mla/core`). The values are part of the
 * API: clients and tests match on them, so a member is never renamed. Each has its messages in `messages.ts`.
 */
export enum StatisticsErrorCode {
  /** A target kind that is not one of TargetKind. */
  INVALID_TARGET_KIND = 'INVALID_TARGET_KIND',
  /** A target value that does not fit its kind's unit (fen: whole fen; rate: a fraction 0–10; count: a whole number). */
  INVALID_TARGET_VALUE = 'INVALID_TARGET_VALUE',
  /** A year outside the years statistics cover. */
  INVALID_STATISTICS_YEAR = 'INVALID_STATISTICS_YEAR',
  STATISTICS_TARGET_NOT_FOUND = 'STATISTICS_TARGET_NOT_FOUND',
  /** A period whose start is after its end, or longer than the longest period a report covers. */
  INVALID_STATISTICS_PERIOD = 'INVALID_STATISTICS_PERIOD',
  /** A breakdown that the caller's scope does not have (a region breakdown is read through child regions). */
  INVALID_STATISTICS_DIMENSION = 'INVALID_STATISTICS_DIMENSION',
  /** The snapshot of a date not closed yet (the nightly close stores the figures after it closes the date). */
  SNAPSHOT_DATE_NOT_CLOSED = 'SNAPSHOT_DATE_NOT_CLOSED',
}
