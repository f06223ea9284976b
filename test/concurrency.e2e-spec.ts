import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { batcher, N, pollHealth, SMALL_POOL, type BatchRecord } from './support/concurrency';
import { approvedApplication, residentId } from './support/workflow';

const TODAY = '2026-12-01';

/**
 * One use case, one connection: with a pool of 2 connections, 50 parallel valid requests on every state-changing
 * endpoint all complete (a success, or a clear 4xx or 503), none fails with a 500 or hangs, and /health answers
 * 200 throughout. A use case that asked the pool for a second connection inside its transaction would deadlock
 * here (every request holding one connection and waiting for another); the connection guard would also refuse it.
 */
describe('concurrency on a pool of two connections (e2e)', () => {
  let h: ApiHarness;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  let health: { statuses: number[]; stop: () => Promise<void> };
  const batches: BatchRecord[] = [];

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`), { env: { ...SMALL_POOL } });
    for (const user of ['officer', 'fedadmin', 'employment', 'guarantee', 'bank']) token[user] = await h.login(user);
    health = pollHealth(h);
  });

  afterAll(async () => {
    await health?.stop();
    await h?.close();
  });

  /** Sends one request per item at once; checks that none is a 500 and all are answered in time. */
  const batch = batcher(batches);

  it('serves every state-changing use case without a 500 or a hang, and /health stays up', async () => {
    const seq = Array.from({ length: N }, (_, i) => i);
    const applicants = await batch(
      'POST /applicants',
      seq,
      (i) =>
        h.http
          .post('/applicants')
          .set(as('officer'))
          .send({
            name: `并发${i}`,
            idNumber: residentId('19900202', String(300 + i * 2)),
            mobile: '13600136000',
            regionCode: '150221100201',
            householdType: 'RURAL',
            category: 'RURAL_SELF_EMPLOYED',
            businessKind: 'LIVESTOCK',
            employmentStatus: 'FARMER',
          }),
      201,
    );
    const body = (amountYuan: string) => ({
      bankOrganisationId: h.demo.organisations.rcc.id,
      amountYuan,
      termMonths: 12,
      purpose: 'LIVESTOCK',
      repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    });
    const created = await batch(
      'POST /applications',
      applicants.map((a) => a.res.body.applicant.id as string),
      (applicantId) =>
        h.http
          .post('/applications')
          .set(as('officer'))
          .send({ applicantId, ...body('10000.00') }),
      201,
    );
    let ids = created.map((c) => c.res.body.id as string);
    ids = (
      await batch(
        'PUT /applications/:id',
        ids,
        (id) => h.http.put(`/applications/${id}`).set(as('officer')).send(body('12000.00')),
        200,
      )
    ).map((x) => x.item);
    ids = (
      await batch(
        'POST /applications/:id/submit',
        ids,
        (id) => h.http.post(`/applications/${id}/submit`).set(as('officer')),
        200,
      )
    ).map((x) => x.item);
    ids = (
      await batch(
        'POST /applications/:id/field-visits',
        ids,
        (id) =>
          h.http
            .post(`/applications/${id}/field-visits`)
            .set(as('fedadmin'))
            .send({ visitDate: TODAY, findings: '经营正常' }),
        201,
      )
    ).map((x) => x.item);
    for (const [user, step] of [
      ['fedadmin', 'FEDERATION_REVIEW'],
      ['employment', 'EMPLOYMENT_REVIEW'],
    ]) {
      ids = (
        await batch(
          `POST /applications/:id/decisions ${step}`,
          ids,
          (id) => h.http.post(`/applications/${id}/decisions`).set(as(user)).send({ step, decision: 'APPROVE' }),
          200,
        )
      ).map((x) => x.item);
    }
    ids = (
      await batch(
        'POST /guarantee-funds/:id/guarantees',
        ids,
        (id) =>
          h.http.post(`/guarantee-funds/${h.demo.fund.id}/guarantees`).set(as('guarantee')).send({ applicationId: id }),
        201,
      )
    ).map((x) => x.item);
    // Fifty guarantees issued at once from one fund: fifty different numbers, one after the other.
    const [numbers] = (await h.app.get(DataSource).query(
      `SELECT count(*)::int AS n, count(DISTINCT contract_number)::int AS distinct, max(contract_number) AS last
           FROM guarantees WHERE fund_id = $1`,
      [h.demo.fund.id],
    )) as { n: number; distinct: number; last: string }[];
    expect(numbers.distinct).toBe(numbers.n);
    expect(numbers.last).toMatch(new RegExp(`-DB-2026-${String(numbers.n).padStart(5, '0')}$`));
    ids = (
      await batch(
        'POST /applications/:id/decisions BANK_REVIEW',
        ids,
        (id) =>
          h.http
            .post(`/applications/${id}/decisions`)
            .set(as('bank'))
            .send({ step: 'BANK_REVIEW', decision: 'APPROVE' }),
        200,
      )
    ).map((x) => x.item);
    const signed = await batch(
      'POST /loans',
      ids,
      (applicationId, i) =>
        h.http
          .post('/loans')
          .set(as('bank'))
          .send({
            applicationId,
            contractNumber: `CC-2026-${i}`,
            signingDate: TODAY,
            annualRatePercent: '4.35',
          }),
      201,
    );
    let loans = signed.map((s) => s.res.body.id as string);
    loans = (
      await batch(
        'POST /loans/:id/disbursement',
        loans,
        (id, i) =>
          h.http
            .post(`/loans/${id}/disbursement`)
            .set(as('bank'))
            .send({ valueDate: TODAY, amountYuan: '12000.00', reference: `CC-D-${i}` }),
        200,
      )
    ).map((x) => x.item);
    loans = (
      await batch(
        'POST /loans/:id/extension',
        loans,
        (id) => h.http.post(`/loans/${id}/extension`).set(as('bank')).send({ months: 6, reason: '养殖周期延长' }),
        200,
      )
    ).map((x) => x.item);
    loans = (
      await batch(
        'POST /loans/:id/repayments',
        loans,
        (id, i) =>
          h.http
            .post(`/loans/${id}/repayments`)
            .set(as('bank'))
            .send({ amountYuan: '10.00', valueDate: TODAY, channel: 'TRANSFER', externalReference: `CC-R-${i}` }),
        200,
      )
    ).map((x) => x.item);
    const quotes = await Promise.all(
      loans.map((id) => h.http.get(`/loans/${id}/payoff-quote?date=${TODAY}`).set(as('bank')).expect(200)),
    );
    await batch(
      'POST /loans/:id/payoff',
      loans,
      (id, i) =>
        h.http
          .post(`/loans/${id}/payoff`)
          .set(as('bank'))
          .send({
            amountYuan: quotes[i].body.totalYuan as string,
            valueDate: TODAY,
            channel: 'TRANSFER',
            externalReference: `CC-P-${i}`,
          }),
      200,
    );
    await batch(
      'POST /guarantee-funds/:id/entries',
      seq,
      (i) =>
        h.http
          .post(`/guarantee-funds/${h.demo.fund.id}/entries`)
          .set(as('guarantee'))
          .send({ kind: 'CONTRIBUTION', amountYuan: '100.00', valueDate: TODAY, documentReference: `CC-F-${i}` }),
      201,
    );

    // No connection was left behind: the pool serves a plain request at once, and /health said 200 throughout.
    await h.http.get('/health').expect(200);
    await health.stop();
    expect(health.statuses.length).toBeGreaterThan(0);
    expect(health.statuses.filter((s) => s !== 200)).toEqual([]);
    if (process.env.TEST_LOG_LEVEL) console.log(batches);
    // Fifteen batches of fifty: about half a minute on an idle machine, more on a busy one.
  }, 240_000);
});

describe('races and idempotency (e2e)', () => {
  let h: ApiHarness;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`), {
      env: { DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '1000' },
    });
    for (const user of ['bank']) token[user] = await h.login(user);
  });

  afterAll(async () => {
    await h?.close();
  });

  const sign = (applicationId: string, contractNumber: string) =>
    h.http
      .post('/loans')
      .set(as('bank'))
      .send({ applicationId, contractNumber, signingDate: '2026-11-20', annualRatePercent: '4.35' });

  it('refuses an unused contract number only when the application has its loan already, a taken one as taken', async () => {
    const first = await approvedApplication(h, '20000.00');
    const second = await approvedApplication(h, '20000.00');
    // Two signings of one application at once, each with its own unused number: one wins, the other is told
    // the loan exists (not that its number is taken).
    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => sign(first, `RACE-2026-${i}`)));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = racing.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(refused.map(() => [409, 'LOAN_EXISTS']));
    // A number another loan holds is taken, whoever races for it.
    const winner = racing.find((r) => r.status === 201)!.body.contractNumber as string;
    const taken = await sign(second, winner).expect(409);
    expect(taken.body.code).toBe('CONTRACT_NUMBER_TAKEN');
    await sign(second, 'RACE-2026-FREE').expect(201);
  });

  it("refuses a payoff under a regular repayment's reference, and answers the same payoff twice once", async () => {
    const applicationId = await approvedApplication(h, '20000.00');
    const loan = (await sign(applicationId, 'IDEM-2026-1').expect(201)).body.id as string;
    await h.http
      .post(`/loans/${loan}/disbursement`)
      .set(as('bank'))
      .send({ valueDate: '2026-11-21', amountYuan: '20000.00', reference: 'IDEM-D-1' })
      .expect(200);
    const repayment = {
      amountYuan: '50.00',
      valueDate: TODAY,
      channel: 'TRANSFER',
      externalReference: 'IDEM-REF-1',
    };
    await h.http.post(`/loans/${loan}/repayments`).set(as('bank')).send(repayment).expect(200);
    const quote = await h.http.get(`/loans/${loan}/payoff-quote?date=${TODAY}`).set(as('bank')).expect(200);
    const payoff = { ...repayment, amountYuan: quote.body.totalYuan as string };

    const reused = await h.http.post(`/loans/${loan}/payoff`).set(as('bank')).send(payoff).expect(409);
    expect(reused.body).toMatchObject({
      code: 'REFERENCE_REUSED',
      details: { field: 'externalReference', earlier: { kind: 'REGULAR', amountYuan: '50.00' } },
    });
    expect((await h.http.get(`/loans/${loan}`).set(as('bank')).expect(200)).body.status).toBe('ACTIVE');
    // The regular repayment's own retry is still a duplicate; with another amount it is refused.
    const retry = await h.http.post(`/loans/${loan}/repayments`).set(as('bank')).send(repayment).expect(200);
    expect(retry.body.duplicate).toBe(true);
    await h.http
      .post(`/loans/${loan}/repayments`)
      .set(as('bank'))
      .send({ ...repayment, amountYuan: '51.00' })
      .expect(409);

    const fresh = { ...payoff, externalReference: 'IDEM-PAYOFF-1' };
    const paid = await h.http.post(`/loans/${loan}/payoff`).set(as('bank')).send(fresh).expect(200);
    expect(paid.body.duplicate).toBe(false);
    const again = await h.http.post(`/loans/${loan}/payoff`).set(as('bank')).send(fresh).expect(200);
    expect(again.body).toMatchObject({ duplicate: true, id: paid.body.id });
    expect((await h.http.get(`/loans/${loan}`).set(as('bank')).expect(200)).body.status).toBe('REPAID');
    // The payoff's reference sent as a regular repayment is refused too.
    const asRegular = await h.http.post(`/loans/${loan}/repayments`).set(as('bank')).send(fresh).expect(409);
    expect(asRegular.body.code).toBe('REFERENCE_REUSED');
  });

  it('answers 503 when no connection frees up in time, and recovers by itself', async () => {
    const ds = h.app.get(DataSource);
    // Both pool connections held elsewhere (as by a stuck job): a request waits the pool wait, then gets a 503.
    const held = [ds.createQueryRunner(), ds.createQueryRunner()];
    await Promise.all(held.map((r) => r.connect()));
    try {
      const busy = await h.http.get('/loans').set(as('bank'));
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
      expect(busy.headers['retry-after']).toBe('1');
      // The database itself is up: /health checks it on a connection of its own.
      await h.http.get('/health').expect(200);
    } finally {
      await Promise.all(held.map((r) => r.release()));
    }
    await h.http.get('/loans').set(as('bank')).expect(200);
  });
});
