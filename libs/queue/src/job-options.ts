import type { DefaultJobOptions } from 'bullmq';

/** The retention and retry settings of the environment (`QUEUE_KEEP_*`). */
export interface JobRetention {
  QUEUE_KEEP_COMPLETED: number;
  QUEUE_KEEP_COMPLETED_HOURS: number;
  QUEUE_KEEP_FAILED: number;
  QUEUE_KEEP_FAILED_DAYS: number;
}

/**
 * The default options of every job of every queue (job schedulers' jobs included: BullMQ merges them into each
 * template). Retries with backoff; finished jobs are removed, so Redis does not grow without bound: completed ones
 * after a day (the newest thousand kept at most), failed ones after a month (five thousand at most), long enough to
 * be looked at and retried (GET /admin/jobs/failed). A failure that matters is business state as well (an import's
 * FAILED row, a close run's FAILED status), so the job itself may go.
 */
export function defaultJobOptions(env: JobRetention): DefaultJobOptions {
  return {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: { age: env.QUEUE_KEEP_COMPLETED_HOURS * 3600, count: env.QUEUE_KEEP_COMPLETED },
    removeOnFail: { age: env.QUEUE_KEEP_FAILED_DAYS * 24 * 3600, count: env.QUEUE_KEEP_FAILED },
  };
}
