import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { FundingLevel, SubsidyBudgetLedger } from '@mla/subsidies';
import { startApi, type ApiHarness } from './support/api-harness';
import { batcher, N, range, SMALL_POOL, type BatchRecord } from './support/concurrency';

const TODAY = '2026-03-02';

/**
 * The finance bureau's yearly subsidy budgets over HTTP, on a pool of two connections: bookings and their
 * refusals, balances and entries in yuan, append-only for the application's role, and approvals racing through the
 * claims port against a budget with room for only some of them.
 */
describe('subsidy budgets (e2e)', () => {
  let h: ApiHarness;
  let ds: DataSource;
  let ledger: SubsidyBudgetLedger;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  const batches: BatchRecord[] = [];
  const batch = batcher(batches);

  const book = (user: string, body: Record<string, unknown>) =>
    h.http
      .post('/subsidy-budgets/entries')
      .set(as(user))
      .send({ fiscalYear: 2026, valueDate: '2026-01-15', documentReference: '土财预〔2026〕3号', ...body });
  const balances = async (user = 'finance', query = 'fiscalYear=2026') => {
    const res = await h.http.get(`/subsidy-budgets/balances?${query}`).set(as(user)).expect(200);
    return res.body as { regionCode: string; levels: Record<string, string | boolean>[] };
  };
  const level = async (fundingLevel: string) => (await balances()).levels.find((l) => l.fundingLevel === fundingLevel)!;

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`), { env: { ...SMALL_POOL } });
    ds = h.app.get(DataSource);
    ledger = h.app.get(SubsidyBudgetLedger);
    for (const user of ['finance', 'officer', 'auditor', 'bank']) token[user] = await h.login(user);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets the finance bureau book the yearly allocation and top-ups, and refuses others clearly', async () => {
    const allocation = await book('finance', { fundingLevel: 'COUNTY', kind: 'ALLOCATION', amountYuan: '200000.00' });
    expect(allocation.status).toBe(201);
    expect(allocation.body).toMatchObject({
      regionCode: '150221',
      fiscalYear: 2026,
      fundingLevel: 'COUNTY',
      account: 'AVAILABLE',
      kind: 'ALLOCATION',
      amountYuan: '200000.00',
      documentReference: '土财预〔2026〕3号',
      bookedBy: 'finance',
    });
    await book('finance', { fundingLevel: 'COUNTY', kind: 'TOP_UP', amountYuan: '12345.67' }).expect(201);

    const again = await book('finance', { fundingLevel: 'COUNTY', kind: 'ALLOCATION', amountYuan: '1.00' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ALLOCATION_EXISTS',
      message: '县级2026年度贴息预算已下达，请登记追加预算',
    });
    const officer = await book('officer', { fundingLevel: 'CITY', kind: 'ALLOCATION', amountYuan: '1.00' });
    expect(officer.status).toBe(403);
    expect(officer.body.message).toBe('您的角色无权执行此操作（需要“下达和追加贴息预算”权限）');
    const elsewhere = await book('finance', {
      regionCode: '150222',
      fundingLevel: 'CITY',
      kind: 'ALLOCATION',
      amountYuan: '1.00',
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'REGION_OUTSIDE_SCOPE']);
    const commitment = await book('finance', { fundingLevel: 'CITY', kind: 'COMMITMENT', amountYuan: '1.00' });
    expect([commitment.status, commitment.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const zero = await book('finance', { fundingLevel: 'CITY', kind: 'ALLOCATION', amountYuan: '0.00' });
    expect([zero.status, zero.body.code]).toEqual([400, 'INVALID_AMOUNT']);
    const future = await book('finance', {
      fundingLevel: 'CITY',
      kind: 'ALLOCATION',
      amountYuan: '1.00',
      valueDate: '2026-03-03',
    });
    expect([future.status, future.body.code]).toEqual([422, 'DATE_OUT_OF_RANGE']);
    expect(await level('CITY')).toMatchObject({ exists: false, availableYuan: '0.00' });
  });

  it('creates a budget once when 50 first allocations race: one is booked, the others are told it exists', async () => {
    const passed = await batch(
      'POST /subsidy-budgets/entries (ALLOCATION ×50)',
      range(N),
      () => book('finance', { fundingLevel: 'PROVINCIAL', kind: 'ALLOCATION', amountYuan: '5000.00' }),
      201,
      { exactly: 1, losers: [409] },
    );
    expect(passed).toHaveLength(1);
    expect(await level('PROVINCIAL')).toMatchObject({ exists: true, allocatedYuan: '5000.00' });
  });

  it('lets 50 approvals race against a budget with room for only some: none overdraws it, none fails', async () => {
    // The county budget: 212,345.67 yuan; each line commits 9,876.54: floor(21,234,567 / 987,654) = 21 fit.
    const roomFen = 21_234_567n;
    const amountFen = 987_654n;
    const started = Date.now();
    const results = await Promise.allSettled(
      range(N).map(() =>
        ds.transaction((tx) =>
          ledger.commit(tx, {
            regionCode: '150221',
            year: 2026,
            level: FundingLevel.COUNTY,
            claimLineId: randomUUID(),
            amountFen,
            valueDate: TODAY,
          }),
        ),
      ),
    );
    const ms = Date.now() - started;
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code ?? String(r.reason));
    expect({ passed, refused: [...new Set(refused)] }).toEqual({
      passed: Number(roomFen / amountFen),
      refused: ['BUDGET_EXCEEDED'],
    });
    expect(ms).toBeLessThan(30_000);
    // The ledger balances to the fen, and the API says the same in yuan.
    const [sums] = (await ds.query(
      `SELECT SUM(e.amount_fen) FILTER (WHERE e.account = 'AVAILABLE')::text AS available,
              count(*) FILTER (WHERE e.kind = 'COMMITMENT')::int AS commitments
         FROM subsidy_budget_entries e JOIN subsidy_budgets b ON b.id = e.budget_id
        WHERE b.region_code = '150221' AND b.fiscal_year = 2026 AND b.funding_level = 'COUNTY'`,
    )) as { available: string; commitments: number }[];
    expect(sums).toEqual({ available: String(roomFen - 21n * amountFen), commitments: 21 });
    expect(await level('COUNTY')).toEqual({
      fundingLevel: 'COUNTY',
      exists: true,
      allocatedYuan: '200000.00',
      toppedUpYuan: '12345.67',
      committedYuan: '207407.34',
      releasedYuan: '0.00',
      paidYuan: '0.00',
      availableYuan: '4938.33',
      outstandingYuan: '207407.34',
    });
    console.log(`subsidy budget race (pool of 2): ${N} commits, ${passed} passed, ${N - passed} refused, ${ms} ms`);
  });

  it('refuses to reverse an allocation that approved lines already use, saying so in Chinese', async () => {
    const entries = await h.http
      .get('/subsidy-budgets/entries?fiscalYear=2026&fundingLevel=COUNTY&limit=200')
      .set(as('finance'))
      .expect(200);
    const allocation = (entries.body.items as { id: string; kind: string }[]).find((e) => e.kind === 'ALLOCATION')!;
    const before = await ds.query(`SELECT count(*)::int AS n FROM subsidy_budget_entries`);
    const res = await h.http
      .post(`/subsidy-budgets/entries/${allocation.id}/reversal`)
      .set(as('finance'))
      .send({ reason: '指标文件有误' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'BUDGET_EXCEEDED',
      message: '县级2026年度贴息预算可用余额为4938.33元，不足本次200000.00元',
      details: { fundingLevel: 'COUNTY', fiscalYear: 2026, availableYuan: '4938.33', requestedYuan: '200000.00' },
    });
    const en = await h.http
      .post(`/subsidy-budgets/entries/${allocation.id}/reversal`)
      .set(as('finance'))
      .set('Accept-Language', 'en')
      .send({ reason: '指标文件有误' });
    expect(en.body.message).toBe(
      'The County subsidy budget of 2026 has 4938.33 yuan available; 200000.00 yuan was asked',
    );
    expect(await ds.query(`SELECT count(*)::int AS n FROM subsidy_budget_entries`)).toEqual(before);
    const topUp = (entries.body.items as { id: string; kind: string }[]).find((e) => e.kind === 'TOP_UP')!;
    const commitment = (entries.body.items as { id: string; kind: string }[]).find((e) => e.kind === 'COMMITMENT')!;
    const notReversible = await h.http
      .post(`/subsidy-budgets/entries/${commitment.id}/reversal`)
      .set(as('finance'))
      .send({ reason: 'x' });
    expect([notReversible.status, notReversible.body.code]).toEqual([409, 'NOT_REVERSIBLE']);
    const missing = await h.http
      .post(`/subsidy-budgets/entries/99999999/reversal`)
      .set(as('finance'))
      .send({ reason: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    // A top-up smaller than what is available can go.
    const small = await book('finance', { fundingLevel: 'COUNTY', kind: 'TOP_UP', amountYuan: '0.33' }).expect(201);
    const reversal = await h.http
      .post(`/subsidy-budgets/entries/${small.body.id}/reversal`)
      .set(as('finance'))
      .send({ reason: '重复登记' })
      .expect(201);
    expect(reversal.body).toMatchObject({ kind: 'REVERSAL', amountYuan: '-0.33', reversesEntryId: small.body.id });
    expect(topUp).toBeDefined();
  });

  it('lists entries newest first in yuan with who booked them, and reads balances within the jurisdiction', async () => {
    const first = await h.http.get('/subsidy-budgets/entries?fiscalYear=2026&limit=5').set(as('finance')).expect(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({ kind: 'REVERSAL', amountYuan: '-0.33', bookedBy: 'finance' });
    const next = await h.http
      .get(`/subsidy-budgets/entries?fiscalYear=2026&limit=5&cursor=${first.body.nextCursor}`)
      .set(as('finance'))
      .expect(200);
    const ids = [...first.body.items, ...next.body.items].map((e: { id: string }) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    const commitment = (next.body.items as { kind: string }[]).find((e) => e.kind === 'COMMITMENT');
    expect(commitment).toMatchObject({ amountYuan: '-9876.54', bookedBy: 'system', fundingLevel: 'COUNTY' });

    // The auditor (province) reads the county's figures; the bank may not; another county is out of scope.
    const audited = await balances('auditor', 'fiscalYear=2026&regionCode=150221');
    expect(audited.levels.map((l) => l.fundingLevel)).toEqual(['CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY']);
    const bank = await h.http.get('/subsidy-budgets/balances?fiscalYear=2026').set(as('bank'));
    expect([bank.status, bank.body.code]).toEqual([403, 'PERMISSION_DENIED']);
    const other = await h.http.get('/subsidy-budgets/balances?fiscalYear=2026&regionCode=150222').set(as('finance'));
    expect([other.status, other.body.code]).toEqual([422, 'REGION_OUTSIDE_SCOPE']);
    const noYear = await h.http.get('/subsidy-budgets/balances').set(as('finance'));
    expect([noYear.status, noYear.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('audits every entry and keeps the ledger append-only for the application’s role', async () => {
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM subsidy_budget_entries) AS entries,
              (SELECT count(*)::int FROM audit_log WHERE entity_type = 'subsidy_budget') AS audits`,
    )) as { entries: number; audits: number }[];
    expect(counts.audits).toBe(counts.entries);
    await expect(ds.query(`UPDATE subsidy_budget_entries SET amount_fen = 1`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`DELETE FROM subsidy_budget_entries`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`UPDATE subsidy_budgets SET fiscal_year = 2027`)).rejects.toThrow(/append-only/);
  });

  it('documents every operation: summary, description and every status', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { summary?: string; description?: string; responses: Record<string, unknown> }>
    >;
    const expected: [string, string, string[]][] = [
      ['/subsidy-budgets/entries', 'post', ['201', '400', '401', '403', '409', '422']],
      ['/subsidy-budgets/entries', 'get', ['200', '400', '401', '403', '422']],
      ['/subsidy-budgets/entries/{entryId}/reversal', 'post', ['201', '400', '401', '403', '404', '409', '422']],
      ['/subsidy-budgets/balances', 'get', ['200', '400', '401', '403', '422']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = paths[path]?.[method];
      expect({
        path,
        method,
        summary: Boolean(operation?.summary),
        description: Boolean(operation?.description),
      }).toEqual({ path, method, summary: true, description: true });
      expect({ path, method, statuses: Object.keys(operation?.responses ?? {}).sort() }).toEqual({
        path,
        method,
        statuses,
      });
    }
    const codes = (res.body.components.schemas.ErrorCode?.enum ?? []) as string[];
    expect(codes).toEqual(expect.arrayContaining(['BUDGET_EXCEEDED', 'BUDGET_NOT_ALLOCATED', 'ALLOCATION_EXISTS']));
  });
});
