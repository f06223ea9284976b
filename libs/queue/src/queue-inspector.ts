import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { ConflictError, NotFoundError } from '@mla/core';
import { QueueErrorCode } from './errors';
import { QueueName } from './queue-names';
import { createRedisClient } from './redis';

/** How many jobs of a queue wait, run, are delayed, and failed for good. */
export interface QueueDepth {
  /** Waiting to run (prioritised ones included). */
  waiting: number;
  active: number;
  /** Waiting for their time (a retry's backoff, a delayed job). */
  delayed: number;
  failed: number;
}

/** A failed job as an administrator sees it: never its payload (ids only anyway) nor its return value. */
export interface FailedJob {
  queue: QueueName;
  id: string;
  name: string;
  /** The error's message, its first line, at most 500 characters. */
  failedReason: string;
  attemptsMade: number;
  /** When it was queued, and when it failed the last time. */
  queuedAt: Date;
  failedAt: Date | null;
}

const REASON_MAX = 500;

/**
 * The queues as an operator sees them from the api (which runs no processor): their depth for /health, the failed
 * jobs, a retry, and the queue objects the dashboard reads. One Redis connection for all of them, opened when first
 * needed; the worker's queues are untouched.
 */
@Injectable()
export class QueueInspector implements OnModuleDestroy {
  private connection: Redis | undefined;
  private queues: Map<QueueName, Queue> | undefined;

  constructor(private readonly config: AppConfig) {}

  /** Every queue, in the order they are declared. */
  all(): Queue[] {
    return [...this.open().values()];
  }

  queue(name: QueueName): Queue {
    return this.open().get(name) as Queue;
  }

  /**
   * Each queue's depth, or null when Redis does not answer within `timeoutMs` (health stays fast whatever Redis
   * does; the Redis probe says whether it is down).
   */
  async depths(timeoutMs: number): Promise<Record<string, QueueDepth> | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const counts = Promise.all(
      this.all().map(async (q) => {
        const c = await q.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed');
        const depth: QueueDepth = {
          waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
        };
        return [q.name, depth] as const;
      }),
    ).then((entries) => Object.fromEntries(entries));
    // A late answer after the timeout is dropped; its rejection must not go unhandled.
    counts.catch(() => undefined);
    try {
      return await Promise.race([counts, timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Failed jobs of a queue, the latest failure first, `count` of them from `offset`. */
  async failed(name: QueueName, offset: number, count: number): Promise<FailedJob[]> {
    const jobs = await this.queue(name).getFailed(offset, offset + count - 1);
    return jobs.filter((j): j is Job => Boolean(j)).map((j) => summarise(name, j));
  }

  /** Moves a failed job back to waiting (its attempts start again); 404 if absent, 409 if it has not failed. */
  async retry(name: QueueName, id: string): Promise<FailedJob> {
    const job = await Job.fromId(this.queue(name), id);
    if (!job) {
      throw new NotFoundError(QueueErrorCode.JOB_NOT_FOUND, `Queue ${name} holds no job ${id}`, { queue: name, id });
    }
    const state = await job.getState();
    if (state !== 'failed') {
      throw new ConflictError(QueueErrorCode.JOB_NOT_FAILED, `Job ${id} is ${state}, not failed`, { state });
    }
    const before = summarise(name, job);
    await job.retry('failed');
    return before;
  }

  async onModuleDestroy(): Promise<void> {
    const queues = this.queues;
    const connection = this.connection;
    this.queues = undefined;
    this.connection = undefined;
    if (queues) await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  private open(): Map<QueueName, Queue> {
    if (this.queues) return this.queues;
    const env = this.config.env;
    const connection = createRedisClient(env.REDIS_URL);
    this.connection = connection;
    this.queues = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection, prefix: env.QUEUE_PREFIX });
        // The connection logs its errors (at a bounded rate); a queue re-emits them and must not crash the process.
        queue.on('error', () => undefined);
        return [name, queue] as const;
      }),
    );
    return this.queues;
  }
}

function summarise(queue: QueueName, job: Job): FailedJob {
  const reason = (job.failedReason ?? '').split('\n')[0].slice(0, REASON_MAX);
  return {
    queue,
    id: job.id as string,
    name: job.name,
    failedReason: reason,
    attemptsMade: job.attemptsMade,
    queuedAt: new Date(job.timestamp),
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}
