/** A close of one business date: RUNNING while a process holds the close lock, then SUCCEEDED or FAILED. */
export enum DailyCloseRunStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/** What started a run. */
export enum DailyCloseTrigger {
  /** The worker's nightly job scheduler. */
  SCHEDULED = 'SCHEDULED',
  /** An earlier date run first because a later one was asked for (downtime, a missed night). */
  CATCH_UP = 'CATCH_UP',
  /** An administrator over HTTP. */
  MANUAL = 'MANUAL',
  /** `npm run daily-close` from a shell. */
  CLI = 'CLI',
}
