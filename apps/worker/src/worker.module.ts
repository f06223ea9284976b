import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@mla/config';
import { DatabaseModule } from '@mla/database';
import { OutboxRepository, QueueName, RedisModule, redisConnectionOptions } from '@mla/queue';
import { ReconciliationModule } from '@mla/reconciliation';
import { OutboxRelay } from './outbox-relay';
import { Schedules } from './schedules';
import { ReconciliationProcessor } from './reconciliation.processor';
import { SystemProcessor } from './system.processor';

@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig) {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('worker'),
        RedisModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            connection: redisConnectionOptions(c.env.REDIS_URL),
            prefix: c.env.QUEUE_PREFIX,
            defaultJobOptions: {
              attempts: 5,
              backoff: { type: 'exponential', delay: 5000 },
              removeOnComplete: { age: 24 * 3600, count: 1000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        BullModule.registerQueue({ name: QueueName.SYSTEM }, { name: QueueName.RECONCILIATION }),
        // The use cases jobs run (imports post repayments, which the guarantee context follows).
        ReconciliationModule,
      ],
      providers: [SystemProcessor, ReconciliationProcessor, Schedules, OutboxRepository, OutboxRelay],
    };
  }
}
