import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { AppConfig } from '@mla/config';
import { DomainError, LocalDate, RequestContext } from '@mla/core';
import { DailyCloseService, DailyCloseTrigger, LoanErrorCode } from '@mla/loans';
import { DailyCloseJob, QueueName, dailyCloseJobId, dispatchJob, type JobHandlers, type JobOf } from '@mla/queue';

/** A close that finds another one running waits this long (plus jitter) without using up an attempt. */
const BUSY_RETRY_MS = 3000;
/** Jobs of a date that ended (completed or failed) but whose date is still open are queued afresh. */
const ENDED_STATES = new Set(['completed', 'failed']);

/**
 * The daily-close queue: the nightly tick, which queues each business date still open (oldest first), and the close
 * of one date. One job at a time per worker; the close's advisory lock keeps two workers (or the CLI) from running
 * at once, and its stored run makes a job delivered twice (a worker killed mid-run) harmless.
 */
@Processor(QueueName.DAILY_CLOSE, { concurrency: 1, autorun: false })
export class DailyCloseProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DailyCloseProcessor.name);

  constructor(
    private readonly close: DailyCloseService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.DAILY_CLOSE) private readonly queue: Queue,
  ) {
    super();
  }

  /** Lock timing from the configuration; then, when configured, the dates missed while the worker was down. */
  async onApplicationBootstrap(): Promise<void> {
    const lockMs = this.config.env.QUEUE_LOCK_MS;
    Object.assign(this.worker.opts, { lockDuration: lockMs, lockRenewTime: lockMs / 2, stalledInterval: lockMs });
    void this.worker.run().catch((error: unknown) => this.logger.error(error as Error));
    if (this.config.env.DAILY_CLOSE_CATCH_UP_ON_BOOT) {
      await this.queue.add(DailyCloseJob.TICK, { requestedAt: 'boot' });
    }
  }

  /** One handler per job of the queue (a job without one does not compile). */
  private readonly handlers: JobHandlers<QueueName.DAILY_CLOSE> = {
    [DailyCloseJob.TICK]: () => this.tick(),
    [DailyCloseJob.CLOSE_DATE]: (job, token) => this.closeDate(job, token),
  };

  async process(job: Job, token?: string): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () =>
      dispatchJob(this.handlers, job, token),
    );
  }

  /** Queues the close of every open date through today, oldest first, each under its own deterministic id. */
  private async tick(): Promise<{ queued: string[] }> {
    const dates = await this.close.datesToClose();
    for (const businessDate of dates) {
      const jobId = dailyCloseJobId(businessDate);
      const previous = await this.queue.getJob(jobId);
      // The date is still open, so a job of it that ended (it failed for good, or its success was undone) is stale.
      if (previous && ENDED_STATES.has(await previous.getState())) await previous.remove();
      await this.queue.add(DailyCloseJob.CLOSE_DATE, { businessDate, trigger: 'SCHEDULED' }, { jobId });
    }
    if (dates.length) this.logger.log(`daily close queued for ${dates.join(', ')}`);
    return { queued: dates };
  }

  private async closeDate(job: JobOf<DailyCloseJob.CLOSE_DATE>, token?: string): Promise<unknown> {
    const { businessDate, trigger, requestedByUserId } = job.data;
    let date: LocalDate;
    try {
      date = this.close.assertClosable('businessDate', businessDate);
    } catch (error) {
      // A date in the future (a clock moved back) or malformed: trying again cannot help.
      throw new UnrecoverableError(`daily close of ${businessDate} refused: ${(error as Error).message}`);
    }
    try {
      const run = await this.close.run(date, {
        trigger: trigger === 'MANUAL' ? DailyCloseTrigger.MANUAL : DailyCloseTrigger.SCHEDULED,
        requestedByUserId: requestedByUserId ?? null,
      });
      return { runId: run.id, businessDate: run.businessDate, status: run.status, durationMs: run.durationMs };
    } catch (error) {
      if (error instanceof DomainError && error.code === LoanErrorCode.DAILY_CLOSE_RUNNING) {
        // Another close is running (the CLI, another worker): wait for it without using up an attempt.
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS + Math.floor(Math.random() * 1000), token);
        throw new DelayedError();
      }
      if (error instanceof DomainError && error.code === LoanErrorCode.DAILY_CLOSE_OUT_OF_ORDER) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
