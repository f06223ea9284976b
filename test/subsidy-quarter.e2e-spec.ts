import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { SubsidyClaimBuilder, SubsidyClaimScheduler } from '@mla/subsidies';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

/**
 * Acceptance: the first quarter of 2025 (period 2024-12-21 → 2025-03-20) for ten loans of the demo county's rural
 * credit cooperative, all disbursed on 2025-01-10 at 4.35% (ACT/360) under the 50% policy, from the settlement date to
 * the payout over HTTP. Every line's subsidy is checked against arithmetic written here, not the engine's:
 * interest = principal × days × 4.35% / 360 rounded half-up to the fen per installment, subsidy = the counted share
 * of that interest × 50%, rounded half-up once.
 *
 * - Q01–Q05 normal (quarterly interest, paid on 20 March);
 * - Q06 monthly interest (due on the 10th), January's paid five days late: its days excluded; March's from the 10th
 *   is not due yet by the settlement date;
 * - Q07 two months, due in full on 10 March, paid five days late with the penalty on its principal: nothing on time,
 *   no subsidy, the penalty reported (its line is rejected);
 * - Q08 paid off on 20 February: interest and subsidy for its 41 days only;
 * - Q09 two months (monthly interest), extended (展期) by six in January: the days past the original maturity
 *   (2025-03-10) are not subsidised;
 * - Q10 the borrower took a job on 15 February (a follow-up recorded over HTTP): no subsidy from that day.
 */
describe('a subsidy quarter of ten loans, settlement to payout (e2e)', () => {
  let h: ApiHarness;
  const clock = new FixedClock('2025-01-10T04:00:00Z');
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  const at = (date: string) => clock.set(`${date}T04:00:00Z`);

  // Independent arithmetic (fen, bigint).
  const fenOf = (yuan: string) => BigInt(yuan.replace('.', ''));
  const yuanOf = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
  /** n / d rounded half-up (n ≥ 0, d > 0). */
  const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);
  /** Days from `from` to `to`, both included. */
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  /** principal × days × 4.35% / 360, half-up to the fen. */
  const interest = (principalYuan: string, d: number) =>
    halfUp(fenOf(principalYuan) * BigInt(d) * 435n, 360n * 10_000n);

  interface LoanCase {
    no: string;
    name: string;
    amountYuan: string;
    method: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY' | 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY';
    termMonths: number;
    id?: string;
  }
  const Q = (no: number, name: string, amountYuan: string, monthly = false, termMonths = 12): LoanCase => ({
    no: `TYR-Q-${String(no).padStart(2, '0')}`,
    name,
    amountYuan,
    method: monthly ? 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY' : 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    termMonths,
  });
  const loans = [
    Q(1, '王秀英', '200000.00'),
    Q(2, '李桂英', '150000.00'),
    Q(3, '赵玉兰', '100000.00'),
    Q(4, '刘凤英', '80000.00'),
    Q(5, '陈淑珍', '55555.55'),
    Q(6, '杨秀兰', '120000.00', true),
    Q(7, '黄丽娟', '90000.00', false, 2),
    Q(8, '周美玲', '160000.00'),
    Q(9, '吴春梅', '70000.00', true, 2),
    Q(10, '郑海燕', '130000.00'),
  ];
  const [, , , , , late1, late2, paidOff, extended, tookJob] = loans;

  const pay = (loan: LoanCase, amountYuan: string, valueDate: string, reference: string) =>
    h.http
      .post(`/loans/${loan.id}/repayments`)
      .set(as('bank'))
      .send({ amountYuan, valueDate, channel: 'TRANSFER', externalReference: reference })
      .expect(200);
  const summary = async (loan: LoanCase) =>
    (await h.http.get(`/loans/${loan.id}`).set(as('bank')).expect(200)).body.summary as Record<string, string>;
  const download = (path: string) =>
    h.http
      .get(path)
      .set(as('finance'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);

  beforeAll(async () => {
    h = await startApi(clock);
    for (const user of ['bank', 'officer', 'fedadmin', 'finance']) token[user] = await h.login(user);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('claims, reviews and pays the quarter with every line as computed by hand', async () => {
    // Signed on 5 January, disbursed on 10 January.
    for (const loan of loans) {
      const applicationId = await approvedApplication(
        h,
        loan.amountYuan,
        loan.termMonths,
        loan.method,
        undefined,
        undefined,
        loan.name,
      );
      const signed = await h.http
        .post('/loans')
        .set(as('bank'))
        .send({ applicationId, contractNumber: loan.no, signingDate: '2025-01-05', annualRatePercent: '4.35' })
        .expect(201);
      loan.id = signed.body.id as string;
      await h.http
        .post(`/loans/${loan.id}/disbursement`)
        .set(as('bank'))
        .send({ valueDate: '2025-01-10', amountYuan: loan.amountYuan, reference: `${loan.no}-D` })
        .expect(200);
    }
    // Quarterly interest: one installment 01-10 → 03-20 (70 days); monthly: 01-10 → 02-09, 02-10 → 03-09, 03-10 →
    // 04-09, each due the day after; of the last, 03-10 → 03-20 (11 days) falls in the quarter.
    const Q1 = days('2025-01-10', '2025-03-20');
    const [M1, M2, M3] = [
      days('2025-01-10', '2025-02-09'),
      days('2025-02-10', '2025-03-09'),
      days('2025-03-10', '2025-04-09'),
    ];
    const M3InQuarter = days('2025-03-10', '2025-03-20');
    expect([Q1, M1, M2, M3, M3InQuarter]).toEqual([70, 31, 28, 31, 11]);
    const schedule = async (loan: LoanCase) =>
      (await h.http.get(`/loans/${loan.id}`).set(as('bank')).expect(200)).body.schedule as {
        periodStart: string;
        periodEnd: string;
        dueDate: string;
        interestYuan: string;
        status: string;
        subsidisable: boolean;
      }[];
    expect(
      (await schedule(late1)).slice(0, 3).map((r) => [r.periodStart, r.periodEnd, r.dueDate, r.interestYuan]),
    ).toEqual([
      ['2025-01-10', '2025-02-09', '2025-02-10', yuanOf(interest(late1.amountYuan, M1))],
      ['2025-02-10', '2025-03-09', '2025-03-10', yuanOf(interest(late1.amountYuan, M2))],
      ['2025-03-10', '2025-04-09', '2025-04-10', yuanOf(interest(late1.amountYuan, M3))],
    ]);

    // 展期 in January: six more months; the rows past the original maturity (2025-03-10) are not subsidised.
    at('2025-01-15');
    await h.http
      .post(`/loans/${extended.id}/extension`)
      .set(as('bank'))
      .send({ months: 6, reason: '养殖周期延长' })
      .expect(200);
    const ext = (await schedule(extended)).filter((r) => r.status !== 'SUPERSEDED');
    expect(ext.slice(0, 3).map((r) => [r.periodStart, r.periodEnd, r.subsidisable])).toEqual([
      ['2025-01-10', '2025-02-09', true],
      ['2025-02-10', '2025-03-09', true],
      ['2025-03-10', '2025-04-09', false],
    ]);

    // 10 February: the extended loan pays January's interest on its due date; the other monthly loan does not.
    at('2025-02-10');
    await pay(extended, yuanOf(interest(extended.amountYuan, M1)), '2025-02-10', `${extended.no}-1`);

    // 15 February: five days late (the policy charges penalty on overdue principal only: none here).
    at('2025-02-15');
    await pay(late1, yuanOf(interest(late1.amountYuan, M1)), '2025-02-15', `${late1.no}-1`);

    // 20 February: one loan is paid off (interest to 02-19: 41 days).
    at('2025-02-20');
    const payoffDays = days('2025-01-10', '2025-02-19');
    const quote = await h.http.get(`/loans/${paidOff.id}/payoff-quote?date=2025-02-20`).set(as('bank')).expect(200);
    expect(quote.body).toMatchObject({
      principalYuan: paidOff.amountYuan,
      interestYuan: yuanOf(interest(paidOff.amountYuan, payoffDays)),
    });
    await h.http
      .post(`/loans/${paidOff.id}/payoff`)
      .set(as('bank'))
      .send({
        amountYuan: quote.body.netYuan,
        valueDate: '2025-02-20',
        channel: 'TRANSFER',
        externalReference: `${paidOff.no}-P`,
      })
      .expect(200);

    // 5 March: the federation officer records the follow-ups: a job since 15 February, and a wrong closure withdrawn.
    at('2025-03-05');
    const wrong = await h.http
      .post(`/loans/${tookJob.id}/follow-ups`)
      .set(as('officer'))
      .send({
        kind: 'PHONE',
        visitedOn: '2025-03-01',
        businessState: 'BUSINESS_CLOSED',
        changedOn: '2025-01-20',
        jobsCreated: 0,
      })
      .expect(201);
    await h.http
      .post(`/loans/${tookJob.id}/follow-ups/${wrong.body.id as string}/withdrawal`)
      .set(as('officer'))
      .send({ reason: '误录：该户仍在经营' })
      .expect(200);
    const job = await h.http
      .post(`/loans/${tookJob.id}/follow-ups`)
      .set(as('officer'))
      .send({
        kind: 'EMPLOYMENT_CHECK',
        visitedOn: '2025-03-05',
        businessState: 'EMPLOYED_ELSEWHERE',
        changedOn: '2025-02-15',
        jobsCreated: 0,
        note: '已在县城超市就业',
      })
      .expect(201);
    expect(job.body).toMatchObject({ changedOn: '2025-02-15', withdrawnAt: null, recordedByName: expect.any(String) });

    // 10 March: the monthly loans pay February's interest on its due date.
    at('2025-03-10');
    for (const loan of [late1, extended]) {
      await pay(loan, yuanOf(interest(loan.amountYuan, M2)), '2025-03-10', `${loan.no}-2`);
    }
    // 20 March, the settlement date: the quarterly loans pay on time, but one.
    at('2025-03-20');
    for (const loan of loans.filter((l) => l.method !== late1.method && l !== late2 && l !== paidOff)) {
      await pay(loan, yuanOf(interest(loan.amountYuan, Q1)), '2025-03-20', `${loan.no}-Q1`);
    }
    // 15 March: the two-month loan due on 10 March pays principal, interest (01-10 → 03-09) and the penalty.
    const Q7 = days('2025-01-10', '2025-03-09');
    at('2025-03-15');
    const late2Penalty = fenOf((await summary(late2)).penaltyOutstandingYuan);
    expect(late2Penalty).toBeGreaterThan(0n);
    await pay(
      late2,
      yuanOf(fenOf(late2.amountYuan) + interest(late2.amountYuan, Q7) + late2Penalty),
      '2025-03-15',
      `${late2.no}-1`,
    );

    // The expected lines, by hand.
    const half = (fen: bigint) => halfUp(fen, 2n);
    const quarterly = (l: LoanCase) => interest(l.amountYuan, Q1);
    const expected = new Map<string, { subsidy: bigint; collected: bigint; stoppedOn?: string }>();
    for (const l of loans.slice(0, 5)) expected.set(l.no, { subsidy: half(quarterly(l)), collected: quarterly(l) });
    // January late, March not due yet: February's interest only.
    const l6 = [M1, M2].map((d) => interest(late1.amountYuan, d));
    expected.set(late1.no, { subsidy: half(l6[1]), collected: l6[0] + l6[1] });
    expected.set(late2.no, { subsidy: 0n, collected: interest(late2.amountYuan, Q7) });
    const l8 = interest(paidOff.amountYuan, payoffDays);
    expected.set(paidOff.no, { subsidy: half(l8), collected: l8 });
    // Both months on time; 03-10 → 03-20 is extension time.
    const l9 = [M1, M2].map((d) => interest(extended.amountYuan, d));
    expected.set(extended.no, { subsidy: half(l9[0] + l9[1]), collected: l9[0] + l9[1] });
    // 01-10 → 02-14 of the quarter's 70 days: interest × 36 / 70 × 50%, rounded once.
    const worked = days('2025-01-10', '2025-02-14');
    expected.set(tookJob.no, {
      subsidy: halfUp(quarterly(tookJob) * BigInt(worked), 70n * 2n),
      collected: quarterly(tookJob),
      stoppedOn: '2025-02-15',
    });
    const total = [...expected.values()].reduce((s, e) => s + e.subsidy, 0n);

    // The day after: the tick queues the build job of the bank and county; the job's use case builds the batch.
    at('2025-03-21');
    const tick = await h.app.get(SubsidyClaimScheduler).queueDueBuilds();
    expect(tick).toMatchObject({ settlementDate: '2025-03-20', queued: [expect.any(String)] });
    const builder = h.app.get(SubsidyClaimBuilder);
    const { batch, created } = await builder.build(h.demo.organisations.rcc.id, '150221', '2025-03-20');
    expect(created).toBe(true);

    const detail = async () =>
      (await h.http.get(`/subsidy-claims/${batch.id}`).set(as('finance')).expect(200)).body as {
        batch: { status: string; requestedYuan: string; approvedYuan: string; claimDueOn: string };
        lines: {
          id: string;
          contractNumber: string;
          borrowerName: string;
          subsidyYuan: string;
          interestCollectedYuan: string;
          status: string;
          calculation: {
            checks: { check: string; passed: boolean; reason: string | null; factor?: string; detail?: object }[];
          };
        }[];
      };
    const built = await detail();
    expect(built.lines).toHaveLength(10);
    // Filed within 10 working days of the settlement date: 21 March → 3 April (Qingming is 4 April).
    expect(built.batch).toMatchObject({ requestedYuan: yuanOf(total), claimDueOn: '2025-04-03' });
    for (const line of built.lines) {
      const e = expected.get(line.contractNumber)!;
      expect([line.contractNumber, line.subsidyYuan, line.interestCollectedYuan]).toEqual([
        line.contractNumber,
        yuanOf(e.subsidy),
        yuanOf(e.collected),
      ]);
      const check = (name: string) => line.calculation.checks.find((c) => c.check === name)!;
      expect(check('WITHIN_FUND_LEVERAGE')).toMatchObject({ passed: true, factor: '1' });
      expect(check('BORROWER_STILL_SELF_EMPLOYED').passed).toBe(line.contractNumber !== tookJob.no);
    }
    const lineOf = (loan: LoanCase) => built.lines.find((l) => l.contractNumber === loan.no)!;
    const checkOf = (loan: LoanCase, name: string) => lineOf(loan).calculation.checks.find((c) => c.check === name)!;
    expect(lineOf(loans[0]).borrowerName).toBe('王*英');
    expect(checkOf(late1, 'PAID_ON_TIME')).toMatchObject({ passed: false, reason: 'INTEREST_PAID_LATE_OR_UNPAID' });
    expect(checkOf(late2, 'PAID_ON_TIME').passed).toBe(false);
    expect(checkOf(late2, 'PENALTY_NOT_SUBSIDISED')).toMatchObject({
      reason: 'PENALTY_EXCLUDED',
      detail: { penaltyCollectedFen: String(late2Penalty) },
    });
    expect(checkOf(paidOff, 'LOAN_RAN_WHOLE_PERIOD')).toMatchObject({ passed: false, reason: 'PAID_OFF_IN_PERIOD' });
    expect(checkOf(extended, 'NOT_EXTENSION_PERIOD')).toMatchObject({ passed: false, excludedDays: M3InQuarter });
    expect(checkOf(tookJob, 'BORROWER_STILL_SELF_EMPLOYED')).toMatchObject({
      reason: 'BORROWER_STOPPED_SELF_EMPLOYMENT',
      excludedDays: Q1 - worked,
    });

    // Bank submits, the federation reviews (初审), finance decides: the late quarterly line is rejected.
    await h.http.post(`/subsidy-claims/${batch.id}/submission`).set(as('bank')).expect(201);
    await h.http
      .post(`/subsidy-claims/${batch.id}/initial-review`)
      .set(as('fedadmin'))
      .send({ findings: [] })
      .expect(201);
    for (const fundingLevel of ['CENTRAL', 'PROVINCIAL', 'COUNTY']) {
      await h.http
        .post('/subsidy-budgets/entries')
        .set(as('finance'))
        .send({ fiscalYear: 2025, fundingLevel, kind: 'ALLOCATION', amountYuan: '20000.00', valueDate: '2025-03-21' })
        .expect(201);
    }
    const rejected = lineOf(late2);
    await h.http
      .post(`/subsidy-claims/${batch.id}/decisions`)
      .set(as('finance'))
      .send({
        decisions: built.lines.map((l) =>
          l.id === rejected.id
            ? { lineId: l.id, approve: false, reason: '利息逾期支付，本期不予贴息' }
            : { lineId: l.id, approve: true },
        ),
      })
      .expect(201);
    const decided = await detail();
    expect(decided.batch).toMatchObject({ status: 'FINANCE_REVIEWED', approvedYuan: yuanOf(total) });

    const payout = await h.http
      .post(`/subsidy-claims/${batch.id}/payout`)
      .set(as('finance'))
      .send({ paymentReference: '土财拨〔2025〕12号', paymentDate: '2025-03-21' })
      .expect(201);
    expect(payout.body).toMatchObject({ lineCount: 9, amountYuan: yuanOf(total) });

    // The budgets: what each level paid is the lines' shares; together the batch total.
    const balances = await h.http
      .get('/subsidy-budgets/balances?regionCode=150221&fiscalYear=2025')
      .set(as('finance'))
      .expect(200);
    const paid = await detail();
    const levels = balances.body.levels as { fundingLevel: string; paidYuan: string; availableYuan: string }[];
    const shareOf = { CENTRAL: 'centralYuan', PROVINCIAL: 'provincialYuan', CITY: 'cityYuan', COUNTY: 'countyYuan' };
    let paidTotal = 0n;
    for (const level of levels) {
      const key = shareOf[level.fundingLevel as keyof typeof shareOf] as 'subsidyYuan';
      const share = paid.lines
        .filter((l) => l.status === 'PAID')
        .reduce((s, l) => s + fenOf((l as unknown as Record<string, string>)[key]), 0n);
      expect(fenOf(level.paidYuan)).toBe(share);
      if (level.fundingLevel !== 'CITY') expect(fenOf(level.availableYuan)).toBe(2_000_000n - share);
      paidTotal += share;
    }
    expect(paidTotal).toBe(total);
    // The central share is 75% of each line, within a fen.
    for (const l of paid.lines.filter((x) => x.status === 'PAID')) {
      const central = fenOf((l as unknown as Record<string, string>).centralYuan);
      const exact = (fenOf(l.subsidyYuan) * 75n) / 100n;
      expect(central - exact >= -1n && central - exact <= 1n).toBe(true);
    }

    // The job again (a redelivery, a second tick): the batch stands, no line twice.
    const again = await builder.build(h.demo.organisations.rcc.id, '150221', '2025-03-20');
    expect(again).toMatchObject({ created: false, batch: { id: batch.id } });
    const [{ lines, loansClaimed }] = (await h.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS lines, count(DISTINCT loan_id)::int AS "loansClaimed" FROM subsidy_claim_lines WHERE settlement_date = '2025-03-20'`,
      )) as { lines: number; loansClaimed: number }[];
    expect([lines, loansClaimed]).toEqual([10, 10]);

    // The claim list: one row per line with the subsidy, the stop date and the within-leverage fraction.
    const claimList = new ExcelJS.Workbook();
    await claimList.xlsx.load((await download(`/subsidy-claims/${batch.id}/claim-list`)).body as ArrayBuffer);
    const sheet = claimList.worksheets.find((ws) => {
      let found = false;
      ws.eachRow((row) => {
        if ((row.values as unknown[]).includes('合同编号')) found = true;
      });
      return found;
    })!;
    let headers: string[] = [];
    const rows = new Map<string, Record<string, unknown>>();
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values.includes('合同编号')) headers = values as string[];
      else if (headers.length && typeof values[0] === 'string' && values[0].startsWith('TYR-Q-'))
        rows.set(values[0], Object.fromEntries(headers.map((hd, i) => [hd, values[i]])));
    });
    expect(rows.size).toBe(10);
    for (const [no, e] of expected) {
      const row = rows.get(no)!;
      expect([no, String(row['贴息金额（元）'])]).toEqual([no, String(Number(yuanOf(e.subsidy)))]);
      expect(row['担保基金杠杆内比例']).toBe('1');
      expect(row['停止贴息日（就业或停业）'] ?? '').toBe(e.stoppedOn ?? '');
      expect(String(row['借款人'])).toMatch(/^[\u4e00-\u9fa5]\*[\u4e00-\u9fa5]$/);
      // The checks' findings are in Chinese, never the codes behind them.
      expect(String(row['核查情况'] ?? '')).not.toMatch(/[A-Z_]{4,}/);
    }
    expect([...rows.values()].some((r) => String(r['核查情况'] ?? '').includes('展期'))).toBe(true);

    // The public notice 公示: paid lines only, masked names and IDs; no full ID or phone anywhere.
    const notice = new ExcelJS.Workbook();
    await notice.xlsx.load((await download(`/subsidy-claims/${batch.id}/public-notice`)).body as ArrayBuffer);
    const publicSheet = notice.getWorksheet('贴息公示')!;
    const cells: string[] = [];
    const listed: unknown[][] = [];
    publicSheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      cells.push(...values.map((v) => String(v ?? '')));
      if (values.some((v) => typeof v === 'string' && /^1502\*{10}\d{3}[\dX]$/.test(v))) listed.push(values);
    });
    expect(listed).toHaveLength(9);
    const names = listed.map((r) =>
      r.find((v) => typeof v === 'string' && /^[\u4e00-\u9fa5]\*[\u4e00-\u9fa5]$/.test(v)),
    );
    expect(names).toContain('王*英');
    expect(names).not.toContain('黄*娟');
    expect(
      listed
        .map((r) => r[6])
        .reduce((s: number, v) => s + Number(v), 0)
        .toFixed(2),
    ).toBe(yuanOf(total));
    const text = cells.join('|');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('13500135000');
    expect(cells.filter((c) => /^1[3-9]\d{9}$/.test(c))).toEqual([]);
    for (const l of loans) expect(text).not.toContain(l.name);
  });

  it('refuses a follow-up the loan cannot carry, clearly and without recording it', async () => {
    at('2025-03-21');
    const loan = loans[0];
    const post = (body: object, user = 'officer') =>
      h.http.post(`/loans/${loan.id}/follow-ups`).set(as(user)).send(body);
    const base = { kind: 'ON_SITE_VISIT', visitedOn: '2025-03-10', businessState: 'STILL_OPERATING', jobsCreated: 2 };
    expect((await post(base, 'bank').expect(403)).body.code).toBe('PERMISSION_DENIED');
    const noDate = await post({ ...base, businessState: 'BUSINESS_CLOSED' }).expect(400);
    expect(noDate.body).toMatchObject({ code: 'FOLLOW_UP_INVALID', details: { field: 'changedOn' } });
    const future = await post({ ...base, visitedOn: '2025-04-01' }).expect(422);
    expect(future.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'visitedOn' } });
    const beforeLoan = await post({ ...base, businessState: 'BUSINESS_CLOSED', changedOn: '2025-01-09' }).expect(422);
    expect(beforeLoan.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'changedOn', min: '2025-01-10' },
    });
    expect((await post({ ...base, kind: 'LETTER' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post({ ...base, jobsCreated: -1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const ok = await post(base).expect(201);
    const list = await h.http.get(`/loans/${loan.id}/follow-ups`).set(as('bank')).expect(200);
    expect(list.body).toMatchObject({ contractNumber: loan.no, borrowerName: '王*英', items: [{ id: ok.body.id }] });
    const withdraw = (reason: string) =>
      h.http
        .post(`/loans/${loan.id}/follow-ups/${ok.body.id as string}/withdrawal`)
        .set(as('officer'))
        .send({ reason });
    await withdraw('录错日期').expect(200);
    expect((await withdraw('再次').expect(409)).body.code).toBe('FOLLOW_UP_WITHDRAWN');
    const audit = (await h.app
      .get(DataSource)
      .query(`SELECT action FROM audit_log WHERE entity_type = 'loan_follow_up' AND entity_id = $1 ORDER BY id`, [
        ok.body.id,
      ])) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['loan.follow_up_recorded', 'loan.follow_up_withdrawn']);
  });
});
