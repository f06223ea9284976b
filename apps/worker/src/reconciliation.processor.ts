import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { RequestContext } from '@mla/core';
import { QueueName, ReconciliationJob, type JobPayloads } from '@mla/queue';
import { StatementImportRunner, StatementUploadService } from '@mla/reconciliation';

/** The reconciliation queue: statement imports (parse, store, match), reporting progress as lines read. */
@Processor(QueueName.RECONCILIATION, { concurrency: 1 })
export class ReconciliationProcessor extends WorkerHost {
  private readonly logger = new Logger(ReconciliationProcessor.name);

  constructor(
    private readonly imports: StatementImportRunner,
    private readonly uploads: StatementUploadService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, async () => {
      switch (job.name as ReconciliationJob) {
        case ReconciliationJob.IMPORT_STATEMENT: {
          const { importId } = job.data as JobPayloads[ReconciliationJob.IMPORT_STATEMENT];
          const outcome = await this.imports.run(importId, (linesRead) => job.updateProgress({ linesRead }));
          if (!outcome) throw new UnrecoverableError(`statement import ${importId} does not exist`);
          this.logger.log(`import ${importId}: ${outcome.status}, ${outcome.linesStored} lines stored`);
          return outcome;
        }
        case ReconciliationJob.DISCARD_STALE_UPLOADS: {
          const { olderThanMinutes } = job.data as JobPayloads[ReconciliationJob.DISCARD_STALE_UPLOADS];
          return { discarded: await this.uploads.discardStaleUploads(olderThanMinutes) };
        }
        default:
          throw new UnrecoverableError(`Unknown job ${job.name} on queue ${job.queueName}`);
      }
    });
  }

  /** The last attempt failed: the import says so, with the error, where its uploader sees it. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.name !== ReconciliationJob.IMPORT_STATEMENT) return;
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts && !(error instanceof UnrecoverableError)) return;
    const { importId } = job.data as JobPayloads[ReconciliationJob.IMPORT_STATEMENT];
    await this.imports.markFailed(importId, error.message).catch((e: unknown) => this.logger.error(e as Error));
  }
}
