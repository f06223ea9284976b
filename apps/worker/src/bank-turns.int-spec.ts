import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testRedisUrl } from '../../../test/support/test-servers';
import { BankTurns } from './bank-turns';

describe('one import per bank at a time (Redis)', () => {
  const redis = new Redis(testRedisUrl());
  const prefix = `t${randomBytes(4).toString('hex')}:bank-turn`;
  const turns = new BankTurns(redis, prefix, 500);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("gives a bank's turn to one import; other banks go at once; the same import taken up again keeps it", async () => {
    expect(await turns.take('bank-a', 'import-1')).toBe(true);
    expect(await turns.take('bank-a', 'import-2')).toBe(false);
    expect(await turns.take('bank-b', 'import-3')).toBe(true);
    // Its job taken up again after its worker died: the same import continues at once.
    expect(await turns.take('bank-a', 'import-1')).toBe(true);
    // Only the holder releases.
    await turns.release('bank-a', 'import-2');
    expect(await turns.take('bank-a', 'import-2')).toBe(false);
    await turns.release('bank-a', 'import-1');
    expect(await turns.take('bank-a', 'import-2')).toBe(true);
  });

  it('lets the turn go when its holder stops renewing it (a dead worker)', async () => {
    expect(await turns.take('bank-c', 'import-4')).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    await turns.renew('bank-c', 'import-4');
    await new Promise((r) => setTimeout(r, 300));
    expect(await turns.take('bank-c', 'import-5')).toBe(false);
    await new Promise((r) => setTimeout(r, 600));
    expect(await turns.take('bank-c', 'import-5')).toBe(true);
  });
});
