/** Codes of the queue lib's own refusals. */
export enum QueueErrorCode {
  /** A job id with ':' (the queue's key separator). */
  INVALID_JOB_ID = 'INVALID_JOB_ID',
  /** No job of that id in the queue (never queued, or removed after its retention). */
  JOB_NOT_FOUND = 'JOB_NOT_FOUND',
  /** Only a failed job can be retried. */
  JOB_NOT_FAILED = 'JOB_NOT_FAILED',
}
