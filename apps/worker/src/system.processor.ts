import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { RequestContext } from '@mla/core';
import { QueueName, REDIS_CLIENT, SystemJob, heartbeatKey, type JobPayloads } from '@mla/queue';

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

  async process(job: Job): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, async () => {
      switch (job.name as SystemJob) {
        case SystemJob.HEARTBEAT:
          return this.heartbeat(job.data as JobPayloads[SystemJob.HEARTBEAT]);
        default:
          throw new Error(`Unknown job ${job.name} on queue ${job.queueName}`);
      }
    });
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
