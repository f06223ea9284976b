import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Actor } from '@mla/auth';
import {
  BudgetEntryKind,
  ClaimBatchStatus,
  ClaimLineEligibility,
  ClaimLineStatus,
  FundingLevel,
  SubsidiesModule,
  SubsidyBudgetLedger,
  SubsidyBudgetService,
  SubsidyClaimBatch,
  SubsidyClaimLine,
  SubsidyClaimReviewService,
  SubsidyClaimRevocationService,
  SubsidyErrorCode,
  SubsidyPayoutService,
  SubsidySettlementService,
} from '@mla/subsidies';
import { startServices, type ServiceHarness } from './support/service-harness';

const COUNTY = '150221';
const SETTLED = '2024-06-20';
const TODAY = '2024-07-01';

/**
 * The finance bureau's approvals against the yearly budgets, on batches written straight into the tables (already
 * initially reviewed, one or a few lines each, the whole subsidy on one or two levels): revoking an approval releases
 * its commitment and can be approved again; fifty approvals racing on one budget never overdraw it and the ledger
 * adds up to the fen.
 */
describe('subsidy claim approvals: revoking and racing (service level)', () => {
  let h: ServiceHarness;
  let ds: DataSource;
  let reviews: SubsidyClaimReviewService;
  let revocations: SubsidyClaimRevocationService;
  let ledger: SubsidyBudgetLedger;
  let finance: Actor;
  let sequence = 0;
  let raced: { batchId: string; lineIds: string[] }[] = [];

  /** An initially reviewed batch of the demo bank with lines of the given county and central shares (fen). */
  const batchOf = async (shares: { county: bigint; central?: bigint }[]) => {
    const bank = h.demo.organisations.rcc.id;
    const requested = shares.reduce((s, x) => s + x.county + (x.central ?? 0n), 0n);
    const inserted = await ds.getRepository(SubsidyClaimBatch).insert({
      bankOrganisationId: bank,
      regionCode: COUNTY,
      periodStart: '2024-03-21',
      periodEnd: SETTLED,
      settlementDate: SETTLED,
      sequence: ++sequence,
      status: ClaimBatchStatus.INITIAL_REVIEWED,
      lineCount: shares.length,
      loansLentInPeriod: 0,
      lentInPeriodFen: 0n,
      openingBalanceFen: 0n,
      closingBalanceFen: 0n,
      requestedFen: requested,
      claimDueOn: '2024-07-04',
      preparedByUserId: null,
      preparedByUsername: 'system',
    });
    const batchId = String(inserted.identifiers[0].id);
    await ds.getRepository(SubsidyClaimLine).insert(
      shares.map((s, i) => ({
        batchId,
        loanId: randomUUID(),
        contractNumber: `TEST-${sequence}-${i}`,
        applicantId: randomUUID(),
        periodStart: '2024-03-21',
        periodEnd: SETTLED,
        settlementDate: SETTLED,
        calculation: {},
        principalFen: 10_000_000n,
        interestCollectedFen: 2n * (s.county + (s.central ?? 0n)),
        subsidyFen: s.county + (s.central ?? 0n),
        centralFen: s.central ?? 0n,
        provincialFen: 0n,
        cityFen: 0n,
        countyFen: s.county,
        eligibility: ClaimLineEligibility.FULL,
        status: ClaimLineStatus.PENDING,
      })),
    );
    const lines = await ds
      .getRepository(SubsidyClaimLine)
      .find({ where: { batchId }, order: { contractNumber: 'ASC' } });
    return { batchId, lineIds: lines.map((l) => l.id) };
  };

  const book = (level: FundingLevel, amountYuan: string, kind = BudgetEntryKind.ALLOCATION) =>
    h.get(SubsidyBudgetService).book(finance, {
      fiscalYear: 2024,
      fundingLevel: level,
      kind: kind as BudgetEntryKind.ALLOCATION,
      amountYuan,
      valueDate: TODAY,
    });

  const balance = (level: FundingLevel) => ledger.balance(ds.manager, { regionCode: COUNTY, year: 2024, level });

  /** The budget's entries summed by account: what the balance must equal, to the fen. */
  const sums = async (level: FundingLevel) => {
    const [row] = (await ds.query(
      `SELECT COALESCE(SUM(e.amount_fen) FILTER (WHERE e.account = 'AVAILABLE'), 0)::text AS available,
              COALESCE(SUM(e.amount_fen) FILTER (WHERE e.account = 'PAID'), 0)::text AS paid
         FROM subsidy_budget_entries e JOIN subsidy_budgets b ON b.id = e.budget_id
        WHERE b.region_code = $1 AND b.fiscal_year = 2024 AND b.funding_level = $2`,
      [COUNTY, level],
    )) as { available: string; paid: string }[];
    return { availableFen: BigInt(row.available), paidFen: BigInt(row.paid) };
  };

  /** Claims, budget entries and audit rows: what a refusal must leave as it found. */
  const written = async () =>
    (
      (await ds.query(
        `SELECT (SELECT string_agg(status || ':' || approved_fen, ',' ORDER BY id) FROM subsidy_claim_batches) AS batches,
                (SELECT string_agg(status || ':' || COALESCE(decided_by_username, '-'), ',' ORDER BY id)
                   FROM subsidy_claim_lines) AS lines,
                (SELECT count(*)::int FROM subsidy_budget_entries) AS entries,
                (SELECT count(*)::int FROM subsidy_payouts) AS payouts,
                (SELECT count(*)::int FROM outbox_messages) AS outbox,
                (SELECT count(*)::int FROM audit_log WHERE entity_type LIKE 'subsidy%') AS audits`,
      )) as Record<string, unknown>[]
    )[0];

  const expectRefused = async (work: Promise<unknown>, code: string) => {
    const before = await written();
    await expect(work).rejects.toMatchObject({ code });
    expect(await written()).toEqual(before);
  };

  beforeAll(async () => {
    h = await startServices({ imports: [SubsidiesModule], today: TODAY });
    ds = h.get(DataSource);
    reviews = h.get(SubsidyClaimReviewService);
    revocations = h.get(SubsidyClaimRevocationService);
    ledger = h.get(SubsidyBudgetLedger);
    finance = await h.actor('finance');
    await book(FundingLevel.CENTRAL, '1000.00');
    await book(FundingLevel.COUNTY, '2345.67');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('revokes an approval until the payout: the commitment is released, the line pending again, audited', async () => {
    const { batchId, lineIds } = await batchOf([
      { county: 30_000n, central: 10_000n },
      { county: 5_000n, central: 0n },
    ]);
    const [first, second] = lineIds;
    await reviews.approveLine(finance, batchId, first, '资料齐全');
    let view = await reviews.decide(finance, batchId, [{ lineId: second, approve: true }]);
    expect(view.batch).toMatchObject({ status: ClaimBatchStatus.FINANCE_REVIEWED, approvedFen: 45_000n });
    expect(await balance(FundingLevel.COUNTY)).toMatchObject({ committedFen: 35_000n, releasedFen: 0n });

    // Bad revocations change nothing: no reason, a pending line, another jurisdiction, the batch's maker.
    await expectRefused(revocations.revokeApproval(finance, batchId, first, ' '), SubsidyErrorCode.REASON_REQUIRED);
    const otherCounty: Actor = { ...finance, userId: randomUUID(), regionCode: '150222' };
    await expectRefused(
      revocations.revokeApproval(otherCounty, batchId, first, '复核'),
      SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND,
    );
    await expectRefused(
      revocations.revokeApproval(finance, batchId, randomUUID(), '复核'),
      SubsidyErrorCode.CLAIM_LINE_NOT_FOUND,
    );
    await expectRefused(revocations.revokeApproval(await h.actor('bank'), batchId, first, '复核'), 'PERMISSION_DENIED');
    // Whoever submitted the batch (here also holding the finance role) may not take a decision back either.
    const bank = await h.actor('bank');
    await ds.getRepository(SubsidyClaimBatch).update({ id: batchId }, { submittedByUserId: bank.userId });
    await expectRefused(
      revocations.revokeApproval({ ...finance, userId: bank.userId }, batchId, first, '复核'),
      SubsidyErrorCode.OWN_CLAIM_REVIEW_FORBIDDEN,
    );

    view = await revocations.revokeApproval(finance, batchId, first, '借款人已离职，需复核');
    expect(view.batch).toMatchObject({
      status: ClaimBatchStatus.INITIAL_REVIEWED,
      approvedFen: 5_000n,
      financeReviewedAt: null,
    });
    expect(view.lines.find((l) => l.id === first)).toMatchObject({
      status: ClaimLineStatus.PENDING,
      decidedByUsername: null,
      financeReason: null,
    });
    await expectRefused(
      revocations.revokeApproval(finance, batchId, first, '复核'),
      SubsidyErrorCode.LINE_NOT_APPROVED,
    );
    // One RELEASE per level the line drew on, each giving back exactly its commitment.
    const releases = (await ds.query(
      `SELECT b.funding_level AS level, e.amount_fen::text AS fen, e.memo FROM subsidy_budget_entries e
         JOIN subsidy_budgets b ON b.id = e.budget_id
        WHERE e.claim_line_id = $1 AND e.kind = 'RELEASE' ORDER BY b.funding_level`,
      [first],
    )) as { level: string; fen: string; memo: string }[];
    expect(releases).toEqual([
      { level: 'CENTRAL', fen: '10000', memo: '撤销审核：借款人已离职，需复核' },
      { level: 'COUNTY', fen: '30000', memo: '撤销审核：借款人已离职，需复核' },
    ]);
    expect(await balance(FundingLevel.COUNTY)).toMatchObject({
      committedFen: 35_000n,
      releasedFen: 30_000n,
      outstandingFen: 5_000n,
      availableFen: 234_567n - 5_000n,
    });
    const [audit] = (await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'subsidy_claim_line.approval_revoked' AND entity_id = $1`,
      [first],
    )) as { before: { status: string }; after: { status: string; reason: string } }[];
    expect(audit).toMatchObject({
      before: { status: 'APPROVED' },
      after: { status: 'PENDING', reason: '借款人已离职，需复核' },
    });

    // Approved again: the release is reversed within the budget, the line is committed once more.
    view = await reviews.approveLine(finance, batchId, first, '复核无误');
    expect(view.batch).toMatchObject({ status: ClaimBatchStatus.FINANCE_REVIEWED, approvedFen: 45_000n });
    expect(await balance(FundingLevel.COUNTY)).toMatchObject({
      committedFen: 35_000n,
      releasedFen: 0n,
      availableFen: 234_567n - 35_000n,
    });
    // Revoked and approved a second time: a new release, reversed again.
    await revocations.revokeApproval(finance, batchId, first, '再次复核');
    await reviews.approveLine(finance, batchId, first, '复核无误');
    expect(await balance(FundingLevel.CENTRAL)).toMatchObject({ committedFen: 10_000n, releasedFen: 0n });

    // Once paid, an approval is no longer revocable; nothing changes.
    const payout = await h
      .get(SubsidyPayoutService)
      .pay(finance, batchId, { paymentReference: '土财拨〔2024〕30号', paymentDate: TODAY });
    await expectRefused(
      revocations.revokeApproval(finance, batchId, first, '复核'),
      SubsidyErrorCode.LINE_PAID_NOT_REVOCABLE,
    );
    await expect(revocations.revokeApproval(finance, batchId, first, '复核')).rejects.toMatchObject({
      details: { payoutId: payout.id },
    });
    for (const level of [FundingLevel.CENTRAL, FundingLevel.COUNTY]) {
      const figures = await balance(level);
      expect(await sums(level)).toEqual({ availableFen: figures.availableFen, paidFen: figures.paidFen });
      expect(figures.outstandingFen).toBe(0n);
    }
    expect((await balance(FundingLevel.COUNTY)).paidFen).toBe(35_000n);
  });

  it('fifty approvals racing on one budget never overdraw it, and the ledger adds up to the fen', async () => {
    const before = await balance(FundingLevel.COUNTY);
    const amountFen = 7_777n;
    const expected = Number(before.availableFen / amountFen);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(50);
    // Fifty batches of one line each: every approval locks its own batch and they race on the budget's row only.
    const batches: { batchId: string; lineIds: string[] }[] = [];
    for (let i = 0; i < 50; i++) batches.push(await batchOf([{ county: amountFen }]));
    raced = batches;
    const started = Date.now();
    const results = await Promise.allSettled(
      batches.map(({ batchId, lineIds }) => reviews.approveLine(finance, batchId, lineIds[0])),
    );
    const ms = Date.now() - started;
    const passed = results.filter((r) => r.status === 'fulfilled').length;
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code ?? String(r.reason));
    expect({ passed, refused: [...new Set(codes)] }).toEqual({ passed: expected, refused: ['BUDGET_EXCEEDED'] });

    const ids = batches.map((b) => b.batchId);
    const [lines] = (await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'APPROVED')::int AS approved,
              count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'PENDING' AND decided_by_username IS NULL)::int AS untouched
         FROM subsidy_claim_lines WHERE batch_id = ANY($1::uuid[])`,
      [ids],
    )) as { approved: number; pending: number; untouched: number }[];
    expect(lines).toEqual({ approved: expected, pending: 50 - expected, untouched: 50 - expected });
    const after = await balance(FundingLevel.COUNTY);
    expect(after.availableFen).toBe(before.availableFen - BigInt(expected) * amountFen);
    expect(after.availableFen).toBeGreaterThanOrEqual(0n);
    expect(after.availableFen).toBeLessThan(amountFen);
    expect(after.committedFen - before.committedFen).toBe(BigInt(expected) * amountFen);
    expect(await sums(FundingLevel.COUNTY)).toEqual({ availableFen: after.availableFen, paidFen: after.paidFen });
    const [commitments] = (await ds.query(
      `SELECT count(*)::int AS n, COALESCE(SUM(-amount_fen), 0)::text AS fen FROM subsidy_budget_entries
        WHERE kind = 'COMMITMENT' AND claim_line_id IN
              (SELECT id FROM subsidy_claim_lines WHERE batch_id = ANY($1::uuid[]))`,
      [ids],
    )) as { n: number; fen: string }[];
    expect(commitments).toEqual({ n: expected, fen: String(BigInt(expected) * amountFen) });
    console.log(`subsidy claim approvals race: 50 approvals, ${passed} approved, ${50 - passed} refused, ${ms} ms`);
  });

  it('settles the year by funding source, as JSON and as a workbook in yuan, adding up with the ledger', async () => {
    // One raced approval revoked: its share is released.
    const approvedRaced = [];
    for (const b of raced) {
      const [line] = await ds.getRepository(SubsidyClaimLine).findBy({ id: b.lineIds[0] });
      if (line.status === ClaimLineStatus.APPROVED) approvedRaced.push(b);
    }
    await revocations.revokeApproval(finance, approvedRaced[0].batchId, approvedRaced[0].lineIds[0], '材料待补正');
    const settlements = h.get(SubsidySettlementService);
    const s = await settlements.settlement(finance, 2024);
    const county = await balance(FundingLevel.COUNTY);
    expect(s.levels.map((l) => l.fundingLevel)).toEqual(['CENTRAL', 'PROVINCIAL', 'CITY', 'COUNTY']);
    expect(s.levels[0]).toMatchObject({
      allottedFen: 100_000n,
      committedFen: 10_000n,
      paidFen: 10_000n,
      outstandingFen: 0n,
      availableFen: 90_000n,
    });
    const committedCounty = 35_000n + BigInt(approvedRaced.length) * 7_777n;
    expect(s.levels[3]).toMatchObject({
      allocatedFen: 234_567n,
      toppedUpFen: 0n,
      allottedFen: 234_567n,
      committedFen: committedCounty,
      releasedFen: 7_777n,
      cancelledPayoutFen: 0n,
      paidFen: 35_000n,
      outstandingFen: committedCounty - 7_777n - 35_000n,
      availableFen: 234_567n - committedCounty + 7_777n,
    });
    expect(s.levels[3]).toMatchObject({ availableFen: county.availableFen, outstandingFen: county.outstandingFen });
    expect(await sums(FundingLevel.COUNTY)).toEqual({ availableFen: county.availableFen, paidFen: county.paidFen });
    expect(s.totals).toMatchObject({ allottedFen: 334_567n, paidFen: 45_000n });
    expect(s.byPeriod).toEqual([
      {
        settlementDate: SETTLED,
        paidFen: 45_000n,
        byLevel: { CENTRAL: 10_000n, PROVINCIAL: 0n, CITY: 0n, COUNTY: 35_000n },
      },
    ]);
    expect(s.byBank).toEqual([
      {
        bankOrganisationId: h.demo.organisations.rcc.id,
        bankName: '土默特右旗农村信用合作联社',
        paidFen: 45_000n,
        byLevel: { CENTRAL: 10_000n, PROVINCIAL: 0n, CITY: 0n, COUNTY: 35_000n },
      },
    ]);
    // Outside the jurisdiction: refused.
    await expect(settlements.settlement(finance, 2024, '150222')).rejects.toMatchObject({
      code: 'REGION_OUTSIDE_SCOPE',
    });
    await expect(settlements.settlement(await h.actor('bank'), 2024)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await settlements.settlementXlsx(finance, 2024)) as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('清算汇总')!;
    const headers = (summary.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '区划',
      '年度',
      '资金来源',
      '年度预算（元）',
      '追加预算（元）',
      '预算合计（元）',
      '审核占用（元）',
      '释放占用（元）',
      '撤销拨付（元）',
      '已拨付（元）',
      '已审核未拨付（元）',
      '预算结余（元）',
    ]);
    const rows = [2, 3, 4, 5, 6].map((r) => (summary.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => r[2])).toEqual(['中央', '省级', '市级', '县级', '合计']);
    expect(rows[3]).toEqual([
      COUNTY,
      2024,
      '县级',
      2345.67,
      0,
      2345.67,
      Number(committedCounty) / 100,
      77.77,
      0,
      350,
      Number(committedCounty - 7_777n - 35_000n) / 100,
      Number(county.availableFen) / 100,
    ]);
    expect(rows[4][9]).toBe(450);
    expect(summary.getColumn(12).numFmt).toContain('0.00');
    expect((wb.getWorksheet('分期拨付')!.getRow(2).values as unknown[]).slice(1)).toEqual([
      SETTLED,
      450,
      100,
      0,
      0,
      350,
    ]);
    expect((wb.getWorksheet('分银行拨付')!.getRow(2).values as unknown[]).slice(1)).toEqual([
      '土默特右旗农村信用合作联社',
      450,
      100,
      0,
      0,
      350,
    ]);
    const [audit] = (await ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'subsidy_settlement.exported'`,
    )) as {
      n: number;
    }[];
    expect(audit.n).toBe(1);
  });

  it('lists the batches a page at a time with the bank’s and the jurisdiction’s names', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await reviews.list(finance, {}, 20, cursor);
      pages++;
      for (const b of page.items) {
        expect(b).toMatchObject({ bankName: '土默特右旗农村信用合作联社', regionName: '土默特右旗' });
        seen.push(b.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM subsidy_claim_batches`)) as { n: number }[];
    expect(n).toBe(51);
    expect([pages, seen.length, new Set(seen).size]).toEqual([3, 51, 51]);
    await expect(reviews.list(finance, {}, 20, 'not-a-cursor')).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
    // A bank officer of another bank sees none of them.
    expect(await reviews.list(await h.actor('bank2'), {})).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a payout over the budget (a line approved without its commitment) and writes nothing', async () => {
    // Approved lines hold their commitment, so a payout cannot pass the budget through the approvals; a line marked
    // approved by other means (here written straight in) still meets the ledger's check when it is paid.
    const { batchId, lineIds } = await batchOf([{ county: 100_000_000n }]);
    await ds.getRepository(SubsidyClaimLine).update({ id: lineIds[0] }, { status: ClaimLineStatus.APPROVED });
    await ds
      .getRepository(SubsidyClaimBatch)
      .update({ id: batchId }, { status: ClaimBatchStatus.FINANCE_REVIEWED, approvedFen: 100_000_000n });
    const pay = () =>
      h.get(SubsidyPayoutService).pay(finance, batchId, { paymentReference: '土财拨〔2024〕31号', paymentDate: TODAY });
    await expectRefused(pay(), SubsidyErrorCode.BUDGET_EXCEEDED);
    await expect(pay()).rejects.toMatchObject({
      details: { fundingLevel: 'COUNTY', fiscalYear: 2024, requestedYuan: '1000000.00' },
    });
  });
});
