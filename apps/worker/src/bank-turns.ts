import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One import per bank at a time, across workers: a Redis key per bank holding the job that has the turn, with an
 * expiry renewed as the import progresses (a worker that dies gives the turn up when it expires). The same job
 * asking again (taken up after a crash) keeps the turn at once.
 */
export class BankTurns {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async take(bankId: string, holder: string): Promise<boolean> {
    const key = `${this.prefix}:${bankId}`;
    if ((await this.redis.set(key, holder, 'PX', this.ttlMs, 'NX')) === 'OK') return true;
    return (await this.redis.eval(RENEW, 1, key, holder, String(this.ttlMs))) === 1;
  }

  async renew(bankId: string, holder: string): Promise<void> {
    await this.redis.eval(RENEW, 1, `${this.prefix}:${bankId}`, holder, String(this.ttlMs));
  }

  async release(bankId: string, holder: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `${this.prefix}:${bankId}`, holder);
  }
}
