import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '@mla/config';
import { BUSINESS_TIME_ZONE } from '@mla/core';
import { DailyCloseJob, NotificationJob, QueueName, ReconciliationJob, SubsidyClaimJob, SystemJob } from '@mla/queue';

/**
 * Repeating jobs, declared in one place. upsertJobScheduler is idempotent, so every worker instance may run it
 * at boot; times are business times (Asia/Shanghai).
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(
    @InjectQueue(QueueName.SYSTEM) private readonly system: Queue,
    @InjectQueue(QueueName.RECONCILIATION) private readonly reconciliation: Queue,
    @InjectQueue(QueueName.DAILY_CLOSE) private readonly dailyClose: Queue,
    @InjectQueue(QueueName.SUBSIDY_CLAIMS) private readonly subsidyClaims: Queue,
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly notifications: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.system.upsertJobScheduler(
      'worker-heartbeat',
      { pattern: '* * * * *', tz: BUSINESS_TIME_ZONE },
      { name: SystemJob.HEARTBEAT, data: { requestedAt: 'scheduled' } },
    );
    // The statement housekeeping (kept under its first name): stale uploads, raw files past retention, stopped imports.
    await this.reconciliation.upsertJobScheduler(
      'discard-stale-uploads',
      { pattern: '17 * * * *', tz: BUSINESS_TIME_ZONE },
      { name: ReconciliationJob.DISCARD_STALE_UPLOADS, data: { olderThanMinutes: 120 } },
    );
    // The nightly close (日终): the tick queues every business date still open through today, oldest first.
    const closeAt = this.config.env.DAILY_CLOSE_CRON;
    await this.dailyClose.upsertJobScheduler(
      'daily-close',
      { pattern: closeAt, tz: BUSINESS_TIME_ZONE },
      { name: DailyCloseJob.TICK, data: { requestedAt: 'scheduled' } },
    );
    // Subsidy claims 贴息申报: each morning, the claims of the latest settlement date that are not built yet.
    await this.subsidyClaims.upsertJobScheduler(
      'subsidy-claims',
      { pattern: '30 6 * * *', tz: BUSINESS_TIME_ZONE },
      { name: SubsidyClaimJob.TICK, data: { requestedAt: 'scheduled' } },
    );
    // Reminders: the morning selection after the nightly close, and the dispatch of messages whose wait ended.
    const morningAt = this.config.env.NOTIFY_MORNING_CRON;
    await this.notifications.upsertJobScheduler(
      'notifications-morning',
      { pattern: morningAt, tz: BUSINESS_TIME_ZONE },
      { name: NotificationJob.MORNING_TICK, data: { requestedAt: 'scheduled' } },
    );
    await this.notifications.upsertJobScheduler(
      'notifications-dispatch',
      { pattern: this.config.env.NOTIFY_DISPATCH_CRON, tz: BUSINESS_TIME_ZONE },
      { name: NotificationJob.DISPATCH, data: { requestedAt: 'scheduled' } },
    );
    this.logger.log(
      `Job schedulers registered: worker-heartbeat (every minute), discard-stale-uploads (hourly: uploads idle 2 h, raw files past retention, stopped imports), daily-close (${closeAt} ${BUSINESS_TIME_ZONE}), subsidy-claims (06:30 ${BUSINESS_TIME_ZONE}), notifications-morning (${morningAt} ${BUSINESS_TIME_ZONE}), notifications-dispatch`,
    );
  }
}
