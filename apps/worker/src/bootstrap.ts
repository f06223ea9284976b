import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { type AppConfig } from '@mla/config';
import { PinoNestLogger, createLogger, type Clock } from '@mla/core';
import { DatabaseHealth } from '@mla/database';
import { QueueInspector, REDIS_CLIENT, heartbeatKey } from '@mla/queue';
import { startHealthServer } from './health-server';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  /** Stops taking jobs, lets jobs in flight finish, closes connections. */
  close(): Promise<void>;
}

/** Starts the worker; `clock` for tests (a FixedClock), else the system clock. */
export async function startWorker(config: AppConfig, clock?: Clock): Promise<RunningWorker> {
  const logger = createLogger(config.env.LOG_LEVEL, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config, clock), {
    logger: new PinoNestLogger(logger),
  });
  await app.init();
  const database = app.get(DatabaseHealth);
  const redis = app.get<Redis>(REDIS_CLIENT);
  const queues = app.get(QueueInspector);
  const server =
    config.env.WORKER_HEALTH_PORT > 0
      ? startHealthServer(
          config.env.WORKER_HEALTH_PORT,
          { database: () => database.ping(), redis: () => redis.ping() },
          async () => ({
            lastHeartbeatAt: await redis.get(heartbeatKey(config.env.QUEUE_PREFIX)),
            // Each queue's depth and failures, as the api's /health shows them (null when Redis is slow).
            queues: await queues.depths(config.env.HEALTH_QUEUE_TIMEOUT_MS),
          }),
        )
      : undefined;
  logger.info({ healthPort: config.env.WORKER_HEALTH_PORT }, 'worker started');
  return {
    app,
    close: async () => {
      server?.close();
      await app.close();
    },
  };
}
