import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { RequestContext } from '@mla/core';
import {
  QueueName,
  REDIS_CLIENT,
  ReconciliationJob,
  dispatchJob,
  type JobHandlers,
  type JobOf,
  type JobPayloads,
} from '@mla/queue';
import {
  StatementImportRunner,
  StatementRerunService,
  StatementUploadService,
  type ImportProgress,
} from '@mla/reconciliation';
import { BankTurns } from './bank-turns';

/** Jobs in these states will still run: an import whose last job is in one is not resumed again. */
const LIVE_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
/** Unfinished imports quiet this long are resumed by the housekeeping job when their job is gone. */
const RESUME_QUIET_MINUTES = 15;
/**
 * How often a job may be found stalled (its worker died) and still be taken up again. The import resumes where it
 * got to, so several crashes cost little; a job that keeps killing its worker stops here and the housekeeping job
 * tries it again an hour later.
 */
const MAX_STALLED = 20;

const CONNECTIONS_PER_IMPORT = 3;

/**
 * Imports run at once, within what the pool can serve: an import that is storing holds up to three connections (its
 * transaction, the file reader reading ahead, a progress update), and one connection is left for everything else.
 */
export function importConcurrency(wanted: number, poolSize: number, warn: (message: string) => void): number {
  const fits = Math.max(1, Math.floor((poolSize - 1) / CONNECTIONS_PER_IMPORT));
  if (wanted <= fits) return wanted;
  warn(
    `RECONCILIATION_CONCURRENCY=${wanted} needs ${wanted * CONNECTIONS_PER_IMPORT + 1} connections; ` +
      `DATABASE_POOL_SIZE=${poolSize} serves ${fits}: running ${fits} at once`,
  );
  return fits;
}

/**
 * The reconciliation queue: statement imports (parse, store, match), reporting progress, and the hourly
 * housekeeping. Several imports run at once, but one bank's at a time (BankTurns): a bank's big file never holds up
 * another bank's upload, and one bank's imports are matched in the order they run.
 */
@Processor(QueueName.RECONCILIATION, { concurrency: 4, maxStalledCount: MAX_STALLED, autorun: false })
export class ReconciliationProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconciliationProcessor.name);
  private readonly turns: BankTurns;
  /** Imports this process is running: a job delivered twice (its lock lost while it ran) waits for the first. */
  private readonly running = new Set<string>();

  constructor(
    private readonly imports: StatementImportRunner,
    private readonly uploads: StatementUploadService,
    private readonly reruns: StatementRerunService,
    private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) redis: Redis,
    @InjectQueue(QueueName.RECONCILIATION) private readonly queue: Queue,
  ) {
    super();
    this.turns = new BankTurns(
      redis,
      `${config.env.QUEUE_PREFIX}:reconciliation:bank-turn`,
      config.env.QUEUE_LOCK_MS * 2,
    );
  }

  /** Lock timing and concurrency come from the configuration, so the worker starts once they are set. */
  onApplicationBootstrap(): void {
    const lockMs = this.config.env.QUEUE_LOCK_MS;
    Object.assign(this.worker.opts, { lockDuration: lockMs, lockRenewTime: lockMs / 2, stalledInterval: lockMs });
    this.worker.concurrency = importConcurrency(
      this.config.env.RECONCILIATION_CONCURRENCY,
      this.config.env.DATABASE_POOL_SIZE,
      (message) => this.logger.warn(message),
    );
    void this.worker.run().catch((error: unknown) => this.logger.error(error as Error));
  }

  /** One handler per job of the queue (a job without one does not compile). */
  private readonly handlers: JobHandlers<QueueName.RECONCILIATION> = {
    [ReconciliationJob.IMPORT_STATEMENT]: (job, token) => this.importStatement(job, token),
    [ReconciliationJob.DISCARD_STALE_UPLOADS]: (job) => this.housekeeping(job),
  };

  async process(job: Job, token?: string): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () =>
      dispatchJob(this.handlers, job, token),
    );
  }

  private async housekeeping(job: JobOf<ReconciliationJob.DISCARD_STALE_UPLOADS>): Promise<unknown> {
    const payload = job.data;
    return {
      discarded: await this.uploads.discardStaleUploads(payload.olderThanMinutes),
      filesPurged: await this.uploads.purgeFiles(),
      resumed: await this.reruns.resumeStopped(payload.resumeQuietMinutes ?? RESUME_QUIET_MINUTES, (id) =>
        this.isLive(id, job.id),
      ),
    };
  }

  private async importStatement(job: JobOf<ReconciliationJob.IMPORT_STATEMENT>, token?: string): Promise<unknown> {
    const { importId } = job.data;
    const bankId = await this.imports.bankOf(importId);
    if (bankId === null) throw new UnrecoverableError(`statement import ${importId} does not exist`);
    // The turn is held by the job: the same job taken up again after its worker died continues at once, while
    // another run of the import (a re-run queued while it still runs) waits like any import of the bank.
    const holder = String(job.id);
    if (this.running.has(importId) || !(await this.turns.take(bankId, holder))) {
      // Another import of this bank is running: this one waits its turn without using up an attempt.
      await job.moveToDelayed(Date.now() + 2000 + Math.floor(Math.random() * 1000), token);
      throw new DelayedError();
    }
    this.running.add(importId);
    try {
      const outcome = await this.imports.run(importId, async (progress: ImportProgress) => {
        await this.turns.renew(bankId, holder);
        await job.updateProgress({ ...progress });
      });
      if (!outcome) throw new UnrecoverableError(`statement import ${importId} does not exist`);
      // A bad file fails once: the import says what and where (to the bank, on its own import), and trying again
      // cannot help. The job keeps a fixed text: the import's message may quote a cell of the file.
      if (outcome.status === 'FAILED') {
        throw new UnrecoverableError(
          `statement import ${importId} failed on its file; see the import for line and field`,
        );
      }
      this.logger.log(`import ${importId}: ${outcome.status}, ${outcome.linesStored} lines stored`);
      return outcome;
    } finally {
      this.running.delete(importId);
      await this.turns.release(bankId, holder);
    }
  }

  private async isLive(jobId: string, self: string | undefined): Promise<boolean> {
    if (jobId === self) return true;
    const job = await this.queue.getJob(jobId);
    return !!job && LIVE_STATES.has(await job.getState());
  }

  /**
   * The last attempt failed on a fault that is not the file's: the import says it stopped, in plain words (the
   * fault itself goes to the log), and the housekeeping job resumes it.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== ReconciliationJob.IMPORT_STATEMENT || error instanceof UnrecoverableError) return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) return;
    const { importId } = job.data as JobPayloads[ReconciliationJob.IMPORT_STATEMENT];
    const reference = `job-${job.queueName}-${job.id}`;
    this.logger.error({ err: error, importId, reference }, 'statement import stopped');
    await this.imports.markStopped(importId, reference).catch((e: unknown) => this.logger.error(e as Error));
  }
}
