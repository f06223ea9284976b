import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** The connection options BullMQ and our own Redis client share. */
export function redisConnectionOptions(url: string) {
  return { url, maxRetriesPerRequest: null, enableReadyCheck: true } as const;
}

/** While Redis stays unreachable, one log line per this interval (with how many errors it stands for). */
const ERROR_LOG_INTERVAL_MS = 30_000;

export function createRedisClient(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false, enableOfflineQueue: true });
  // Without a listener the client prints every reconnect failure to stderr; log them as JSON, at a bounded rate.
  const logger = new Logger('Redis');
  let lastLoggedAt = 0;
  let suppressed = 0;
  client.on('error', (error: Error & { code?: string }) => {
    const now = Date.now();
    if (now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    logger.error({ code: error.code, error: error.message, suppressed }, 'Redis client error');
    lastLoggedAt = now;
    suppressed = 0;
  });
  client.on('ready', () => {
    if (lastLoggedAt > 0) logger.log({ suppressed }, 'Redis connection restored');
    lastLoggedAt = 0;
    suppressed = 0;
  });
  return client;
}
