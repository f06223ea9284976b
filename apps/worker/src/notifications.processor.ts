import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '@mla/config';
import { RequestContext } from '@mla/core';
import {
  MessageDispatcher,
  MessageSender,
  NoticesService,
  OfficerDigestService,
  ReminderSelectionService,
  StaffNoticesService,
} from '@mla/notifications';
import { NotificationJob, QueueName, dispatchJob, sendMessageJobId, type JobHandlers, type JobOf } from '@mla/queue';

/**
 * The notifications queue: the morning selection (writes the day's reminder rows, then queues them), the dispatch of
 * messages whose wait is over, and one send per message (job id `notify-<message>-<round>`, payload ids only).
 * Sends retry with exponential backoff on 5xx and timeouts (NOTIFY_SEND_ATTEMPTS, NOTIFY_RETRY_DELAY_MS); a row
 * that failed for good is the officer's to see and retry.
 */
@Processor(QueueName.NOTIFICATIONS, { concurrency: 1, autorun: false })
export class NotificationsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly selection: ReminderSelectionService,
    private readonly dispatcher: MessageDispatcher,
    private readonly sender: MessageSender,
    private readonly notices: NoticesService,
    private readonly digests: OfficerDigestService,
    private readonly staff: StaffNoticesService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const lockMs = this.config.env.QUEUE_LOCK_MS;
    Object.assign(this.worker.opts, {
      concurrency: this.config.env.NOTIFY_SEND_CONCURRENCY,
      lockDuration: lockMs,
      lockRenewTime: lockMs / 2,
      stalledInterval: lockMs,
    });
    this.worker.concurrency = this.config.env.NOTIFY_SEND_CONCURRENCY;
    void this.worker.run().catch((error: unknown) => this.logger.error(error as Error));
    await Promise.resolve();
  }

  private readonly handlers: JobHandlers<QueueName.NOTIFICATIONS> = {
    [NotificationJob.MORNING_TICK]: () => this.morning(),
    [NotificationJob.DISPATCH]: () => this.dispatch(),
    [NotificationJob.SEND_MESSAGE]: (job) => this.send(job),
    [NotificationJob.SUBSIDY_PAID]: (job) => this.subsidyPaid(job),
    [NotificationJob.WARNING_RAISED]: (job) => this.staffNotice(this.staff.warningRaised(job.data.warningId)),
    [NotificationJob.COMPENSATION_ALERT_OPENED]: (job) =>
      this.staffNotice(this.staff.compensationAlertOpened(job.data.alertId)),
  };

  async process(job: Job, token?: string): Promise<unknown> {
    return RequestContext.run({ requestId: `job-${job.queueName}-${job.id}` }, () =>
      dispatchJob(this.handlers, job, token),
    );
  }

  private async morning(): Promise<unknown> {
    const selected = await this.selection.selectFor();
    const digests = await this.digests.writeFor();
    const queued = await this.dispatch();
    return { ...selected, ...digests, ...queued };
  }

  /** The borrower's notice of a paid claim line (once per line), queued at once. */
  private async subsidyPaid(job: JobOf<NotificationJob.SUBSIDY_PAID>): Promise<unknown> {
    const written = await this.notices.subsidyPaid(job.data.claimLineId, job.data.payoutId);
    return { ...written, ...(await this.dispatch()) };
  }

  /** The messages of a raised warning or an opened compensation alert (once per user), queued at once. */
  private async staffNotice(written: Promise<{ written: number }>): Promise<unknown> {
    return { ...(await written), ...(await this.dispatch()) };
  }

  private async dispatch(): Promise<{ queued: number }> {
    const attempts = this.config.env.NOTIFY_SEND_ATTEMPTS;
    const delay = this.config.env.NOTIFY_RETRY_DELAY_MS;
    const queued = await this.dispatcher.dispatchDue(async (rows) => {
      await this.queue.addBulk(
        rows.map((r) => ({
          name: NotificationJob.SEND_MESSAGE,
          data: { messageId: r.id, dispatch: r.dispatch },
          opts: {
            jobId: sendMessageJobId(r.id, r.dispatch),
            attempts,
            backoff: { type: 'exponential', delay },
            removeOnComplete: true,
          },
        })),
      );
    });
    return { queued };
  }

  private async send(job: JobOf<NotificationJob.SEND_MESSAGE>): Promise<{ outcome: string }> {
    const { messageId, dispatch } = job.data;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return { outcome: await this.sender.send(messageId, dispatch, lastAttempt) };
  }
}
