import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FixedClock, LocalDate } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import { startApi, type ApiHarness } from './support/api-harness';

/** The nightly close over HTTP: administrators list runs and queue the close of a date; who may do what. */
describe('daily close runs (e2e)', () => {
  let h: ApiHarness;
  let admin: string;
  const clock = new FixedClock('2026-06-10T10:00:00+08:00');

  beforeAll(async () => {
    h = await startApi(clock);
    admin = await h.login('admin');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('queues the close of a date (202), once per request, with an ids-only payload; audited', async () => {
    const res = await h.http
      .post('/daily-close/runs')
      .set('Authorization', admin)
      .send({ businessDate: '2026-06-09' })
      .expect(202);
    expect(res.body).toMatchObject({ businessDate: '2026-06-09', alreadyClosed: false, run: null });
    expect(res.body.jobId).toMatch(/^daily-close-2026-06-09-manual-[0-9a-f-]{36}$/);
    const ds = h.app.get(DataSource);
    const [row] = await ds.query(`SELECT queue, job_name, payload FROM outbox_messages WHERE job_id = $1`, [
      res.body.jobId,
    ]);
    expect(row).toEqual({
      queue: 'daily-close',
      job_name: 'close-business-date',
      payload: { businessDate: '2026-06-09', trigger: 'MANUAL', requestedByUserId: h.demo.users.admin.id },
    });
    const audit = (await ds.query(
      `SELECT actor_username AS "actor", after FROM audit_log WHERE action = 'daily_close.requested'`,
    )) as unknown[];
    expect(audit).toEqual([{ actor: 'admin', after: { businessDate: '2026-06-09', jobId: res.body.jobId } }]);
  });

  it('refuses a date after today (422, naming the field and the limit) and a malformed one (400)', async () => {
    const future = await h.http
      .post('/daily-close/runs')
      .set('Authorization', admin)
      .send({ businessDate: '2026-06-11' })
      .expect(422);
    expect(future.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'businessDate', value: '2026-06-11', max: '2026-06-10', maxReason: 'today' },
    });
    await h.http.post('/daily-close/runs').set('Authorization', admin).send({ businessDate: '2026-02-30' }).expect(400);
    await h.http.post('/daily-close/runs').set('Authorization', admin).send({}).expect(400);
  });

  it('answers 409 while the date is running, and the stored run once it is closed', async () => {
    const { databaseUrl } = h.env;
    const other = new Client({ connectionString: databaseUrl });
    await other.connect();
    try {
      // Another process runs the close of 2026-06-08: its row says RUNNING and its session holds the lock.
      await other.query(`SELECT pg_advisory_lock($1, 1)`, [0x4d4c41]);
      await other.query(
        `INSERT INTO daily_close_runs (business_date, status, trigger, started_at) VALUES ('2026-06-08', 'RUNNING', 'CLI', now())`,
      );
      const busy = await h.http
        .post('/daily-close/runs')
        .set('Authorization', admin)
        .send({ businessDate: '2026-06-08' })
        .expect(409);
      expect(busy.body).toMatchObject({ code: 'DAILY_CLOSE_RUNNING' });
      await expect(h.app.get(DailyCloseService).run(LocalDate.parse('2026-06-08'))).rejects.toMatchObject({
        code: 'DAILY_CLOSE_RUNNING',
      });
    } finally {
      await other.end();
    }
    // That process died: its run is stale, and closing the date takes it again.
    const run = await h.app.get(DailyCloseService).run(LocalDate.parse('2026-06-08'));
    expect(run).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const again = await h.http
      .post('/daily-close/runs')
      .set('Authorization', admin)
      .send({ businessDate: '2026-06-08' })
      .expect(202);
    expect(again.body).toMatchObject({ alreadyClosed: true, jobId: null, run: { id: run.id, status: 'SUCCEEDED' } });
  });

  it('lists runs newest first, with figures and duration, paged', async () => {
    await h.app.get(DailyCloseService).run(LocalDate.parse('2026-06-10'));
    const page = await h.http.get('/daily-close/runs?limit=2').set('Authorization', admin).expect(200);
    expect(page.body.items.map((r: { businessDate: string; trigger: string }) => [r.businessDate, r.trigger])).toEqual([
      ['2026-06-10', 'CLI'],
      ['2026-06-09', 'CATCH_UP'],
    ]);
    expect(page.body.items[0]).toMatchObject({
      status: 'SUCCEEDED',
      durationMs: expect.any(Number),
      figures: expect.objectContaining({ installmentsMarkedOverdue: 0, penaltyAccruedFen: '0' }),
    });
    const next = await h.http
      .get(`/daily-close/runs?limit=2&cursor=${page.body.nextCursor as string}`)
      .set('Authorization', admin)
      .expect(200);
    expect(next.body).toMatchObject({
      items: [expect.objectContaining({ businessDate: '2026-06-08' })],
      nextCursor: null,
    });
  });

  it('lets administrators start a close, administrators and auditors read runs, and no one else', async () => {
    const auditor = await h.login('auditor');
    await h.http.get('/daily-close/runs').set('Authorization', auditor).expect(200);
    const refused = await h.http
      .post('/daily-close/runs')
      .set('Authorization', auditor)
      .send({ businessDate: '2026-06-10' })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'PERMISSION_DENIED' });
    for (const user of ['officer', 'guarantee', 'bank', 'finance']) {
      const auth = await h.login(user);
      await h.http.get('/daily-close/runs').set('Authorization', auth).expect(403);
      await h.http
        .post('/daily-close/runs')
        .set('Authorization', auth)
        .send({ businessDate: '2026-06-10' })
        .expect(403);
    }
    await h.http.get('/daily-close/runs').expect(401);
  });

  it('lists compensation alerts to the guarantee operator and the bank, not to a loan officer', async () => {
    for (const user of ['guarantee', 'bank', 'auditor']) {
      const res = await h.http
        .get('/compensation-alerts?status=OPEN')
        .set('Authorization', await h.login(user))
        .expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    }
    await h.http
      .get('/compensation-alerts')
      .set('Authorization', await h.login('officer'))
      .expect(403);
    await h.http
      .get('/compensation-alerts?status=MAYBE')
      .set('Authorization', await h.login('bank'))
      .expect(400);
  });
});
