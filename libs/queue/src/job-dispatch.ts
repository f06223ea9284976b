import { UnrecoverableError, type Job } from 'bullmq';
import type { JobName, PayloadOf, QueueJobs, QueueName } from './queue-names';

/** A job named N, its data typed by N's payload. */
export type JobOf<N extends JobName> = Job<PayloadOf<N>, unknown, N>;

/**
 * One handler per job of queue Q: a job name added to the queue without a handler does not compile. The token is
 * the worker's lock token (for moving the job to delayed).
 */
export type JobHandlers<Q extends QueueName> = {
  [N in QueueJobs[Q]]: (job: JobOf<N>, token?: string) => Promise<unknown>;
};

/**
 * Runs the handler of the job's name. A name the queue has no handler for (a job from a newer or older release)
 * fails the job at once, without retries: retrying cannot make a handler appear.
 */
export async function dispatchJob<Q extends QueueName>(
  handlers: JobHandlers<Q>,
  job: Job,
  token?: string,
): Promise<unknown> {
  if (!Object.hasOwn(handlers, job.name)) {
    throw new UnrecoverableError(`Unknown job ${job.name} on queue ${job.queueName}`);
  }
  const handler = handlers[job.name as QueueJobs[Q]] as (job: Job, token?: string) => Promise<unknown>;
  return handler(job, token);
}
