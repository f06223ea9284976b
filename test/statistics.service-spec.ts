import { DataSource } from 'typeorm';
import { Role, SessionService, UserService, type Actor } from '@mla/auth';
import { LocalDate, Money } from '@mla/core';
import { ClaimDecisionService, ClaimFilingService } from '@mla/guarantee-funds';
import {
  DailyCloseService,
  InstallmentStatus,
  LoanExtensionService,
  PostingService,
  type Installment,
  type Loan,
} from '@mla/loans';
import {
  FormulaCode,
  SnapshotRepository,
  SnapshotService,
  TargetService,
  WarningQueryService,
  StatisticsModule,
  StatisticsQueryService,
  percentOf,
  rateOf,
  type Figures,
} from '@mla/statistics';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

const COUNTY = '150221';
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

type Rows = { loan: Loan; installments: Installment[] };
const live = (i: Installment) => i.status !== InstallmentStatus.SUPERSEDED;
const owed = (i: Installment) => i.principalDueFen + i.interestDueFen;
const paid = (i: Installment) => i.principalPaidFen + i.interestPaidFen;
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const sum = (xs: bigint[]) => xs.reduce((s, x) => s + x, 0n);

/**
 * A quarter over a small portfolio (frozen clock, service level), its snapshots checked against figures worked out in
 * the test from the loans' own schedules. All four loans are 120,000.00 over 12 months, equal principal, in one
 * village of the demo county:
 * - C, lent 2025-10-05, never pays: 97 days late on 2026-02-10, compensated by the fund that day;
 * - A, lent 2026-01-05, pays every installment in full on its due date;
 * - B, lent 2026-01-05, pays nothing until 5,000.00 arrives on 2026-03-20 dated 2026-03-10 (back-dated);
 * - D, lent 2026-01-05, extended by 6 months on 2026-01-20, then pays its new schedule on time.
 * Each day's snapshot is stored as the quarter runs; the back-dated payment makes 03-10…03-19 stale, and the next
 * snapshot job re-computes them.
 */
describe('statistics over a quarter (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let uc: UseCases;
  let ds: DataSource;
  let snapshots: SnapshotService;
  let query: StatisticsQueryService;
  let bank: Actor;
  let admin: Actor;
  const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  let compensatedFen = 0n;
  let backdatedPrincipalFen = 0n;
  const stored = new Map<string, Figures>();

  const rowsOf = async (key: keyof typeof ids): Promise<Rows> => uc.loan(bank, ids[key]);
  const countyTotal = async (from: string, to: string) =>
    (await query.figures(admin, { from, to, regionCode: COUNTY })).total.figures;
  const payDueToday = async (key: 'A' | 'D', today: string) => {
    const { installments } = await rowsOf(key);
    for (const i of installments.filter((r) => live(r) && r.dueDate === today)) {
      await uc.postRepayment(bank, ids[key], {
        amountYuan: Money.ofFen(owed(i)).toYuanString(),
        valueDate: today,
        channel: 'BANK_COUNTER',
        externalReference: `${key}-${i.number}-${today}`,
      });
    }
  };

  beforeAll(async () => {
    h = await startServices({ imports: [StatisticsModule], today: '2025-10-05' });
    uc = useCasesOf(h);
    g = given(h, uc);
    ds = h.get(DataSource);
    snapshots = h.get(SnapshotService);
    query = h.get(StatisticsQueryService);
    bank = await h.actor('bank');
    admin = await h.actor('admin');
    const spec = { amountYuan: '120000.00', termMonths: 12, repaymentMethod: 'EQUAL_PRINCIPAL' };
    ids.C = (await g.activeLoan(spec)).loan.id;
    h.travelTo('2026-01-05');
    ids.A = (await g.activeLoan(spec)).loan.id;
    ids.B = (await g.activeLoan(spec)).loan.id;
    ids.D = (await g.activeLoan(spec)).loan.id;
    const guarantee2 = await h.get(UserService).create(admin, {
      username: 'guarantee2',
      displayName: '黄梅(担保中心)',
      password: 'Second-guarantee-2026',
      organisationId: h.demo.organisations.guarantee.id,
      roles: [Role.GUARANTEE_OPERATOR],
    });

    for (let d = LocalDate.parse('2026-01-05'); !d.isAfter(LocalDate.parse('2026-03-31')); d = d.plusDays(1)) {
      const today = d.toString();
      h.travelTo(today);
      if (today === '2026-01-20') {
        await h.get(LoanExtensionService).extend(bank, ids.D, 6, '经营周期延长');
      }
      await payDueToday('A', today);
      await payDueToday('D', today);
      if (today === '2026-02-10') {
        const claim = await h.get(ClaimFilingService).file(bank, ids.C, '逾期超过90天');
        await h.get(ClaimDecisionService).review(await h.actor('guarantee'), claim.id, '核实无误');
        const checker = await h.get(SessionService).actorOf(guarantee2.id);
        const paidClaim = await h
          .get(ClaimDecisionService)
          .approve(checker, claim.id, { paymentReference: 'DC-PAY-1' });
        compensatedFen = paidClaim.fundPaysFen;
      }
      if (today === '2026-03-20') {
        // Stored before the payment arrives: the days it will change, and one it will not.
        for (const day of ['2026-03-09', '2026-03-10', '2026-03-15', '2026-03-19']) {
          stored.set(day, await countyTotal(day, day));
        }
        const { repayment } = await uc.postRepayment(bank, ids.B, {
          amountYuan: '5000.00',
          valueDate: '2026-03-10',
          channel: 'TRANSFER',
          externalReference: 'B-LATE-1',
        });
        const [{ p }] = (await ds.query(
          `SELECT sum(principal_fen)::text AS p FROM repayment_allocations WHERE repayment_id = $1`,
          [repayment.id],
        )) as { p: string }[];
        backdatedPrincipalFen = BigInt(p);
        // The nightly close of the day queues the snapshot job; the job re-computes the stale days first.
        await h.get(DailyCloseService).run(d);
        await snapshots.snapshotClosedDate(today);
        continue;
      }
      await snapshots.computeDate(today);
    }
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('stores the quarter’s flows as worked out from the schedules', async () => {
    const [A, B, C, D] = await Promise.all((['A', 'B', 'C', 'D'] as const).map(rowsOf));
    const q = await countyTotal(Q1.from, Q1.to);
    const inQ1 = (i: Installment) => i.dueDate >= Q1.from && i.dueDate <= Q1.to;
    // C's rows fall due until the fund paid (2026-02-10); its later rows no longer fall due.
    const dueRows = [...A.installments, ...B.installments, ...D.installments]
      .filter((i) => live(i) && inQ1(i))
      .concat(C.installments.filter((i) => live(i) && inQ1(i) && i.dueDate <= '2026-02-10'));
    const onTime = [...A.installments, ...D.installments].filter((i) => live(i) && inQ1(i));
    expect(q.loansMadeCount).toBe(3n);
    expect(q.loansMadeFen).toBe(36_000_000n);
    expect(q.compensatedCount).toBe(1n);
    expect(q.compensatedFen).toBe(compensatedFen);
    expect(compensatedFen).toBeGreaterThan(0n);
    expect(q.dueFen).toBe(sum(dueRows.map(owed)));
    expect(q.dueRepaidOnTimeFen).toBe(sum(onTime.map(owed)));
    expect(q.repaidPrincipalFen).toBe(sum(onTime.map((i) => i.principalDueFen)) + backdatedPrincipalFen);
    const rates = (await query.figures(admin, { ...Q1, regionCode: COUNTY })).total.rates;
    expect(rates[FormulaCode.REPAYMENT_RATE_AT_MATURITY]).toEqual(rateOf(q.dueRepaidOnTimeFen, q.dueFen));
    expect(percentOf(rates[FormulaCode.COMPENSATION_RATE])).toBe(percentOf(rateOf(compensatedFen, 4n * 12_000_000n)));
  });

  it('stores the positions of 2026-03-31 as worked out from the schedules', async () => {
    const [A, B, D] = await Promise.all((['A', 'B', 'D'] as const).map(rowsOf));
    const end = await countyTotal('2026-03-31', '2026-03-31');
    const outstanding = (r: Rows) => r.loan.principalFen - sum(r.installments.map((i) => i.principalPaidFen));
    const lateRows = B.installments.filter(
      (i) => live(i) && LocalDate.parse(i.dueDate).plusDays(B.loan.graceDays).isBefore(LocalDate.parse('2026-03-31')),
    );
    expect(end.outstandingCount).toBe(3n); // C left the portfolio when compensated
    expect(end.outstandingFen).toBe(outstanding(A) + outstanding(B) + outstanding(D));
    expect(end.overdueCount).toBe(1n);
    expect(end.overduePrincipalFen).toBe(sum(lateRows.map((i) => i.principalDueFen - i.principalPaidFen)));
    // B's oldest unpaid installment fell due 2026-02-05: 54 days late, in PAR30, not PAR90.
    expect(end.par30Fen).toBe(outstanding(B));
    expect(end.par90Fen).toBe(0n);
    const dueByEnd = [...A.installments, ...B.installments, ...D.installments].filter(
      (i) => live(i) && i.dueDate <= '2026-03-31',
    );
    expect(end.cumDueFen).toBe(sum(dueByEnd.map(owed)));
    expect(end.cumCollectedFen).toBe(sum(dueByEnd.map((i) => min(paid(i), owed(i)))));
    expect(end.cumLoansMadeFen).toBe(48_000_000n);
    expect(end.cumCompensatedFen).toBe(compensatedFen);
  });

  it('re-computes the days a back-dated payment changed, and only those', async () => {
    const before = (day: string) => stored.get(day) as Figures;
    const now = async (day: string) => countyTotal(day, day);
    expect(backdatedPrincipalFen).toBeGreaterThan(0n);
    expect((await now('2026-03-09')).outstandingFen).toBe(before('2026-03-09').outstandingFen);
    for (const day of ['2026-03-10', '2026-03-15', '2026-03-19']) {
      const after = await now(day);
      expect(after.outstandingFen).toBe(before(day).outstandingFen - backdatedPrincipalFen);
      expect(after.cumCollectedFen).toBeGreaterThan(before(day).cumCollectedFen);
    }
    expect((await now('2026-03-10')).repaidPrincipalFen).toBe(
      before('2026-03-10').repaidPrincipalFen + backdatedPrincipalFen,
    );
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM statistics_dirty_dates`)) as { n: number }[];
    expect(n).toBe(0);
    const queued = (await ds.query(
      `SELECT job_id AS "jobId" FROM outbox_messages WHERE queue = 'statistics' AND job_name = 'statistics-snapshot'`,
    )) as { jobId: string }[];
    expect(queued.map((q) => q.jobId)).toContain('statistics-snapshot-2026-03-20');
  });

  it('breaks the county down by bank, category and female, each summing to the total', async () => {
    const total = await countyTotal(Q1.from, Q1.to);
    for (const by of ['BANK', 'CATEGORY', 'FEMALE', 'OFFICER', 'FUND']) {
      const rows = (await query.figures(admin, { ...Q1, regionCode: COUNTY, by })).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(sum(rows.map((r) => r.figures.loansMadeFen))).toBe(total.loansMadeFen);
      expect(sum(rows.map((r) => r.figures.outstandingFen))).toBe(total.outstandingFen);
    }
    // The bank reads its own bank's figures only, whatever region it asks for.
    const own = await query.figures(bank, { ...Q1, regionCode: COUNTY });
    expect(own.scope).toMatchObject({ kind: 'BANK' });
    expect(own.total.figures.loansMadeFen).toBe(total.loansMadeFen);
  });

  it('raises a repayment-rate warning when the county falls below target, and clears it when the arrears are paid', async () => {
    const fedadmin = await h.actor('fedadmin');
    const targets = h.get(TargetService);
    await targets.set(fedadmin, { regionCode: COUNTY, year: 2026, kind: 'REPAYMENT_RATE', value: '1' });
    await targets.set(fedadmin, { regionCode: COUNTY, year: 2026, kind: 'LENDING_VOLUME', value: '20000000' });
    await expect(
      targets.set(fedadmin, { regionCode: COUNTY, year: 2026, kind: 'REPAYMENT_RATE', value: '95%' }),
    ).rejects.toMatchObject({ code: 'INVALID_TARGET_VALUE', details: { field: 'value' } });
    await expect(
      targets.set(bank, { regionCode: COUNTY, year: 2026, kind: 'PAR30', value: '0.05' }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });

    h.travelTo('2026-03-31');
    await h.get(DailyCloseService).run(LocalDate.parse('2026-03-31'));
    const first = await snapshots.snapshotClosedDate('2026-03-31');
    expect(first.warningsRaised).toBe(2);
    const warnings = h.get(WarningQueryService);
    const open = (await warnings.page(fedadmin, { status: 'OPEN' as never })).items;
    const repayment = open.find((w) => w.kind === 'REPAYMENT_RATE');
    expect(repayment).toMatchObject({ regionCode: COUNTY, year: 2026, responsible: 'BANK', target: '1.000000' });
    expect(Number(repayment?.measured)).toBeLessThan(1);
    // 36,000,000 fen lent by day 90 of 365: the pace projects 1,460,000.00 yuan, far below 20,000,000.00.
    const volume = open.find((w) => w.kind === 'LENDING_VOLUME');
    expect(volume).toMatchObject({ level: 'SEVERE', trend: 'BEHIND_PACE' });
    expect(volume?.projectedYearEnd).toBe('146000000.000000');
    const notified = (await ds.query(
      `SELECT payload FROM outbox_messages WHERE queue = 'notifications' AND job_name = 'warning-raised'`,
    )) as { payload: { warningId: string } }[];
    expect(notified.map((n) => n.payload.warningId).sort()).toEqual(open.map((w) => w.id).sort());

    // A redelivered job raises nothing twice.
    expect((await snapshots.snapshotClosedDate('2026-03-31')).warningsRaised).toBe(0);

    h.travelTo('2026-04-01');
    await uc.postRepayment(bank, ids.B, {
      amountYuan: '40000.00',
      valueDate: '2026-04-01',
      channel: 'TRANSFER',
      externalReference: 'B-ARREARS',
    });
    await h.get(DailyCloseService).run(LocalDate.parse('2026-04-01'));
    const next = await snapshots.snapshotClosedDate('2026-04-01');
    expect(next.warningsCleared).toBe(1);
    const after = (await warnings.page(fedadmin, {})).items;
    expect(after.find((w) => w.id === repayment?.id)).toMatchObject({ status: 'CLEARED', clearedOn: '2026-04-01' });
    expect(after.find((w) => w.id === volume?.id)).toMatchObject({ status: 'OPEN' });
    const audit = (await ds.query(
      `SELECT action FROM audit_log WHERE entity_type = 'statistics_warning' ORDER BY id`,
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'statistics.warning_raised',
      'statistics.warning_raised',
      'statistics.warning_cleared',
    ]);
  });

  it('re-computes the days of a back-dated interest-only payment and of its reversal, as a full re-computation would', async () => {
    // B's first installment (due 02-05) owes its interest on 03-06: 200.00 then pays its penalty and interest only.
    const day = '2026-03-06';
    const before = await countyTotal(day, day);
    h.travelTo('2026-04-02');
    const { repayment } = await uc.postRepayment(bank, ids.B, {
      amountYuan: '200.00',
      valueDate: day,
      channel: 'TRANSFER',
      externalReference: 'B-INTEREST-ONLY',
    });
    const [split] = (await ds.query(
      `SELECT sum(principal_fen)::text AS p, sum(interest_fen)::text AS i FROM repayment_allocations
        WHERE repayment_id = $1`,
      [repayment.id],
    )) as { p: string; i: string }[];
    // Penalty and interest only: no principal moves, so no loan event tells of it.
    expect(BigInt(split.p)).toBe(0n);
    const interest = BigInt(split.i);
    expect(interest).toBeGreaterThan(0n);
    await h.get(DailyCloseService).run(LocalDate.parse('2026-04-02'));
    const posted = await snapshots.snapshotClosedDate('2026-04-02');
    expect(posted.recomputed).toEqual(expect.arrayContaining([day, '2026-03-31', '2026-04-01']));
    expect((await countyTotal(day, day)).repaidInterestFen).toBe(before.repaidInterestFen + interest);

    h.travelTo('2026-04-03');
    await h.get(PostingService).reverse(bank, repayment.id, '录入错误');
    await h.get(DailyCloseService).run(LocalDate.parse('2026-04-03'));
    const reversed = await snapshots.snapshotClosedDate('2026-04-03');
    expect(reversed.recomputed).toEqual(expect.arrayContaining([day, '2026-04-02']));
    expect((await countyTotal(day, day)).repaidInterestFen).toBe(before.repaidInterestFen);

    // Every stored day, kept up by the nightly runs and the re-computations of their loans alone, is what a full
    // re-computation of the day gives (run and rolled back).
    const rowsOf = (q: { query: DataSource['query'] }, date: string) =>
      q.query(
        `SELECT to_jsonb(s) - 'business_date' AS r FROM statistics_snapshots s WHERE business_date = $1
          ORDER BY scope_kind, scope_key, dimension_kind, dimension_key`,
        [date],
      ) as Promise<{ r: unknown }[]>;
    const days = (await ds.query(
      `SELECT business_date::text AS d FROM statistics_snapshot_dates WHERE business_date >= '2026-03-01' ORDER BY 1`,
    )) as { d: string }[];
    expect(days.length).toBeGreaterThan(30);
    const repository = new SnapshotRepository();
    for (const { d } of days) {
      const stored = await rowsOf(ds, d);
      const runner = ds.createQueryRunner();
      await runner.startTransaction();
      try {
        await repository.writeDateHow(runner.manager, d, 'FULL');
        const full = await rowsOf(runner.manager, d);
        expect({ day: d, rows: stored }).toEqual({ day: d, rows: full });
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    // A borrower's category corrected: the next nightly run moves her loan from one breakdown key to the other.
    await ds.query(
      `UPDATE applicants SET category = CASE WHEN category = 'GRADUATE' THEN 'VETERAN' ELSE 'GRADUATE' END,
              updated_at = now()
        WHERE id = (SELECT applicant_id FROM loans WHERE id = $1)`,
      [ids.D],
    );
    h.travelTo('2026-04-04');
    await h.get(DailyCloseService).run(LocalDate.parse('2026-04-04'));
    await snapshots.snapshotClosedDate('2026-04-04');
    const nightly = await rowsOf(ds, '2026-04-04');
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      await repository.writeDateHow(runner.manager, '2026-04-04', 'FULL');
      expect(nightly).toEqual(await rowsOf(runner.manager, '2026-04-04'));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('measures fund leverage used against the leverage in force on the date, a raised leverage included', async () => {
    const fedadmin = await h.actor('fedadmin');
    const [{ fundId }] = (await ds.query(
      `SELECT g.fund_id::text AS "fundId" FROM guarantees g JOIN loans l ON l.application_id = g.application_id
        WHERE l.id = $1`,
      [ids.A],
    )) as { fundId: string }[];
    // The fund's rules allow twice its base leverage after a year repaid on time, and 2025 was: it is in force in 2026.
    await ds.query(
      `UPDATE guarantee_funds SET raised_leverage = base_leverage * 2, raise_threshold_rate = 0.9 WHERE id = $1`,
      [fundId],
    );
    await ds.query(
      `INSERT INTO guarantee_fund_leverage_assessments (fund_id, year, due_fen, paid_by_due_date_fen, assessed_by_username)
       VALUES ($1, 2026, 100, 100, 'test')
       ON CONFLICT (fund_id, year) DO UPDATE SET due_fen = 100, paid_by_due_date_fen = 100`,
      [fundId],
    );
    await h.get(TargetService).set(fedadmin, {
      regionCode: COUNTY,
      year: 2026,
      kind: 'FUND_LEVERAGE_USED',
      value: '0.000001',
    });
    const day = '2026-04-04';
    await snapshots.snapshotClosedDate(day);
    const [fund] = (await ds.query(
      `SELECT f.base_leverage::text AS base, f.raised_leverage::text AS raised,
              sum(e.amount_fen) FILTER (WHERE e.account = 'DEPOSIT')::text AS deposit,
              sum(e.amount_fen) FILTER (WHERE e.account = 'LIABILITY')::text AS liability
         FROM guarantee_funds f JOIN guarantee_fund_entries e ON e.fund_id = f.id AND e.value_date <= $2
        WHERE f.id = $1 GROUP BY f.id`,
      [fundId, day],
    )) as { base: string; raised: string; deposit: string; liability: string }[];
    const open = (await h.get(WarningQueryService).page(fedadmin, { status: 'OPEN' as never })).items;
    const warning = open.find((w) => w.kind === 'FUND_LEVERAGE_USED');
    const usedAt = (leverage: string) => Number(fund.liability) / (Number(fund.deposit) * Number(leverage));
    expect(Number(fund.liability)).toBeGreaterThan(0);
    expect(Number(warning?.measured)).toBeCloseTo(usedAt(fund.raised), 5);
    expect(Number(warning?.measured)).not.toBeCloseTo(usedAt(fund.base), 5);
  });

  it('counts the jobs a follow-up visit finds beyond the count known before it, and none from a withdrawn visit', async () => {
    const day = '2026-03-31';
    const before = (await countyTotal(day, day)).jobsCreated;
    const [{ base }] = (await ds.query(
      `SELECT a.jobs_created AS base FROM loans l JOIN applicants a ON a.id = l.applicant_id WHERE l.id = $1`,
      [ids.A],
    )) as { base: number }[];
    const visit = (loanId: string, visitedOn: string, jobs: number, withdrawn = false) =>
      ds.query(
        `INSERT INTO loan_follow_ups (loan_id, kind, visited_on, business_state, jobs_created, recorded_by_user_id,
                recorded_by_name, recorded_at, withdrawn_at, withdrawal_reason)
         VALUES ($1, 'ON_SITE_VISIT', $2, 'STILL_OPERATING', $3, $4, '王芳', now(),
                 CASE WHEN $5 THEN now() END, CASE WHEN $5 THEN '录入错误' END)`,
        [loanId, visitedOn, jobs, bank.userId, withdrawn],
      );
    await visit(ids.A, '2026-02-15', base + 2); // an earlier visit: 2 more than at application
    await visit(ids.A, day, base + 5); // 3 more since that visit
    await visit(ids.D, day, 40, true); // withdrawn: counts nothing
    await snapshots.computeDate(day);
    expect((await countyTotal(day, day)).jobsCreated).toBe(before + 3n);
  });

  it('prunes the loan versions no longer in force before the history window, and every later day reads the same', async () => {
    const cutoff = '2026-03-15';
    const inForce = (q: { query: DataSource['query'] }) =>
      q.query(
        `SELECT d.business_date::text AS day, v.loan_id, v.as_of::text AS as_of
           FROM statistics_snapshot_dates d
           CROSS JOIN LATERAL (SELECT DISTINCT ON (f.loan_id) f.loan_id, f.as_of FROM statistics_loan_facts f
                                WHERE f.as_of <= d.business_date ORDER BY f.loan_id, f.as_of DESC) v
          WHERE d.business_date >= $1 ORDER BY 1, 2`,
        [cutoff],
      ) as Promise<unknown[]>;
    const superseded = (q: { query: DataSource['query'] }) =>
      q.query(
        `SELECT count(*)::int AS n FROM statistics_loan_facts f WHERE f.as_of < $1 AND EXISTS (
           SELECT 1 FROM statistics_loan_facts g WHERE g.loan_id = f.loan_id AND g.as_of > f.as_of AND g.as_of <= $1)`,
        [cutoff],
      ) as Promise<{ n: number }[]>;
    const before = await inForce(ds);
    expect(before.length).toBeGreaterThan(0);
    const [{ n: old }] = await superseded(ds);
    expect(old).toBeGreaterThan(0);
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      const deleted = await new SnapshotRepository().pruneVersions(runner.manager, cutoff);
      expect(deleted).toBe(old);
      expect(await superseded(runner.manager)).toEqual([{ n: 0 }]);
      // The versions in force on the cutoff and after stay: every stored day from the cutoff reads the same.
      expect(await inForce(runner.manager)).toEqual(before);
      const [{ from }] = (await runner.manager.query(
        `SELECT history_from::text AS from FROM statistics_loan_facts_state`,
      )) as { from: string }[];
      // Days before the cutoff are re-computed in full from now on (a later start, set by a full re-computation, stays).
      expect(from >= cutoff).toBe(true);
      // Again with the same cutoff: nothing more.
      expect(await new SnapshotRepository().pruneVersions(runner.manager, cutoff)).toBe(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
