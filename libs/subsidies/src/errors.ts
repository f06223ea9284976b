/**
 * Every code a subsidy use case throws (with a typed domain error from `@mla/core`). The values are part of the API:
 * clients and tests match on them, so a member is never renamed. Each has its messages in `messages.ts`.
 */
export enum SubsidyErrorCode {
  /** A subsidy claim asked for a period whose settlement date has not come yet. */
  PERIOD_NOT_SETTLED = 'PERIOD_NOT_SETTLED',
  /** The facts given to the subsidy calculation are inconsistent (a period ending before it starts, a bad calendar…). */
  INVALID_SUBSIDY_INPUT = 'INVALID_SUBSIDY_INPUT',
}
