import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Actor } from '@mla/auth';
import { LocalDate, Money } from '@mla/core';
import { PolicyService } from '@mla/loan-policies';
import { PayoffService, SubsidyFactsPort } from '@mla/loans';
import {
  BudgetEntryKind,
  ClaimBatchStatus,
  ClaimLineEligibility,
  ClaimLineStatus,
  FundingLevel,
  InitialReviewFinding,
  SubsidiesModule,
  SubsidyBudgetLedger,
  SubsidyBudgetService,
  SubsidyClaimBuilder,
  SubsidyClaimExportService,
  SubsidyClaimReviewService,
  SubsidyClaimScheduler,
  SubsidyErrorCode,
  SubsidyPayoutService,
  calculateSubsidyLine,
  type SubsidyClaimBatch,
} from '@mla/subsidies';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

const COUNTY = '150221';
const SETTLED = '2024-06-20';
const Q2 = { start: '2024-03-21', end: '2024-06-20' };

/**
 * One quarter of subsidy claims (service level, no HTTP), Q2 2024 settled on 20 June, three loans of case D's terms
 * (200,000.00 at 4.95%, value date 2024-01-10, interest quarterly) under the seeded 2024 policy (50% of the actual
 * interest, shared 75/10/0/15 between central, provincial, city and county budgets): one paid on time, one paid
 * five days late, one paid off on 10 May. From the build to the payout, every amount is checked to the fen against
 * the engine fed by the loans' port; refusals (not settled, approving twice, another jurisdiction, over budget, own
 * batch) write nothing.
 */
describe('subsidy claims from build to payout (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;
  let ds: DataSource;
  let builder: SubsidyClaimBuilder;
  let reviews: SubsidyClaimReviewService;
  let payouts: SubsidyPayoutService;
  let bank: Actor;
  let finance: Actor;
  const loans: Record<'onTime' | 'late' | 'paidOff', string> = { onTime: '', late: '', paidOff: '' };

  /** What a refusal must leave as it found: claims, budget entries, outbox rows and audit rows. */
  const written = async () =>
    (
      (await ds.query(
        `SELECT (SELECT count(*)::int FROM subsidy_claim_batches) AS batches,
                (SELECT count(*)::int FROM subsidy_claim_lines) AS lines,
                (SELECT string_agg(status, ',' ORDER BY id) FROM subsidy_claim_lines) AS statuses,
                (SELECT count(*)::int FROM subsidy_budget_entries) AS entries,
                (SELECT count(*)::int FROM outbox_messages WHERE queue IN ('subsidy-claims', 'notifications')) AS outbox,
                (SELECT count(*)::int FROM audit_log WHERE entity_type LIKE 'subsidy_claim%') AS audits`,
      )) as Record<string, unknown>[]
    )[0];

  const expectRefused = async (work: Promise<unknown>, code: string) => {
    const before = await written();
    await expect(work).rejects.toMatchObject({ code });
    expect(await written()).toEqual(before);
  };

  /** The engine's line for a loan of the quarter, from the port's facts as of `asOf`. */
  const engineLine = async (loanId: string, period: { start: string; end: string }, asOf: string) => {
    const facts = await h.get(SubsidyFactsPort).factsFor(loanId, period, asOf);
    const policy = await h.get(PolicyService).get(finance, facts.loan.policyId);
    return calculateSubsidyLine({
      loan: facts.loan,
      policy: { id: policy.id, version: policy.version, subsidyRule: policy.subsidyRule },
      period: { ...period, settlementDate: SETTLED },
      installments: facts.installments,
      asOf,
      penaltyCollectedFen: facts.penaltyCollectedFen,
    });
  };

  const pay = (loanId: string, amountYuan: string, valueDate: string) => {
    h.travelTo(valueDate);
    return useCases.postRepayment(bank, loanId, {
      amountYuan,
      valueDate,
      channel: 'TRANSFER',
      externalReference: `SUB-${loanId.slice(0, 8)}-${valueDate}`,
    });
  };

  beforeAll(async () => {
    h = await startServices({ imports: [SubsidiesModule], today: '2024-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
    ds = h.get(DataSource);
    builder = h.get(SubsidyClaimBuilder);
    reviews = h.get(SubsidyClaimReviewService);
    payouts = h.get(SubsidyPayoutService);
    bank = await h.actor('bank');
    finance = await h.actor('finance');

    const fund = await g.fund({ contributionYuan: '5000000.00' });
    const applications: string[] = [];
    for (let i = 0; i < 3; i++) {
      applications.push(await g.approvedApplication({ amountYuan: '200000.00', termMonths: 12, fundId: fund.id }));
    }
    h.travelTo('2024-01-10');
    const ids: string[] = [];
    for (const applicationId of applications) {
      const active = await g.activeLoan({
        applicationId,
        annualRatePercent: '4.95',
        signingDate: '2024-01-05',
        valueDate: '2024-01-10',
      });
      ids.push(active.loan.id);
    }
    [loans.onTime, loans.late, loans.paidOff] = ids;
    for (const id of ids) await pay(id, '1952.50', '2024-03-20');
    const quote = await h.get(PayoffService).payoffQuote(bank, loans.paidOff, LocalDate.parse('2024-05-10'));
    h.travelTo('2024-05-10');
    await h.get(PayoffService).payoff(bank, loans.paidOff, {
      amountYuan: Money.ofFen(quote.netFen).toYuanString(),
      valueDate: '2024-05-10',
      channel: 'TRANSFER',
      externalReference: 'SUB-PAYOFF',
    });
    await pay(loans.onTime, '2530.00', '2024-06-20');
    await pay(loans.late, '2530.00', '2024-06-25');
  });

  afterAll(async () => {
    await h?.close();
  });

  let batch: SubsidyClaimBatch;

  it('refuses a period before its settlement date and writes nothing', async () => {
    h.travelTo('2024-06-19');
    await expectRefused(
      builder.build(h.demo.organisations.rcc.id, COUNTY, SETTLED),
      SubsidyErrorCode.PERIOD_NOT_SETTLED,
    );
    await expect(builder.build(h.demo.organisations.rcc.id, COUNTY, SETTLED)).rejects.toMatchObject({
      kind: 'rule_violation',
      details: { settlementDate: SETTLED },
    });
    await expectRefused(
      builder.build(h.demo.organisations.rcc.id, COUNTY, '2024-06-18'),
      SubsidyErrorCode.NOT_A_SETTLEMENT_DATE,
    );
  });

  it('the daily tick queues one build per bank and county through the outbox, ids only', async () => {
    // On the settlement day itself the bank is still posting: the tick looks at the previous quarter.
    h.travelTo(SETTLED);
    expect((await h.get(SubsidyClaimScheduler).queueDueBuilds()).settlementDate).toBe('2024-03-20');
    h.travelTo('2024-06-26');
    const { settlementDate, queued } = await h.get(SubsidyClaimScheduler).queueDueBuilds();
    expect(settlementDate).toBe(SETTLED);
    const jobId = `subsidy-claims-${h.demo.organisations.rcc.id}-${COUNTY}-${SETTLED}`;
    expect(queued).toContain(jobId);
    const [row] = (await ds.query(`SELECT payload, job_name FROM outbox_messages WHERE job_id = $1`, [jobId])) as {
      payload: object;
      job_name: string;
    }[];
    expect(row).toEqual({
      job_name: 'build-subsidy-claim',
      payload: { bankOrganisationId: h.demo.organisations.rcc.id, regionCode: COUNTY, settlementDate: SETTLED },
    });
  });

  it('builds the batch: one line per loan with the engine’s figures to the fen, and the period totals', async () => {
    const result = await builder.build(h.demo.organisations.rcc.id, COUNTY, SETTLED);
    expect(result.created).toBe(true);
    batch = result.batch;
    const view = await reviews.get(bank, batch.id);
    const line = (loanId: string) => view.lines.find((l) => l.loanId === loanId)!;
    expect(view.lines).toHaveLength(3);

    // On time: case D's second quarter, 2,530.00 of interest, 50% = 1,265.00, split 75/10/0/15.
    expect(line(loans.onTime)).toMatchObject({
      periodStart: '2024-03-21',
      periodEnd: '2024-06-20',
      subsidyFen: 126_500n,
      centralFen: 94_875n,
      provincialFen: 12_650n,
      cityFen: 0n,
      countyFen: 18_975n,
      interestCollectedFen: 253_000n,
      eligibility: ClaimLineEligibility.FULL,
      status: ClaimLineStatus.PENDING,
    });
    // Late: collected after its due date, so nothing is subsidised (the check says why).
    expect(line(loans.late)).toMatchObject({ subsidyFen: 0n, eligibility: ClaimLineEligibility.NONE });
    expect(
      (line(loans.late).calculation as { checks: { check: string; reason: string | null }[] }).checks,
    ).toContainEqual(expect.objectContaining({ check: 'PAID_ON_TIME', reason: 'INTEREST_PAID_LATE_OR_UNPAID' }));
    // Every line is the engine's, to the fen, with every input kept.
    for (const loanId of Object.values(loans)) {
      const expected = await engineLine(loanId, Q2, '2024-06-26');
      const stored = line(loanId);
      expect([stored.subsidyFen, stored.centralFen, stored.provincialFen, stored.cityFen, stored.countyFen]).toEqual([
        expected.subsidyFen,
        expected.fundingSplitFen.central,
        expected.fundingSplitFen.provincial,
        expected.fundingSplitFen.city,
        expected.fundingSplitFen.county,
      ]);
      expect(stored.calculation).toMatchObject({
        lprPercent: expected.lprPercent,
        contractRatePercent: expected.contractRatePercent,
        subsidisedDays: expected.subsidisedDays,
        subsidyFen: expected.subsidyFen.toString(),
      });
    }
    // Paid off on 10 May: only 21 March – 9 May (50 days) count, 50% of 1,375.00.
    expect(line(loans.paidOff)).toMatchObject({ subsidyFen: 68_750n, eligibility: ClaimLineEligibility.REDUCED });
    expect(line(loans.late).maskedBorrowerName).toBe('张*');

    expect(batch).toMatchObject({
      status: ClaimBatchStatus.DRAFT,
      periodStart: '2024-03-21',
      periodEnd: SETTLED,
      lineCount: 3,
      loansLentInPeriod: 0,
      lentInPeriodFen: 0n,
      openingBalanceFen: 60_000_000n,
      closingBalanceFen: 40_000_000n,
      requestedFen: 126_500n + 68_750n,
      // 10 working days after Thursday 20 June 2024.
      claimDueOn: '2024-07-04',
      preparedByUsername: 'system',
    });

    // A second build (a redelivered job) returns the same batch and writes nothing.
    const before = await written();
    const again = await builder.build(h.demo.organisations.rcc.id, COUNTY, SETTLED);
    expect([again.created, again.batch.id]).toEqual([false, batch.id]);
    expect(await written()).toEqual(before);
  });

  it('the bank submits, the federation reviews each line, with working-day deadlines', async () => {
    await expectRefused(reviews.submit(finance, batch.id), 'PERMISSION_DENIED');
    const bank2 = await h.actor('bank2');
    await expectRefused(reviews.submit(bank2, batch.id), SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND);
    batch = await reviews.submit(bank, batch.id);
    expect(batch).toMatchObject({ status: ClaimBatchStatus.SUBMITTED, initialReviewDueOn: '2024-07-03' });
    await expectRefused(reviews.submit(bank, batch.id), SubsidyErrorCode.CLAIM_INVALID_STATE);

    const lateLine = (await reviews.get(bank, batch.id)).lines.find((l) => l.loanId === loans.late)!;
    batch = await reviews.initialReview(await h.actor('fedadmin'), batch.id, [
      { lineId: lateLine.id, finding: InitialReviewFinding.QUERIED, note: '6月25日才结息，逾期' },
    ]);
    expect(batch).toMatchObject({ status: ClaimBatchStatus.INITIAL_REVIEWED, paymentDueOn: '2024-07-03' });
    const view = await reviews.get(finance, batch.id);
    expect(view.lines.map((l) => l.initialFinding).sort()).toEqual(['CONFIRMED', 'CONFIRMED', 'QUERIED']);
  });

  it('finance approves within the budget; bad decisions change nothing', async () => {
    const view = await reviews.get(finance, batch.id);
    const line = (loanId: string) => view.lines.find((l) => l.loanId === loanId)!;
    const budgets = h.get(SubsidyBudgetService);
    const book = (level: FundingLevel, amountYuan: string, kind = BudgetEntryKind.ALLOCATION) =>
      budgets.book(finance, {
        fiscalYear: 2024,
        fundingLevel: level,
        kind: kind as BudgetEntryKind.ALLOCATION,
        amountYuan,
        valueDate: '2024-06-26',
      });
    await book(FundingLevel.CENTRAL, '500.00');
    await book(FundingLevel.PROVINCIAL, '10000.00');
    await book(FundingLevel.COUNTY, '10000.00');

    // Over the central budget (948.75 asked, 500.00 available): the line stays pending, nothing is written.
    await expectRefused(
      reviews.approveLine(finance, batch.id, line(loans.onTime).id),
      SubsidyErrorCode.BUDGET_EXCEEDED,
    );
    await book(FundingLevel.CENTRAL, '10000.00', BudgetEntryKind.TOP_UP);

    // Another jurisdiction's finance bureau does not see the batch.
    const otherCounty: Actor = { ...finance, userId: randomUUID(), regionCode: '150222' };
    await expectRefused(
      reviews.approveLine(otherCounty, batch.id, line(loans.onTime).id),
      SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND,
    );
    // A user who submitted the batch (here also holding the finance role) may not approve it.
    const maker: Actor = { ...finance, userId: bank.userId };
    await expectRefused(
      reviews.approveLine(maker, batch.id, line(loans.onTime).id),
      SubsidyErrorCode.OWN_CLAIM_REVIEW_FORBIDDEN,
    );
    // A rejection needs a reason.
    await expectRefused(
      reviews.rejectLine(finance, batch.id, line(loans.late).id, ' '),
      SubsidyErrorCode.REASON_REQUIRED,
    );

    await reviews.approveLine(finance, batch.id, line(loans.onTime).id);
    await expectRefused(
      reviews.approveLine(finance, batch.id, line(loans.onTime).id),
      SubsidyErrorCode.LINE_ALREADY_DECIDED,
    );
    await reviews.rejectLine(finance, batch.id, line(loans.late).id, '逾期结息，不予贴息');
    const decided = await reviews.decideAllPending(finance, batch.id, true);
    batch = decided.batch;
    expect(batch).toMatchObject({ status: ClaimBatchStatus.FINANCE_REVIEWED, approvedFen: 126_500n + 68_750n });
    expect(decided.lines.find((l) => l.loanId === loans.late)).toMatchObject({
      status: ClaimLineStatus.REJECTED,
      financeReason: '逾期结息，不予贴息',
      decidedByUsername: 'finance',
    });

    const ledger = h.get(SubsidyBudgetLedger);
    const central = await ledger.balance(ds.manager, { regionCode: COUNTY, year: 2024, level: FundingLevel.CENTRAL });
    // 75% of 1,265.00 and of 687.50.
    expect(central).toMatchObject({ committedFen: 94_875n + 51_563n, paidFen: 0n });
  });

  it('rebuilding claims no loan twice; a supplementary claim takes only the rejected line', async () => {
    const before = await written();
    const again = await builder.build(h.demo.organisations.rcc.id, COUNTY, SETTLED);
    expect([again.created, again.batch.id]).toEqual([false, batch.id]);
    expect(await written()).toEqual(before);

    const supplementary = await builder.buildSupplementary(h.demo.organisations.rcc.id, COUNTY, SETTLED, bank);
    expect(supplementary).toMatchObject({ sequence: 2, lineCount: 1, preparedByUsername: 'bank' });
    const lines = (await reviews.get(bank, supplementary.id)).lines;
    expect(lines.map((l) => l.loanId)).toEqual([loans.late]);
    await expectRefused(
      builder.buildSupplementary(h.demo.organisations.rcc.id, COUNTY, SETTLED, bank),
      SubsidyErrorCode.NOTHING_TO_CLAIM,
    );
  });

  it('pays the approved lines from each level’s budget and tells each borrower through the outbox', async () => {
    const input = { paymentReference: '土财拨〔2024〕18号', paymentDate: '2024-06-26' };
    const payout = await payouts.pay(finance, batch.id, input);
    expect(payout).toMatchObject({ lineCount: 2, amountFen: 126_500n + 68_750n, paymentDate: '2024-06-26' });
    const view = await reviews.get(finance, batch.id);
    expect(view.batch).toMatchObject({ status: ClaimBatchStatus.PAID, paidFen: 126_500n + 68_750n });
    expect(view.lines.map((l) => l.status).sort()).toEqual(['PAID', 'PAID', 'REJECTED']);

    const ledger = h.get(SubsidyBudgetLedger);
    const balance = (level: FundingLevel) => ledger.balance(ds.manager, { regionCode: COUNTY, year: 2024, level });
    const paidOff = view.lines.find((l) => l.loanId === loans.paidOff)!;
    expect((await balance(FundingLevel.CENTRAL)).paidFen).toBe(94_875n + paidOff.centralFen);
    expect((await balance(FundingLevel.PROVINCIAL)).paidFen).toBe(12_650n + paidOff.provincialFen);
    expect((await balance(FundingLevel.COUNTY)).paidFen).toBe(18_975n + paidOff.countyFen);
    expect(paidOff.centralFen + paidOff.provincialFen + paidOff.countyFen).toBe(68_750n);
    for (const level of [FundingLevel.CENTRAL, FundingLevel.PROVINCIAL, FundingLevel.COUNTY]) {
      expect((await balance(level)).outstandingFen).toBe(0n);
    }

    const notes = (await ds.query(
      `SELECT job_id, payload FROM outbox_messages WHERE queue = 'notifications' ORDER BY job_id`,
    )) as { job_id: string; payload: { claimLineId: string; payoutId: string } }[];
    const paidLines = view.lines.filter((l) => l.status === ClaimLineStatus.PAID).map((l) => l.id);
    expect(notes.map((n) => n.payload.claimLineId).sort()).toEqual(paidLines.sort());
    expect(
      notes.every((n) => n.job_id === `subsidy-paid-${n.payload.claimLineId}` && n.payload.payoutId === payout.id),
    ).toBe(true);

    // The same payment order again is the same payout; nothing more is paid.
    const before = await written();
    expect((await payouts.pay(finance, batch.id, input)).id).toBe(payout.id);
    expect(await written()).toEqual(before);
  });

  it('exports the claim list with every column and the public notice with masked names and IDs only', async () => {
    const exports = h.get(SubsidyClaimExportService);
    const read = async (buffer: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
      return wb;
    };
    const list = await read(await exports.claimList(finance, batch.id));
    const sheet = list.getWorksheet('申报明细')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining([
        '合同编号',
        '借款人',
        'LPR（%）',
        'LPR日期',
        '实收利息（元）',
        '贴息金额（元）',
        '中央（元）',
      ]),
    );
    expect(sheet.rowCount).toBe(4);
    const column = (header: string) => headers.indexOf(header) + 1;
    const rows = [2, 3, 4].map((r) => sheet.getRow(r));
    const view = await reviews.get(finance, batch.id);
    const onTime = view.lines.find((l) => l.loanId === loans.onTime)!;
    const row = rows.find((r) => r.getCell(column('合同编号')).value === onTime.contractNumber)!;
    expect(row.getCell(column('贴息金额（元）')).value).toBe(1265);
    expect(row.getCell(column('实收利息（元）')).value).toBe(2530);
    expect(row.getCell(column('LPR（%）')).value).toBe(
      onTime.calculation && (onTime.calculation as { lprPercent: string }).lprPercent,
    );
    expect(row.getCell(column('审核状态')).value).toBe('已拨付');
    expect(list.getWorksheet('申报汇总')!.getRow(12).values).toEqual([undefined, '申请贴息金额（元）', 1952.5]);

    const notice = await read(await exports.publicNotice(finance, batch.id));
    const posted = notice.getWorksheet('贴息公示')!;
    expect(posted.rowCount).toBe(4);
    const cells = [3, 4].map((r) => (posted.getRow(r).values as unknown[]).slice(1));
    for (const [, region, name, id, amount] of cells) {
      expect(region).toBe('150221100201');
      expect(name).toBe('张*');
      expect(id).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
      expect(amount).toBe(200000);
    }
    expect(cells.map((c) => Number(c[6])).sort((a, b) => a - b)).toEqual([687.5, 1265]);
    // No full ID number and no phone anywhere in the notice.
    const text = JSON.stringify(posted.getSheetValues());
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('13500135000');
  });
});
