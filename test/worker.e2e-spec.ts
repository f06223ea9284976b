import { Readable } from 'node:stream';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OrganisationKind, Role, type Actor } from '@mla/auth';
import { StatementUploadService } from '@mla/reconciliation';
import { OutboxRepository, QueueName, ReconciliationJob, SystemJob, redisConnectionOptions } from '@mla/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/bootstrap';
import { freePort, waitFor } from './support/free-port';
import { createTestEnv, type TestEnv } from './support/test-env';

describe('worker (in process)', () => {
  let env: TestEnv;
  let worker: RunningWorker | undefined;
  let queue: Queue;
  let healthPort: number;

  beforeAll(async () => {
    healthPort = await freePort();
    // Keeps two completed jobs per queue: the default options remove the older ones.
    env = await createTestEnv({ WORKER_HEALTH_PORT: String(healthPort), QUEUE_KEEP_COMPLETED: '2' });
    queue = new Queue(QueueName.SYSTEM, {
      connection: redisConnectionOptions(env.config.env.REDIS_URL),
      prefix: env.config.env.QUEUE_PREFIX,
    });
    worker = await startWorker(env.config);
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await env?.cleanup();
  });

  it('registers its job schedulers in the business time zone', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'worker-heartbeat', pattern: '* * * * *', tz: 'Asia/Shanghai' }),
    ]);
    const reconciliation = new Queue(QueueName.RECONCILIATION, {
      connection: redisConnectionOptions(env.config.env.REDIS_URL),
      prefix: env.config.env.QUEUE_PREFIX,
    });
    try {
      expect(await reconciliation.getJobSchedulers()).toEqual([
        expect.objectContaining({ key: 'discard-stale-uploads', pattern: '17 * * * *', tz: 'Asia/Shanghai' }),
      ]);
    } finally {
      await reconciliation.close();
    }
  });

  it('runs a heartbeat job and reports it on /health', async () => {
    const job = await queue.add(SystemJob.HEARTBEAT, { requestedAt: new Date().toISOString() });
    const state = await waitFor('heartbeat to complete', async () => (await job.getState()) === 'completed');
    expect(state).toBe(true);
    const res = await fetch(`http://127.0.0.1:${healthPort}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      lastHeartbeatAt: string;
      queues: Record<string, { waiting: number; active: number; delayed: number; failed: number }>;
    };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.queues).sort()).toEqual(Object.values(QueueName).sort());
    expect(body.queues[QueueName.SYSTEM]).toEqual({
      waiting: expect.any(Number),
      active: expect.any(Number),
      delayed: expect.any(Number),
      failed: expect.any(Number),
    });
    expect(Date.parse(body.lastHeartbeatAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('relays outbox rows written in a transaction to the queue, once', async () => {
    const outbox = worker!.app.get(OutboxRepository);
    const ds = worker!.app.get(DataSource);
    const id = await ds.transaction((tx) =>
      outbox.enqueue(tx, QueueName.SYSTEM, SystemJob.HEARTBEAT, { requestedAt: 'outbox-test' }, 'outbox-heartbeat-1'),
    );
    expect(id).toEqual(expect.any(String));
    const job = await waitFor('relayed job', async () => queue.getJob('outbox-heartbeat-1'));
    await waitFor('relayed job to complete', async () => (await job.getState()) === 'completed');
    expect(job.data).toEqual({ requestedAt: 'outbox-test' });
    expect(await outbox.countPending()).toBe(0);
    // A rolled-back transaction leaves nothing to relay.
    await expect(
      ds.transaction(async (tx) => {
        await outbox.enqueue(
          tx,
          QueueName.SYSTEM,
          SystemJob.HEARTBEAT,
          { requestedAt: 'rolled-back' },
          'outbox-heartbeat-2',
        );
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    expect(await outbox.countPending()).toBe(0);
  });

  it('consumes the reconciliation queue: an import job for no import fails once, without retries', async () => {
    const outbox = worker!.app.get(OutboxRepository);
    const ds = worker!.app.get(DataSource);
    const reconciliation = new Queue(QueueName.RECONCILIATION, {
      connection: redisConnectionOptions(env.config.env.REDIS_URL),
      prefix: env.config.env.QUEUE_PREFIX,
    });
    try {
      await ds.transaction((tx) =>
        outbox.enqueue(
          tx,
          QueueName.RECONCILIATION,
          ReconciliationJob.IMPORT_STATEMENT,
          { importId: '00000000-0000-4000-8000-000000000001' },
          'import-missing',
        ),
      );
      const job = await waitFor('relayed import job', async () => reconciliation.getJob('import-missing'));
      await waitFor('import job to fail', async () => (await job.getState()) === 'failed');
      const failed = await reconciliation.getJob('import-missing');
      expect(failed?.failedReason).toContain('does not exist');
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await reconciliation.close();
    }
  });

  it('fails a bad statement file once, without retries, saying what and where in plain words', async () => {
    const ds = worker!.app.get(DataSource);
    await ds.query(
      `INSERT INTO regions (code, name, level) VALUES ('150221', 'county', 'COUNTY') ON CONFLICT DO NOTHING`,
    );
    const [bank] = (await ds.query(
      `INSERT INTO organisations (name, kind, region_code) VALUES ('bank', 'BANK_BRANCH', '150221') RETURNING id`,
    )) as { id: string }[];
    const [user] = (await ds.query(
      `INSERT INTO users (username, display_name, password_hash, organisation_id, roles)
       VALUES ('bank-officer', 'bank officer', 'x', $1, '{BANK_OFFICER}') RETURNING id`,
      [bank.id],
    )) as { id: string }[];
    const [account] = (await ds.query(
      `INSERT INTO bank_statement_accounts (bank_organisation_id, region_code, account_number, name, format, created_by_user_id)
       VALUES ($1, '150221', '150221012000000001', 'settlement', 'MT940', $2) RETURNING id`,
      [bank.id, user.id],
    )) as { id: string }[];
    const actor: Actor = {
      userId: user.id,
      username: 'bank-officer',
      displayName: 'bank officer',
      organisationId: bank.id,
      organisationKind: OrganisationKind.BANK_BRANCH,
      regionCode: '150221',
      organisationIds: [bank.id],
      roles: [Role.BANK_OFFICER],
    };
    const imp = await worker!.app.get(StatementUploadService).upload(actor, account.id, {
      fileName: 'broken.sta',
      stream: Readable.from([Buffer.from(':20:STMT\r\n:25:150221012000000001\r\n:60F:C261101CNY1\u0000,00\r\n-')]),
    });
    const reconciliation = new Queue(QueueName.RECONCILIATION, {
      connection: redisConnectionOptions(env.config.env.REDIS_URL),
      prefix: env.config.env.QUEUE_PREFIX,
    });
    try {
      const job = await waitFor('relayed import job', async () => reconciliation.getJob(`import-${imp.id}`));
      await waitFor('import job to fail', async () => (await job.getState()) === 'failed');
      const failed = await reconciliation.getJob(`import-${imp.id}`);
      expect(failed?.attemptsMade).toBe(1);
      const [row] = (await ds.query(
        `SELECT status, error_message AS "errorMessage" FROM statement_imports WHERE id = $1`,
        [imp.id],
      )) as { status: string; errorMessage: string }[];
      expect(row.status).toBe('FAILED');
      // The job keeps a fixed text; what and where is on the import, for the bank (a message may quote a cell).
      expect(failed?.failedReason).toContain('failed on its file');
      expect(failed?.failedReason).not.toContain(row.errorMessage);
      expect(row.errorMessage).not.toMatch(/byte sequence|bigint|syntax/);
    } finally {
      await reconciliation.close();
    }
  });

  it('removes completed jobs beyond the retention set for every queue', async () => {
    // Added through the worker's own queue, as the outbox relay and the job schedulers add theirs.
    const producer = worker!.app.get<Queue>(getQueueToken(QueueName.SYSTEM));
    const jobs = [];
    for (const n of [1, 2, 3, 4]) {
      const job = await producer.add(SystemJob.HEARTBEAT, { requestedAt: `retention-${n}` });
      await waitFor(`job ${n} to complete`, async () => (await job.getState()) === 'completed');
      jobs.push(job);
    }
    expect((await queue.getJobCounts('completed')).completed).toBeLessThanOrEqual(2);
    expect(await queue.getJob(jobs[0].id as string)).toBeUndefined();
    expect(await (await queue.getJob(jobs[3].id as string))?.getState()).toBe('completed');
  });

  it('finishes a job in flight before it stops', async () => {
    const job = await queue.add(SystemJob.HEARTBEAT, { requestedAt: 'slow', holdMs: 1500 });
    await waitFor('job to start', async () => (await job.getState()) === 'active');
    const closing = worker!.close();
    worker = undefined;
    await closing;
    expect(await job.getState()).toBe('completed');
  });
});
