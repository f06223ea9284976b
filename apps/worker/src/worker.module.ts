import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@mla/config';
import type { Clock } from '@mla/core';
import { DatabaseModule } from '@mla/database';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import {
  OutboxRepository,
  QueueInspector,
  QueueName,
  RedisModule,
  defaultJobOptions,
  redisConnectionOptions,
} from '@mla/queue';
import { ReconciliationModule } from '@mla/reconciliation';
import { NotificationsModule } from '@mla/notifications';
import { StatisticsModule } from '@mla/statistics';
import { SubsidiesModule } from '@mla/subsidies';
import { OutboxRelay } from './outbox-relay';
import { DailyCloseProcessor } from './daily-close.processor';
import { StatisticsProcessor } from './statistics.processor';
import { SubsidyClaimsProcessor } from './subsidy-claims.processor';
import { NotificationsProcessor } from './notifications.processor';
import { Schedules } from './schedules';
import { ReconciliationProcessor } from './reconciliation.processor';
import { SystemProcessor } from './system.processor';

@Module({})
export class WorkerModule {
  /** The worker for a given configuration; tests pass their own clock (the business date the close runs for). */
  static forConfig(config: AppConfig, clock?: Clock) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DatabaseModule.forRoot('worker'),
        RedisModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            connection: redisConnectionOptions(c.env.REDIS_URL),
            prefix: c.env.QUEUE_PREFIX,
            defaultJobOptions: defaultJobOptions(c.env),
          }),
        }),
        BullModule.registerQueue(
          { name: QueueName.SYSTEM },
          { name: QueueName.RECONCILIATION },
          { name: QueueName.DAILY_CLOSE },
          { name: QueueName.SUBSIDY_CLAIMS },
          { name: QueueName.NOTIFICATIONS },
          { name: QueueName.STATISTICS },
        ),
        // The use cases jobs run (imports post repayments, which the guarantee context follows).
        ReconciliationModule,
        // The nightly close and its steps (the guarantee context registers its compensation alerts; it re-exports loans).
        GuaranteeFundsModule,
        // Subsidy claims: the daily tick and the builds it queues.
        SubsidiesModule,
        // Reminders and notices: the morning selection, the dispatch of waits that ended, one send per message.
        NotificationsModule,
        // Statistics: queues the day's snapshot from the close, then stores it, and raises and clears warnings.
        StatisticsModule,
      ],
      providers: [
        SystemProcessor,
        ReconciliationProcessor,
        DailyCloseProcessor,
        SubsidyClaimsProcessor,
        NotificationsProcessor,
        StatisticsProcessor,
        Schedules,
        OutboxRepository,
        OutboxRelay,
        QueueInspector,
      ],
    };
  }
}
