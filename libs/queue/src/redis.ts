import { Redis } from 'ioredis';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** The connection options BullMQ and our own Redis client share. */
export function redisConnectionOptions(url: string) {
  return { url, maxRetriesPerRequest: null, enableReadyCheck: true } as const;
}

export function createRedisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false, enableOfflineQueue: true });
}
