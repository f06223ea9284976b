import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { REDIS_CLIENT } from '@mla/queue';

/**
 * Counts failed logins in Redis (shared by every api instance) per username+address and per address. Past the
 * limit, logins from there are refused until the window ends, even with the right password.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): [string, string] {
    const prefix = `${this.config.env.QUEUE_PREFIX}:login-failures`;
    const pair = createHash('sha256').update(`${username.toLowerCase()}\u0000${ip}`).digest('hex');
    const addr = createHash('sha256').update(ip).digest('hex');
    return [`${prefix}:pair:${pair}`, `${prefix}:ip:${addr}`];
  }

  /** Seconds until another attempt is allowed, or 0 when the caller may try now. */
  async retryAfterSeconds(username: string, ip: string): Promise<number> {
    const max = this.config.env.LOGIN_MAX_ATTEMPTS;
    const [pairKey, ipKey] = this.keys(username, ip);
    const [[, pair], [, addr], [, pairTtl], [, ipTtl]] = (await this.redis
      .multi()
      .get(pairKey)
      .get(ipKey)
      .ttl(pairKey)
      .ttl(ipKey)
      .exec()) as [unknown, string | number | null][];
    if (Number(pair ?? 0) >= max) return Math.max(1, Number(pairTtl));
    if (Number(addr ?? 0) >= max * 4) return Math.max(1, Number(ipTtl));
    return 0;
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const window = this.config.env.LOGIN_WINDOW_SECONDS;
    const multi = this.redis.multi();
    for (const key of this.keys(username, ip)) multi.incr(key).expire(key, window, 'NX');
    await multi.exec();
  }

  async reset(username: string, ip: string): Promise<void> {
    await this.redis.del(this.keys(username, ip)[0]);
  }
}
