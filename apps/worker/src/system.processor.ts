import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { RequestContext } from '@mla/core';
import {
  QueueName,
  REDIS_CLIENT,
  SystemJob,
  dispatchJob,
  heartbeatKey,
  type JobHandlers,
  type JobPayloads,
} from '@mla/queue';

/** The system queue: housekeeping that proves the worker runs. */
@Processor(QueueName.SYSTEM)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** One handler per job of the queue (a job without one does not compile). */
  private readonly handlers: JobHandlers<QueueName.SYSTEM> = {
    [SystemJob.HEARTBEAT]: (job) => this.heartbeat(job.data),
  };

  async process(job: Job): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () => dispatchJob(this.handlers, job));
  }

  /** Records when the worker last ran a job. `holdMs` keeps the job busy (to observe graceful shutdown). */
  private async heartbeat(payload: JobPayloads[SystemJob.HEARTBEAT]): Promise<{ ranAt: string }> {
    if (payload.holdMs) await new Promise((resolve) => setTimeout(resolve, Math.min(payload.holdMs ?? 0, 60_000)));
    const ranAt = new Date().toISOString();
    await this.redis.set(heartbeatKey(this.config.env.QUEUE_PREFIX), ranAt);
    this.logger.debug(`heartbeat ran at ${ranAt}`);
    return { ranAt };
  }
}
