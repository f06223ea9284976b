import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { DailyCloseSteps, LoanExposureService, type DailyCloseStep, type StepFigures } from '@mla/loans';
import { NotificationJob, OutboxRepository, QueueName, compensationAlertOpenedJobId } from '@mla/queue';
import { CompensationAlertRepository } from './compensation-alert.repository';

/**
 * A step of the nightly close (after the loans' days past due are stored): flags each guaranteed loan more days
 * past due than its fund's compensation trigger (`guarantee_funds.compensation_trigger_days`, each fund's own) for
 * the guarantee operator and the bank, refreshes the figures of those still past, and closes the alerts of loans
 * no longer past (repaid within the trigger, claim filed, guarantee ended). Each alert opened queues, in the close's
 * transaction, the notice to the fund's guarantee operators (an outbox row, one job per alert).
 */
@Injectable()
export class CompensationThresholdStep implements DailyCloseStep, OnModuleInit {
  readonly name = 'compensation-alerts';
  readonly order = 200;

  constructor(
    private readonly steps: DailyCloseSteps,
    private readonly loans: LoanExposureService,
    private readonly alerts: CompensationAlertRepository,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxRepository,
  ) {}

  onModuleInit(): void {
    this.steps.register(this);
  }

  async run(tx: EntityManager, asOf: string): Promise<StepFigures> {
    const smallest = await this.alerts.smallestTriggerDays(tx);
    const past = smallest === null ? [] : await this.loans.pastDueLoans(tx, smallest);
    const { opened, updated } = await this.alerts.upsertPast(tx, asOf, past);
    const closed = await this.alerts.closeNotSeen(tx, asOf);
    await this.outbox.enqueueMany(
      tx,
      QueueName.NOTIFICATIONS,
      NotificationJob.COMPENSATION_ALERT_OPENED,
      opened.map((alertId) => ({ payload: { alertId }, jobId: compensationAlertOpenedJobId(alertId) })),
    );
    if (opened.length || closed.length) {
      await this.audit.record(tx, {
        action: 'compensation_alert.changed',
        entityType: 'compensation_alert',
        after: { asOf, opened, closed },
      });
    }
    return {
      compensationAlertsOpened: opened.length,
      compensationAlertsRefreshed: updated,
      compensationAlertsClosed: closed.length,
      compensationAlertsOpen: await this.alerts.countOpen(tx),
    };
  }
}
