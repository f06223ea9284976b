import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppConfig } from '@mla/config';
import { CommonErrorCode, ServiceUnavailableError } from '@mla/core';
import { REDIS_CLIENT } from '@mla/queue';

/**
 * Counts an attempt and decides in one step, so parallel attempts cannot all read "below the limit" before any
 * of them is counted. KEYS: pair (username+address), address. ARGV: pair limit, address limit, window seconds.
 * An attempt refused by its pair limit is not counted for the address (a blocked pair must not lock out
 * everyone else behind the same address). Returns [allowed (1/0), seconds until the window ends].
 */
const TAKE_ATTEMPT = `
local pair = redis.call('INCR', KEYS[1])
if pair == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if pair > tonumber(ARGV[1]) then
  local ttl = redis.call('TTL', KEYS[1])
  if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]); ttl = tonumber(ARGV[3]) end
  return {0, ttl}
end
local addr = redis.call('INCR', KEYS[2])
if addr == 1 then redis.call('EXPIRE', KEYS[2], ARGV[3]) end
if addr > tonumber(ARGV[2]) then
  local ttl = redis.call('TTL', KEYS[2])
  if ttl < 0 then redis.call('EXPIRE', KEYS[2], ARGV[3]); ttl = tonumber(ARGV[3]) end
  return {0, ttl}
end
return {1, 0}
`;

/** A successful login clears its pair and gives back the address the attempt it took. */
const FORGET_SUCCESS = `
redis.call('DEL', KEYS[1])
local addr = tonumber(redis.call('GET', KEYS[2]) or '0')
if addr > 0 then redis.call('DECR', KEYS[2]) end
return 1
`;

/** How long a login waits for Redis before answering 503. */
const REDIS_TIMEOUT_MS = 1000;

/**
 * Limits login attempts in Redis (shared by every api instance) per username+address and per address. Each
 * attempt is counted before its password is checked; past the limit, logins from there are refused until the
 * window ends, even with the right password. When Redis cannot answer, login answers 503 at once rather than
 * letting anyone try without a limit.
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

  /**
   * Counts one attempt. Returns 0 when the caller may check the password now, else the seconds until another
   * attempt is allowed.
   */
  async takeAttempt(username: string, ip: string): Promise<number> {
    const max = this.config.env.LOGIN_MAX_ATTEMPTS;
    const window = this.config.env.LOGIN_WINDOW_SECONDS;
    const [allowed, ttl] = (await this.call(() =>
      this.redis.eval(TAKE_ATTEMPT, 2, ...this.keys(username, ip), max, max * 4, window),
    )) as [number, number];
    return allowed === 1 ? 0 : Math.max(1, Number(ttl));
  }

  /** After a successful login: the failures of this username from this address are forgotten. */
  async reset(username: string, ip: string): Promise<void> {
    await this.call(() => this.redis.eval(FORGET_SUCCESS, 2, ...this.keys(username, ip)));
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    // A client that is reconnecting would queue the command for seconds: answer now instead.
    if (['reconnecting', 'close', 'end'].includes(this.redis.status)) throw unavailable();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        command(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(unavailable()), REDIS_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      throw error instanceof ServiceUnavailableError ? error : unavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}

function unavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    CommonErrorCode.SERVICE_UNAVAILABLE,
    'Login is unavailable for a moment; try again shortly',
  );
}
