import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DomainError, RequestContext } from '@mla/core';
import { QueueName, SubsidyClaimJob, dispatchJob, type JobHandlers, type JobOf } from '@mla/queue';
import { SubsidyClaimBuilder, SubsidyClaimScheduler, SubsidyErrorCode } from '@mla/subsidies';

/** Refusals that retrying cannot change (the job's input is wrong for good). */
const FINAL = new Set<string>([SubsidyErrorCode.PERIOD_NOT_SETTLED, SubsidyErrorCode.NOT_A_SETTLEMENT_DATE]);

/**
 * The subsidy-claims queue: the daily tick (queues the builds of the latest settlement date through the outbox) and
 * one build per bank, jurisdiction and period. A build delivered twice finds its batch and writes nothing.
 */
@Processor(QueueName.SUBSIDY_CLAIMS, { concurrency: 1 })
export class SubsidyClaimsProcessor extends WorkerHost {
  private readonly logger = new Logger(SubsidyClaimsProcessor.name);

  constructor(
    private readonly scheduler: SubsidyClaimScheduler,
    private readonly builder: SubsidyClaimBuilder,
  ) {
    super();
  }

  private readonly handlers: JobHandlers<QueueName.SUBSIDY_CLAIMS> = {
    [SubsidyClaimJob.TICK]: () => this.scheduler.queueDueBuilds(),
    [SubsidyClaimJob.BUILD]: (job) => this.build(job),
  };

  async process(job: Job): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () => dispatchJob(this.handlers, job));
  }

  private async build(job: JobOf<SubsidyClaimJob.BUILD>): Promise<unknown> {
    const { bankOrganisationId, regionCode, settlementDate } = job.data;
    try {
      const { batch, created } = await this.builder.build(bankOrganisationId, regionCode, settlementDate);
      if (created) this.logger.log(`subsidy claim ${batch.id} built: ${batch.lineCount} lines for ${settlementDate}`);
      return { batchId: batch.id, created };
    } catch (error) {
      if (error instanceof DomainError && error.code === SubsidyErrorCode.NOTHING_TO_CLAIM) return { batchId: null };
      if (error instanceof DomainError && FINAL.has(error.code)) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
