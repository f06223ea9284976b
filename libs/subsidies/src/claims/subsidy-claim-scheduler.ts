import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mla/core';
import { SUBSIDY_RULE_DEFAULTS } from '@mla/loan-policies';
import { SubsidyFactsPort } from '@mla/loans';
import { OutboxRepository, QueueName, SubsidyClaimJob, subsidyClaimJobId } from '@mla/queue';
import { settlementDateBefore } from '../calculation/settlement-periods';
import { SubsidyClaimRepository } from './subsidy-claim.repository';

const DEFAULT_CALENDAR = {
  settlementMonths: SUBSIDY_RULE_DEFAULTS.settlementMonths,
  settlementDay: SUBSIDY_RULE_DEFAULTS.settlementDay,
};

/**
 * The daily tick's use case: for the latest settlement date before today, one build job per (bank, jurisdiction)
 * with loans accruing in the period and no claim yet, written to the outbox in one transaction (deterministic job
 * ids, ids-only payloads). Running it twice queues nothing new once the batches exist; a job delivered twice finds
 * its batch and writes nothing.
 */
@Injectable()
export class SubsidyClaimScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: SubsidyFactsPort,
    private readonly claims: SubsidyClaimRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async queueDueBuilds(): Promise<{ settlementDate: string; queued: string[] }> {
    const today = this.clock.today();
    // Strictly before today: on the settlement day itself the bank is still posting that day's interest.
    const settlementDate = settlementDateBefore(today, DEFAULT_CALENDAR);
    const period = {
      start: settlementDateBefore(settlementDate, DEFAULT_CALENDAR).plusDays(1).toString(),
      end: settlementDate.toString(),
    };
    return this.dataSource.transaction(async (tx) => {
      const queued: string[] = [];
      for (const { bankOrganisationId, regionCode } of await this.facts.claimantsOf(period, tx)) {
        const existing = await this.claims.batchesOf(tx, bankOrganisationId, regionCode, period.end);
        if (existing.length > 0) continue;
        const jobId = subsidyClaimJobId(bankOrganisationId, regionCode, period.end);
        await this.outbox.enqueue(
          tx,
          QueueName.SUBSIDY_CLAIMS,
          SubsidyClaimJob.BUILD,
          { bankOrganisationId, regionCode, settlementDate: period.end },
          jobId,
        );
        queued.push(jobId);
      }
      return { settlementDate: period.end, queued };
    });
  }
}
