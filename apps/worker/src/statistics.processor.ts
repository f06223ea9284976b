import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DomainError, RequestContext } from '@mla/core';
import { QueueName, StatisticsJob, dispatchJob, type JobHandlers, type JobOf } from '@mla/queue';
import { SnapshotService, StatisticsErrorCode } from '@mla/statistics';

/**
 * The statistics queue: the snapshot of a closed business date (queued by the close through the outbox), which
 * first re-computes stored days a back-dated posting made stale, then raises and clears warnings. A job delivered
 * twice replaces the date's rows with the same figures.
 */
@Processor(QueueName.STATISTICS, { concurrency: 1 })
export class StatisticsProcessor extends WorkerHost {
  private readonly logger = new Logger(StatisticsProcessor.name);

  constructor(private readonly snapshots: SnapshotService) {
    super();
  }

  private readonly handlers: JobHandlers<QueueName.STATISTICS> = {
    [StatisticsJob.SNAPSHOT]: (job) => this.snapshot(job),
  };

  async process(job: Job): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () => dispatchJob(this.handlers, job));
  }

  private async snapshot(job: JobOf<StatisticsJob.SNAPSHOT>): Promise<unknown> {
    try {
      const outcome = await this.snapshots.snapshotClosedDate(job.data.businessDate);
      this.logger.log(
        `statistics of ${outcome.businessDate}: ${outcome.rowCount} rows in ${outcome.durationMs} ms` +
          ` (${outcome.recomputed.length} earlier day(s) re-computed, ${outcome.warningsRaised} warning(s) raised,` +
          ` ${outcome.warningsCleared} cleared)`,
      );
      return outcome;
    } catch (error) {
      if (error instanceof DomainError && error.code === StatisticsErrorCode.SNAPSHOT_DATE_NOT_CLOSED) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
