import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrationDatabaseOptions } from '@mla/database';
import { NotificationJob, QueueName, redisConnectionOptions } from '@mla/queue';
import { builtApps, ROOT } from './support/built-apps';
import { waitFor } from './support/free-port';
import { statusCounts, writePendingMessages } from './support/notification-messages';
import { SmsSink } from './support/sms-sink';
import { createTestEnv, type TestEnv } from './support/test-env';

const KEY_ID = 'kill-key';
const SECRET = 'kill-secret-0123456789abcdef';
const MESSAGES = 2000;

/**
 * Exactly once under kills: the built worker sends 2,000 messages to the local gateway, is killed (SIGKILL) at a
 * quarter and again at a half, each time restarted, and the last worker finishes. Every message reaches the gateway and is delivered exactly once; the only
 * repeated requests are those in flight at the kill (same idempotency key, answered with the first bizId).
 */
describe('a worker killed twice in the middle of 2,000 messages', () => {
  let env: TestEnv;
  let sink: SmsSink;
  let ds: DataSource;
  let queue: Queue;
  let child: ChildProcess | undefined;
  let errors = '';
  let build: string;

  const spawnWorker = (url: string): ChildProcess => {
    const e = env.config.env;
    return spawn(process.execPath, [`${build}/apps/worker/src/main.js`], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: e.DATABASE_URL,
        DATABASE_MIGRATION_URL: e.DATABASE_MIGRATION_URL,
        DATABASE_MIGRATE_ON_BOOT: 'false',
        REDIS_URL: e.REDIS_URL,
        QUEUE_PREFIX: e.QUEUE_PREFIX,
        JWT_SECRET: e.JWT_SECRET,
        PII_ENCRYPTION_KEY: e.PII_ENCRYPTION_KEY,
        WORKER_HEALTH_PORT: '0',
        LOG_LEVEL: 'error',
        DAILY_CLOSE_CATCH_UP_ON_BOOT: 'false',
        QUEUE_LOCK_MS: '2000',
        NOTIFY_CHANNEL: 'sms',
        NOTIFY_SMS_URL: url,
        NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
        NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
        NOTIFY_SEND_CONCURRENCY: '100',
        DATABASE_POOL_SIZE: '20',
        NOTIFY_RETRY_DELAY_MS: '100',
      },
    });
  };

  beforeAll(async () => {
    const building = builtApps();
    building.catch(() => undefined);
    env = await createTestEnv();
    build = await building;
    sink = new SmsSink(KEY_ID, SECRET);
    ds = new DataSource(buildDataSourceOptions(migrationDatabaseOptions(env.databaseUrl, 'kill-test')));
    await ds.initialize();
    const e = env.config.env;
    queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: redisConnectionOptions(e.REDIS_URL),
      prefix: e.QUEUE_PREFIX,
    });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await queue?.close();
    await ds?.destroy();
    await sink?.stop();
    await env?.cleanup();
  });

  it('delivers every message exactly once', async () => {
    const url = await sink.start();
    // Answers take a few ms, so the kill lands with requests in flight.
    sink.behaviour = () => ({ status: 200, delayMs: 2 });
    const ids = await writePendingMessages(ds, env.config.env.PII_ENCRYPTION_KEY, {
      count: MESSAGES,
      applicantId: null,
      regionCode: '150221100201',
      phone: '13500135000',
      tag: 'kill',
    });
    expect(ids).toHaveLength(MESSAGES);

    const t0 = Date.now();
    const mark = (what: string) => console.log(`${what} ${Date.now() - t0} ms, ${sink.delivered.size} delivered`);
    child = spawnWorker(url);
    child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
    await queue.add(NotificationJob.DISPATCH, { requestedAt: 'test' });
    // Killed twice, at a quarter and at a half, each time restarted.
    const atKills: number[] = [];
    for (const share of [4, 2]) {
      await waitFor(`1/${share} delivered`, async () => sink.delivered.size >= MESSAGES / share, 60_000).catch(
        async (e) => {
          throw new Error(
            `${(e as Error).message}: ${sink.delivered.size} delivered, ${JSON.stringify(await statusCounts(ds))}, ${errors.slice(0, 2000)}`,
          );
        },
      );
      mark('kill at');
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      atKills.push(sink.delivered.size);
      expect(sink.delivered.size).toBeLessThan(MESSAGES);

      child = spawnWorker(url);
      child.stderr?.on('data', (d: Buffer) => (errors += d.toString()));
      // The dispatch again, as the scheduler would: rows already queued keep their jobs; nothing is added twice.
      await queue.add(NotificationJob.DISPATCH, { requestedAt: `test-after-kill-${share}` });
    }
    await waitFor(
      'every message sent',
      async () => sink.delivered.size === MESSAGES && (await statusCounts(ds)).SENT === MESSAGES,
      150_000,
    );

    expect(sink.delivered.size).toBe(MESSAGES);
    expect(new Set(ids)).toEqual(new Set(sink.delivered.keys()));
    // Repeated requests only for what was in flight at the kill, and none of them delivered twice.
    expect(sink.requests.length - MESSAGES).toBe(sink.duplicates);
    // At most one per send in flight at each kill (the worker's concurrency).
    expect(sink.duplicates).toBeLessThanOrEqual(2 * 100);
    const stored = (await ds.query(
      `SELECT id, gateway_message_id AS "biz" FROM notification_messages WHERE status = 'SENT'`,
    )) as { id: string; biz: string }[];
    expect(stored.every((r) => sink.delivered.get(r.id)?.bizId === r.biz)).toBe(true);
    mark(`done (${atKills.join(' and ')} at the kills, ${sink.duplicates} repeated requests, deduplicated):`);
  }, 240_000);
});
