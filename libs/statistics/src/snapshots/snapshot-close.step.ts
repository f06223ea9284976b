import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@mla/core';
import { DailyCloseSteps, LoanEvents, type DailyCloseStep, type LoanEvent, type StepFigures } from '@mla/loans';
import { OutboxRepository, QueueName, StatisticsJob, statisticsSnapshotJobId } from '@mla/queue';
import { SnapshotRepository } from './snapshot.repository';

/**
 * Ties statistics to the nightly close without slowing it: the close's last step only queues the date's snapshot job
 * (an outbox row in the close's transaction, so the job exists exactly when the close committed), and a loan change
 * dated before today (a disbursement entered late, principal repaid or owed again by a back-dated posting) marks the
 * loan stale from its value date, in the posting's own transaction, for the next snapshot job to re-compute. Postings
 * that move no principal (interest or penalty only, their reversals) are found by the job itself, from the postings
 * entered since its last run (`STALE_LOANS_SQL`).
 */
@Injectable()
export class SnapshotCloseStep implements DailyCloseStep, OnModuleInit {
  readonly name = 'statistics-snapshot';
  /** After every step that changes loans (days past due 100, compensation alerts 200). */
  readonly order = 900;

  constructor(
    private readonly steps: DailyCloseSteps,
    private readonly loanEvents: LoanEvents,
    private readonly outbox: OutboxRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.steps.register(this);
    this.loanEvents.subscribe((tx, event) => this.onLoanEvent(tx, event));
  }

  async run(tx: EntityManager, asOf: string): Promise<StepFigures> {
    await this.outbox.enqueue(
      tx,
      QueueName.STATISTICS,
      StatisticsJob.SNAPSHOT,
      { businessDate: asOf },
      statisticsSnapshotJobId(asOf),
    );
    return { statisticsSnapshotQueued: true };
  }

  private async onLoanEvent(tx: EntityManager, event: LoanEvent): Promise<void> {
    if (event.type === 'COMPENSATED') return;
    if (event.valueDate < this.clock.today().toString()) {
      await this.snapshots.markLoanDirty(tx, event.loanId, event.valueDate);
    }
  }
}
