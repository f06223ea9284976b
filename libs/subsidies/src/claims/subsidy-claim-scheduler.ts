import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mla/core';
import { PolicyService } from '@mla/loan-policies';
import { SubsidyFactsPort } from '@mla/loans';
import { OutboxRepository, QueueName, SubsidyClaimJob, subsidyClaimJobId } from '@mla/queue';
import { latestSettlements } from './claim-calendars';
import { SubsidyClaimRepository } from './subsidy-claim.repository';

export interface QueuedBuilds {
  /** The latest of the settlement dates looked at. */
  settlementDate: string;
  /** Every settlement date looked at: the last one before today of each policy's calendar. */
  settlementDates: string[];
  queued: string[];
}

/**
 * The daily tick's use case: for each settlement calendar of the policies, its latest settlement date before today;
 * for each such date, one build job per (bank, jurisdiction) with loans of a policy on that calendar accruing in the
 * period and no claim yet, written to the outbox in one transaction (deterministic job ids per bank, jurisdiction and
 * settlement date; ids-only payloads). Running it twice queues nothing new once the batches exist; a job delivered
 * twice finds its batch and writes nothing.
 */
@Injectable()
export class SubsidyClaimScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: SubsidyFactsPort,
    private readonly policies: PolicyService,
    private readonly claims: SubsidyClaimRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async queueDueBuilds(): Promise<QueuedBuilds> {
    // Strictly before today: on the settlement day itself the bank is still posting that day's interest.
    const today = this.clock.today();
    return this.dataSource.transaction(async (tx) => {
      const due = latestSettlements(await this.policies.subsidyCalendars(tx), today);
      const queued: string[] = [];
      for (const { settlementDate, periodStart, policyIds } of due) {
        const period = { start: periodStart, end: settlementDate };
        for (const { bankOrganisationId, regionCode } of await this.facts.claimantsOf(period, tx, policyIds)) {
          const existing = await this.claims.batchesOf(tx, bankOrganisationId, regionCode, settlementDate);
          if (existing.length > 0) continue;
          const jobId = subsidyClaimJobId(bankOrganisationId, regionCode, settlementDate);
          await this.outbox.enqueue(
            tx,
            QueueName.SUBSIDY_CLAIMS,
            SubsidyClaimJob.BUILD,
            { bankOrganisationId, regionCode, settlementDate },
            jobId,
          );
          queued.push(jobId);
        }
      }
      const settlementDates = due.map((d) => d.settlementDate);
      return { settlementDate: settlementDates[settlementDates.length - 1], settlementDates, queued };
    });
  }
}
