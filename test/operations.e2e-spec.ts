import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName, SystemJob, redisConnectionOptions } from '@mla/queue';
import { startApi, type ApiHarness } from './support/api-harness';

/**
 * The operators' view of the queues from the api: each queue's depth on /health, failed jobs listed and retried by
 * system administrators, and the queue dashboard behind the same login and role (a cookie an administrator's
 * signed-in session asks for).
 */
describe('queue operations (e2e)', () => {
  let h: ApiHarness;
  let admin: string;
  let officer: string;
  let system: Queue;
  let notifications: Queue;
  let failedJobId: string;

  beforeAll(async () => {
    h = await startApi();
    [admin, officer] = await Promise.all([h.login('admin'), h.login('officer')]);
    const connection = redisConnectionOptions(h.env.config.env.REDIS_URL);
    const prefix = h.env.config.env.QUEUE_PREFIX;
    system = new Queue(QueueName.SYSTEM, { connection, prefix });
    notifications = new Queue(QueueName.NOTIFICATIONS, { connection, prefix });
    // Two jobs waiting and one delayed on a queue nobody consumes here; one job of the system queue failing for good.
    await notifications.add('subsidy-paid', { claimLineId: 'L1', payoutId: 'P1' }, { jobId: 'ops-wait-1' });
    await notifications.add('subsidy-paid', { claimLineId: 'L2', payoutId: 'P1' }, { jobId: 'ops-wait-2' });
    await notifications.add(
      'subsidy-paid',
      { claimLineId: 'L3', payoutId: 'P1' },
      { jobId: 'ops-later', delay: 3_600_000 },
    );
    const job = await system.add(SystemJob.HEARTBEAT, { requestedAt: 'ops-test' }, { jobId: 'ops-failing' });
    failedJobId = job.id as string;
    const worker = new Worker(
      QueueName.SYSTEM,
      () => Promise.reject(new UnrecoverableError('heartbeat refused in the test\nsecond line')),
      { connection, prefix },
    );
    await new Promise<void>((resolve) => worker.once('failed', () => resolve()));
    await worker.close();
  });

  afterAll(async () => {
    await system?.close();
    await notifications?.close();
    await h?.close();
  });

  it('reports each queue’s depth and failures on /health', async () => {
    const res = await h.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.queues).sort()).toEqual(Object.values(QueueName).sort());
    expect(res.body.queues[QueueName.NOTIFICATIONS]).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 });
    expect(res.body.queues[QueueName.SYSTEM]).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
  });

  describe('failed jobs', () => {
    it('lists them to administrators: name, id, reason, attempts, time; never the data', async () => {
      const res = await h.http
        .get(`/admin/jobs/failed?queue=${QueueName.SYSTEM}`)
        .set('Authorization', admin)
        .expect(200);
      expect(res.body).toEqual({
        items: [
          {
            queue: QueueName.SYSTEM,
            id: failedJobId,
            name: SystemJob.HEARTBEAT,
            failedReason: 'heartbeat refused in the test',
            attemptsMade: 1,
            queuedAt: expect.any(String),
            failedAt: expect.any(String),
          },
        ],
        nextCursor: null,
      });
      expect(JSON.stringify(res.body)).not.toContain('ops-test');
      expect((await h.http.get('/admin/jobs/failed?queue=nope').set('Authorization', admin)).status).toBe(400);
      expect((await h.http.get('/admin/jobs/failed?queue=system').set('Authorization', officer)).status).toBe(403);
      expect((await h.http.get('/admin/jobs/failed?queue=system')).status).toBe(401);
    });

    it('retries one (audited): it waits again; a second retry is refused, an unknown job is 404', async () => {
      expect((await h.http.post(`/admin/jobs/system/${failedJobId}/retry`).set('Authorization', officer)).status).toBe(
        403,
      );
      const res = await h.http.post(`/admin/jobs/system/${failedJobId}/retry`).set('Authorization', admin).expect(200);
      expect(res.body).toMatchObject({ id: failedJobId, name: SystemJob.HEARTBEAT });
      expect(await (await system.getJob(failedJobId))?.getState()).toBe('waiting');
      const again = await h.http.post(`/admin/jobs/system/${failedJobId}/retry`).set('Authorization', admin);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'JOB_NOT_FAILED', details: { state: 'waiting' } });
      const missing = await h.http.post('/admin/jobs/system/no-such-job/retry').set('Authorization', admin);
      expect(missing.status).toBe(404);
      expect((await h.http.post('/admin/jobs/system/a:b/retry').set('Authorization', admin)).status).toBe(400);
      const audit = (await h.app
        .get(DataSource)
        .query(`SELECT entity_id AS "entityId", before FROM audit_log WHERE action = 'queue.job_retried'`)) as {
        entityId: string;
        before: { failedReason: string };
      }[];
      expect(audit).toEqual([
        {
          entityId: `system/${failedJobId}`,
          before: expect.objectContaining({ failedReason: 'heartbeat refused in the test' }),
        },
      ]);
      const health = await h.http.get('/health').expect(200);
      expect(health.body.queues[QueueName.SYSTEM]).toMatchObject({ waiting: 1, failed: 0 });
    });
  });

  describe('the queue dashboard', () => {
    let cookie: string;

    it('is refused without the cookie (401), and the cookie to anyone but an administrator (403)', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await h.http.get(path);
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', requestId: expect.any(String) });
        expect(res.text).not.toContain('__UI_CONFIG__');
      }
      const res = await h.http.post('/admin/queue-dashboard/session').set('Authorization', officer);
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect((await h.http.post('/admin/queue-dashboard/session')).status).toBe(401);
    });

    it('gives an administrator an HttpOnly, SameSite=Strict cookie that opens the board, read-only', async () => {
      const res = await h.http.post('/admin/queue-dashboard/session').set('Authorization', admin).expect(200);
      expect(res.body).toEqual({ url: '/admin/queues', expiresIn: 600 });
      const setCookie = (res.headers['set-cookie'] as unknown as string[])[0];
      expect(setCookie).toMatch(/^mla_queue_dashboard=[^;]+;/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toContain('Path=/admin/queues');
      cookie = setCookie.split(';')[0];
      const page = await h.http.get('/admin/queues').set('Cookie', cookie).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('__UI_CONFIG__');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      // Its scripts come from the same guarded path.
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1] as string;
      expect(script).toBeDefined();
      await h.http.get(`/admin/queues/${script}`).set('Cookie', cookie).expect(200);
      expect((await h.http.get(`/admin/queues/${script}`)).status).toBe(401);
      const api = await h.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
      const names = (api.body.queues as { name: string; readOnlyMode: boolean }[]).map((q) => q.name).sort();
      expect(names).toEqual(Object.values(QueueName).sort());
      expect((api.body.queues as { readOnlyMode: boolean }[]).every((q) => q.readOnlyMode)).toBe(true);
      const audit = (await h.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'queue.dashboard_opened'`)) as { n: number }[];
      expect(audit[0].n).toBe(1);
    });

    it('takes no other token: an access token is no cookie, the cookie is no bearer token', async () => {
      const accessToken = admin.replace('Bearer ', '');
      expect((await h.http.get('/admin/queues').set('Cookie', `mla_queue_dashboard=${accessToken}`)).status).toBe(401);
      const dashboardToken = cookie.split('=')[1];
      const res = await h.http.get('/admin/jobs/failed?queue=system').set('Authorization', `Bearer ${dashboardToken}`);
      expect(res.status).toBe(401);
    });
  });
});
