/** Codes of the queue lib's own refusals. */
export enum QueueErrorCode {
  /** A job id with ':' (the queue's key separator). */
  INVALID_JOB_ID = 'INVALID_JOB_ID',
}
