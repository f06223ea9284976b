import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@mla/auth';
import {
  BudgetEntryKind,
  FundingLevel,
  SubsidiesModule,
  SubsidyBudgetLedger,
  SubsidyBudgetService,
  type SubsidyBudgetEntry,
} from '@mla/subsidies';
import { startServices, type ServiceHarness } from './support/service-harness';

const REGION = '150221';
const YEAR = 2026;

/**
 * The yearly subsidy budget of each funding level (service level, no HTTP): the finance bureau books allocations and
 * top-ups; claims commit, pay, cancel and release through the port. A refusal writes nothing, the ledger cannot be
 * changed by the application's role, and 50 approvals racing on a pool of two connections never overdraw a budget.
 */
describe('subsidy budgets (service level)', () => {
  let h: ServiceHarness;
  let ds: DataSource;
  let budgets: SubsidyBudgetService;
  let ledger: SubsidyBudgetLedger;
  let finance: Actor;

  const ref = (level: FundingLevel, claimLineId = randomUUID()) => ({
    regionCode: REGION,
    year: YEAR,
    level,
    claimLineId,
  });
  const commit = (level: FundingLevel, amountFen: bigint, claimLineId = randomUUID()) =>
    ds.transaction((tx) => ledger.commit(tx, { ...ref(level, claimLineId), amountFen, valueDate: '2026-01-02' }));
  const balance = (level: FundingLevel) => ledger.balance(ds.manager, { regionCode: REGION, year: YEAR, level });
  /** Entries and their audit rows: what a refusal must leave as it found. */
  const written = async () =>
    (
      (await ds.query(
        `SELECT (SELECT count(*)::int FROM subsidy_budget_entries) AS entries,
                (SELECT count(*)::int FROM audit_log WHERE entity_type = 'subsidy_budget') AS audits`,
      )) as { entries: number; audits: number }[]
    )[0];
  const allocate = (level: FundingLevel, amountYuan: string, kind = BudgetEntryKind.ALLOCATION) =>
    budgets.book(finance, {
      fiscalYear: YEAR,
      fundingLevel: level,
      kind: kind as BudgetEntryKind.ALLOCATION,
      amountYuan,
      valueDate: '2026-01-02',
      documentReference: '土财预〔2026〕3号',
    });

  beforeAll(async () => {
    h = await startServices({
      imports: [SubsidiesModule],
      today: '2026-01-02',
      env: { DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '20000' },
    });
    ds = h.get(DataSource);
    budgets = h.get(SubsidyBudgetService);
    ledger = h.get(SubsidyBudgetLedger);
    finance = await h.actor('finance');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('books the yearly allocation and top-ups by the finance bureau, with the figures to the fen', async () => {
    const allocation = await allocate(FundingLevel.COUNTY, '200000.00');
    expect(allocation).toMatchObject({ kind: 'ALLOCATION', account: 'AVAILABLE', amountFen: 20_000_000n });
    expect(allocation.bookedByUsername).toBe('finance');
    await allocate(FundingLevel.COUNTY, '1234.57', BudgetEntryKind.TOP_UP);
    await expect(allocate(FundingLevel.COUNTY, '1.00')).rejects.toMatchObject({ code: 'ALLOCATION_EXISTS' });
    await commit(FundingLevel.COUNTY, 118_333n);
    expect(await balance(FundingLevel.COUNTY)).toEqual({
      allocatedFen: 20_000_000n,
      toppedUpFen: 123_457n,
      committedFen: 118_333n,
      releasedFen: 0n,
      paidFen: 0n,
      availableFen: 20_005_124n,
      outstandingFen: 118_333n,
    });
    const year = await budgets.balances(finance, undefined, YEAR);
    expect(year.levels.map((l) => [l.fundingLevel, l.exists, l.availableFen])).toEqual([
      ['CENTRAL', false, 0n],
      ['PROVINCIAL', false, 0n],
      ['CITY', false, 0n],
      ['COUNTY', true, 20_005_124n],
    ]);
  });

  it('keeps bookings to the finance bureau of the jurisdiction', async () => {
    const before = await written();
    await expect(allocate(FundingLevel.COUNTY, '0.00')).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(
      budgets.book(await h.actor('officer'), {
        fiscalYear: YEAR,
        fundingLevel: FundingLevel.CITY,
        kind: BudgetEntryKind.ALLOCATION,
        amountYuan: '1.00',
        valueDate: '2026-01-02',
      }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(
      budgets.book(finance, {
        regionCode: '150222',
        fiscalYear: YEAR,
        fundingLevel: FundingLevel.CITY,
        kind: BudgetEntryKind.ALLOCATION,
        amountYuan: '1.00',
        valueDate: '2026-01-02',
      }),
    ).rejects.toMatchObject({ code: 'REGION_OUTSIDE_SCOPE' });
    expect(await written()).toEqual(before);
  });

  it('refuses a commitment or a payout over the budget with the figures, and writes nothing', async () => {
    await allocate(FundingLevel.CITY, '100.00');
    await commit(FundingLevel.CITY, 9_000n);
    const before = await written();
    await expect(commit(FundingLevel.CITY, 1_001n)).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { fundingLevel: 'CITY', fiscalYear: YEAR, availableYuan: '10.00', requestedYuan: '10.01' },
    });
    await expect(
      ds.transaction((tx) =>
        ledger.pay(tx, {
          ...ref(FundingLevel.CITY),
          amountFen: 1_001n,
          payoutBatchId: randomUUID(),
          valueDate: '2026-01-02',
        }),
      ),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    await expect(commit(FundingLevel.CENTRAL, 1n)).rejects.toMatchObject({
      code: 'BUDGET_NOT_ALLOCATED',
      details: { fundingLevel: 'CENTRAL', fiscalYear: YEAR },
    });
    expect(await written()).toEqual(before);
    await commit(FundingLevel.CITY, 1_000n);
    expect((await balance(FundingLevel.CITY)).availableFen).toBe(0n);
  });

  it('commits a claim line once: the same line again does not count twice', async () => {
    await allocate(FundingLevel.PROVINCIAL, '50.00');
    const line = randomUUID();
    const first = await commit(FundingLevel.PROVINCIAL, 2_000n, line);
    const again = await commit(FundingLevel.PROVINCIAL, 2_000n, line);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.entry.id).toBe(first.entry.id);
    await expect(commit(FundingLevel.PROVINCIAL, 2_001n, line)).rejects.toMatchObject({
      code: 'LINE_ALREADY_COMMITTED',
      details: { committedYuan: '20.00', requestedYuan: '20.01' },
    });
    const others = await Promise.allSettled([1, 2, 3].map(() => commit(FundingLevel.PROVINCIAL, 500n, randomUUID())));
    expect(others.every((r) => r.status === 'fulfilled')).toBe(true);
    const racedLine = randomUUID();
    const raced = await Promise.all([1, 2, 3, 4].map(() => commit(FundingLevel.PROVINCIAL, 100n, racedLine)));
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(await balance(FundingLevel.PROVINCIAL)).toMatchObject({ committedFen: 3_600n, availableFen: 1_400n });
  });

  it('pays, cancels a payout and releases a line, each move a new entry', async () => {
    const line = randomUUID();
    const batch = randomUUID();
    const inTx = <T>(work: (tx: EntityManager) => Promise<T>) => ds.transaction(work);
    const lineRef = ref(FundingLevel.PROVINCIAL, line);
    const paid = await inTx((tx) =>
      ledger.pay(tx, { ...lineRef, amountFen: 300n, payoutBatchId: batch, valueDate: '2026-01-02' }),
    );
    expect(paid).toMatchObject({ kind: 'PAYOUT', account: 'PAID', amountFen: 300n, payoutBatchId: batch });
    // Paying the same line in the same batch again finds the payout.
    const repaid = await inTx((tx) =>
      ledger.pay(tx, { ...lineRef, amountFen: 300n, payoutBatchId: batch, valueDate: '2026-01-02' }),
    );
    expect(repaid.id).toBe(paid.id);
    await expect(
      inTx((tx) =>
        ledger.pay(tx, { ...lineRef, amountFen: 300n, payoutBatchId: randomUUID(), valueDate: '2026-01-02' }),
      ),
    ).rejects.toMatchObject({ code: 'LINE_ALREADY_PAID', details: { payoutBatchId: batch } });
    await expect(
      inTx((tx) => ledger.release(tx, { ...lineRef, valueDate: '2026-01-02', reason: '审核后退回' })),
    ).rejects.toMatchObject({ code: 'LINE_ALREADY_PAID' });
    expect(await balance(FundingLevel.PROVINCIAL)).toMatchObject({
      committedFen: 3_900n,
      paidFen: 300n,
      availableFen: 1_100n,
      outstandingFen: 3_600n,
    });
    const cancelled = await inTx((tx) =>
      ledger.cancelPayout(tx, { ...lineRef, payoutBatchId: batch, valueDate: '2026-01-02', reason: '批次撤销' }),
    );
    expect(cancelled).toMatchObject({ kind: 'REVERSAL', account: 'PAID', amountFen: -300n, reversesEntryId: paid.id });
    const released = await inTx((tx) =>
      ledger.release(tx, { ...lineRef, valueDate: '2026-01-02', reason: '审核后退回', payoutBatchId: batch }),
    );
    expect(released).toMatchObject({ kind: 'RELEASE', account: 'AVAILABLE', amountFen: 300n });
    const releasedAgain = await inTx((tx) =>
      ledger.release(tx, { ...lineRef, valueDate: '2026-01-02', reason: '审核后退回' }),
    );
    expect(releasedAgain.id).toBe(released.id);
    await expect(commit(FundingLevel.PROVINCIAL, 300n, line)).rejects.toMatchObject({ code: 'LINE_RELEASED' });
    await expect(
      inTx((tx) => ledger.release(tx, { ...ref(FundingLevel.PROVINCIAL), valueDate: '2026-01-02', reason: 'x' })),
    ).rejects.toMatchObject({ code: 'LINE_NOT_COMMITTED' });
    expect(await balance(FundingLevel.PROVINCIAL)).toMatchObject({
      committedFen: 3_900n,
      releasedFen: 300n,
      paidFen: 0n,
      availableFen: 1_400n,
      outstandingFen: 3_600n,
    });
  });

  it('reverses an allocation or top-up only while what is available covers it', async () => {
    const [allocation] = (await budgets.entries(finance, { fiscalYear: YEAR, fundingLevel: FundingLevel.CITY })).items
      .filter((e: SubsidyBudgetEntry) => e.kind === BudgetEntryKind.ALLOCATION)
      .slice(-1);
    const before = await written();
    await expect(budgets.reverse(finance, allocation.id, '指标文件有误')).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: { availableYuan: '0.00', requestedYuan: '100.00' },
    });
    expect(await written()).toEqual(before);
    const topUp = await allocate(FundingLevel.PROVINCIAL, '5.00', BudgetEntryKind.TOP_UP);
    const reversal = await budgets.reverse(finance, topUp.id, '重复登记');
    expect(reversal).toMatchObject({ kind: 'REVERSAL', amountFen: -500n, reversesEntryId: topUp.id });
    await expect(budgets.reverse(finance, topUp.id, '重复登记')).rejects.toMatchObject({ code: 'ALREADY_REVERSED' });
    const commitment = (await budgets.entries(finance, { fiscalYear: YEAR })).items.find(
      (e) => e.kind === BudgetEntryKind.COMMITMENT,
    )!;
    await expect(budgets.reverse(finance, commitment.id, 'x')).rejects.toMatchObject({ code: 'NOT_REVERSIBLE' });
    await expect(budgets.reverse(finance, '999999', 'x')).rejects.toMatchObject({ code: 'BUDGET_ENTRY_NOT_FOUND' });
  });

  it('lists entries newest first, page by page', async () => {
    const first = await budgets.entries(finance, { fiscalYear: YEAR }, 3);
    const second = await budgets.entries(finance, { fiscalYear: YEAR }, 3, first.nextCursor!);
    const ids = [...first.items, ...second.items].map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(ids).size).toBe(6);
  });

  it('is append-only for the application’s role and for the owner', async () => {
    await expect(ds.query(`UPDATE subsidy_budget_entries SET amount_fen = 1`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`DELETE FROM subsidy_budget_entries`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`TRUNCATE subsidy_budget_entries`)).rejects.toThrow(/permission denied/);
    await expect(ds.query(`UPDATE subsidy_budgets SET fiscal_year = 2027`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM subsidy_budgets`)).rejects.toThrow(/permission denied/);
    const owner = new DataSource({ type: 'postgres', url: h.env.databaseUrl });
    await owner.initialize();
    try {
      await expect(owner.query(`UPDATE subsidy_budget_entries SET memo = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM subsidy_budget_entries`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE subsidy_budget_entries`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.destroy();
    }
  });

  it('lets 50 approvals race against a budget with room for only some: exactly floor(room / amount) pass', async () => {
    const roomFen = 3_000_001n;
    const amountFen = 123_457n;
    const allocation = await budgets.book(finance, {
      fiscalYear: 2027,
      fundingLevel: FundingLevel.COUNTY,
      kind: BudgetEntryKind.ALLOCATION,
      amountYuan: '30000.01',
      valueDate: '2026-01-02',
    });
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        ds.transaction((tx) =>
          ledger.commit(tx, {
            regionCode: REGION,
            year: 2027,
            level: FundingLevel.COUNTY,
            claimLineId: randomUUID(),
            amountFen,
            valueDate: '2026-01-02',
          }),
        ),
      ),
    );
    const ms = Date.now() - started;
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string; message?: string }).code ?? String(r.reason));
    expect({ passed, refused: [...new Set(codes)] }).toEqual({
      passed: Number(roomFen / amountFen),
      refused: ['BUDGET_EXCEEDED'],
    });
    const [sums] = (await ds.query(
      `SELECT COALESCE(SUM(amount_fen) FILTER (WHERE account = 'AVAILABLE'), 0)::text AS available,
              count(*) FILTER (WHERE kind = 'COMMITMENT')::int AS commitments
         FROM subsidy_budget_entries WHERE budget_id = $1`,
      [allocation.budgetId],
    )) as { available: string; commitments: number }[];
    expect(sums).toEqual({
      available: String(roomFen - BigInt(passed) * amountFen),
      commitments: passed,
    });
    expect(BigInt(sums.available)).toBeGreaterThanOrEqual(0n);
    expect(BigInt(sums.available)).toBeLessThan(amountFen);
    console.log(`subsidy budget race: 50 commits, ${passed} passed, ${50 - passed} BUDGET_EXCEEDED, ${ms} ms`);
  });
});
