import { spawn, type ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { QueueName, SystemJob, redisConnectionOptions } from '@mla/queue';
import { builtApps, ROOT } from './support/built-apps';
import { freePort, waitFor } from './support/free-port';
import { createTestEnv, type TestEnv } from './support/test-env';

/** The built worker as a real process: boots, serves /health, and on SIGTERM lets its job finish, then exits 0. */
describe('worker process', () => {
  let env: TestEnv;
  let child: ChildProcess | undefined;
  let queue: Queue;
  let output = '';

  beforeAll(async () => {
    const build = await builtApps();
    const port = await freePort();
    env = await createTestEnv({ WORKER_HEALTH_PORT: String(port) });
    const e = env.config.env;
    child = spawn(process.execPath, [`${build}/apps/worker/src/main.js`], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: e.DATABASE_URL,
        DATABASE_MIGRATION_URL: e.DATABASE_MIGRATION_URL,
        REDIS_URL: e.REDIS_URL,
        QUEUE_PREFIX: e.QUEUE_PREFIX,
        JWT_SECRET: e.JWT_SECRET,
        PII_ENCRYPTION_KEY: e.PII_ENCRYPTION_KEY,
        WORKER_HEALTH_PORT: String(port),
        LOG_LEVEL: 'info',
      },
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    queue = new Queue(QueueName.SYSTEM, { connection: redisConnectionOptions(e.REDIS_URL), prefix: e.QUEUE_PREFIX });
    await waitFor(
      'worker /health',
      async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200,
      30_000,
    );
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await queue?.close();
    await env?.cleanup();
  });

  it('on SIGTERM finishes the job in flight and exits 0', async () => {
    const job = await queue.add(SystemJob.HEARTBEAT, { requestedAt: 'sigterm', holdMs: 2000 });
    await waitFor('job to start', async () => (await job.getState()) === 'active');
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    expect(await job.getState()).toBe('completed');
    // Logs are JSON lines.
    const lines = output.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
