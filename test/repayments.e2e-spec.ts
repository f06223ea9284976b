import { DataSource } from 'typeorm';
import { Clock, FixedClock, LocalDate } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

interface Row {
  number: number;
  status: string;
  principalPaidYuan: string;
  interestPaidYuan: string;
  penaltyAccruedYuan: string;
  penaltyPaidYuan: string;
}

/** Servicing one loan on 2026-04-15: reads as of today, the daily close, posting, idempotency, reversal. */
describe('repayment posting and the daily close (e2e)', () => {
  let h: ApiHarness;
  let bank: string;
  let loanId: string;
  const clock = new FixedClock('2026-04-15T04:00:00Z');

  const loan = async () =>
    (await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200)).body as {
      status: string;
      creditYuan: string;
      schedule: Row[];
    };
  const post = (amountYuan: string, externalReference: string, valueDate = '2026-04-15') =>
    h.http
      .post(`/loans/${loanId}/repayments`)
      .set('Authorization', bank)
      .send({ amountYuan, valueDate, channel: 'TRANSFER', externalReference });

  beforeAll(async () => {
    h = await startApi(clock);
    bank = await h.login('bank');
    // 120,000 at 4.35%, 12 months, equal principal: reference case B (10,000 a month; 435.00, 398.75, … interest).
    const applicationId = await approvedApplication(h, '120000.00', 12, 'EQUAL_PRINCIPAL');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0100', signingDate: '2026-01-05', annualRatePercent: '4.35' })
      .expect(201);
    loanId = signed.body.id;
    const disbursed = await h.http
      .post(`/loans/${loanId}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '120000.00', reference: 'D-100' })
      .expect(200);
    expect(
      disbursed.body.schedule
        .slice(0, 3)
        .map((r: { dueDate: string; interestYuan: string }) => [r.dueDate, r.interestYuan]),
    ).toEqual([
      ['2026-02-10', '435.00'],
      ['2026-03-10', '398.75'],
      ['2026-04-10', '362.50'],
    ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reads overdue and penalty as of today before any close, and the close then stores the same figures', async () => {
    const close = h.app.get(DailyCloseService);
    const stored = async () =>
      (await h.app
        .get(DataSource)
        .query(
          `SELECT status, penalty_accrued_fen::int AS penalty FROM installments WHERE loan_id = $1 ORDER BY number`,
          [loanId],
        )) as { status: string; penalty: number }[];
    // Never ahead of today (the CLI and the worker reach it without HTTP): nothing is marked.
    const today = h.app.get(Clock).today();
    await expect(close.run(today.plusDays(1))).rejects.toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'asOf', max: today.toString() },
    });
    expect((await stored()).map((r) => r.status)).not.toContain('OVERDUE');
    // No close has run, yet the loan reads as it stands today.
    const unclosed = await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200);
    const first = await close.run(LocalDate.parse('2026-04-15'));
    expect(first).toMatchObject({ businessDate: '2026-04-15', status: 'SUCCEEDED', trigger: 'CLI' });
    expect(first.figures).toMatchObject({
      installmentsMarkedOverdue: 3,
      installmentsAccruingPenalty: 3,
      loansMarkedOverdue: 1,
    });
    expect((await stored()).slice(0, 4)).toEqual([
      { status: 'OVERDUE', penalty: 11600 },
      { status: 'OVERDUE', penalty: 6525 },
      { status: 'OVERDUE', penalty: 906 },
      { status: 'PENDING', penalty: 0 },
    ]);
    expect((await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200)).body).toEqual(unclosed.body);
    const rows = (await loan()).schedule;
    // 10,000.00 × 4.35% × 1.5 / 360 per day: 64, 36 and 5 days since the due dates.
    expect(rows.slice(0, 4).map((r) => [r.status, r.penaltyAccruedYuan])).toEqual([
      ['OVERDUE', '116.00'],
      ['OVERDUE', '65.25'],
      ['OVERDUE', '9.06'],
      ['PENDING', '0.00'],
    ]);
    const overdueLoan = (await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200)).body;
    expect(overdueLoan.status).toBe('OVERDUE');
    // Days past due count from the oldest unpaid due date (2026-02-10) to today's business date.
    expect(overdueLoan.summary).toMatchObject({
      daysPastDue: 64,
      nextDueDate: '2026-02-10',
      nextDueYuan: '10551.00',
      principalOutstandingYuan: '120000.00',
      penaltyOutstandingYuan: '190.31',
    });
    expect(overdueLoan.summary.overdueYuan).toBe('31386.56');
    // The date is closed: a second run is the stored one and changes nothing.
    const again = await close.run(LocalDate.parse('2026-04-15'));
    expect(again).toMatchObject({ id: first.id, attempts: 1, figures: first.figures });
    expect((await loan()).schedule.slice(0, 3).map((r) => r.penaltyAccruedYuan)).toEqual(['116.00', '65.25', '9.06']);
  });

  it('posts a repayment across two overdue installments and their penalty, once per reference', async () => {
    // Installment 1: 116.00 + 435.00 + 10,000.00; installment 2: 65.25 + 398.75 + 10,000.00.
    const res = await post('21015.00', 'TX-1').expect(200);
    expect(res.body).toMatchObject({ duplicate: false, creditYuan: '0.00', status: 'POSTED' });
    const again = await post('21015.00', 'TX-1').expect(200);
    expect(again.body).toMatchObject({ duplicate: true, id: res.body.id });
    await post('1.00', 'TX-1').expect(409);
    const rows = (await loan()).schedule;
    expect(rows.slice(0, 3).map((r) => [r.status, r.principalPaidYuan, r.interestPaidYuan, r.penaltyPaidYuan])).toEqual(
      [
        ['PAID', '10000.00', '435.00', '116.00'],
        ['PAID', '10000.00', '398.75', '65.25'],
        ['OVERDUE', '0.00', '0.00', '0.00'],
      ],
    );
    const [{ n }] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM repayments WHERE loan_id = $1`, [loanId])) as { n: number }[];
    expect(n).toBe(1);
    expect((await loan()).status).toBe('OVERDUE');
  });

  it('takes a partial payment; reversing the older one replays the later one; reversals restore the state', async () => {
    const before = await loan();
    const partial = await post('100.00', 'TX-2').expect(200);
    const during = await loan();
    expect(during.schedule[2]).toMatchObject({
      status: 'OVERDUE',
      penaltyPaidYuan: '9.06',
      interestPaidYuan: '90.94',
      principalPaidYuan: '0.00',
    });

    // The older repayment is reversed while a later one stands: the later one is replayed without it.
    const repayments = await h.http.get(`/loans/${loanId}/repayments`).set('Authorization', bank).expect(200);
    const olderId = repayments.body.find((r: { externalReference: string }) => r.externalReference === 'TX-1').id;
    await h.http
      .post(`/loans/repayments/${olderId}/reversal`)
      .set('Authorization', bank)
      .send({ reason: '测试' })
      .expect(200);
    const replayed = (await loan()).schedule;
    expect(replayed.slice(0, 3).map((r) => [r.status, r.penaltyPaidYuan, r.interestPaidYuan])).toEqual([
      ['OVERDUE', '100.00', '0.00'],
      ['OVERDUE', '0.00', '0.00'],
      ['OVERDUE', '0.00', '0.00'],
    ]);
    const reversed = await h.http
      .post(`/loans/repayments/${partial.body.id}/reversal`)
      .set('Authorization', bank)
      .send({ reason: '付款人账户错误' })
      .expect(200);
    expect(reversed.body.status).toBe('REVERSED');
    // Posted again, the older payment leaves the loan exactly as it was.
    await post('21015.00', 'TX-1b').expect(200);
    expect(await loan()).toEqual(before);
    await h.http
      .post(`/loans/repayments/${partial.body.id}/reversal`)
      .set('Authorization', bank)
      .send({ reason: 'again' })
      .expect(409);
  });

  it("keeps what no due installment can take as the borrower's credit", async () => {
    // Everything left: installment 3 (9.06 + 362.50 + 10,000) and the nine not yet due, paid ahead at value date.
    const res = await post('200000.00', 'TX-3').expect(200);
    const after = await loan();
    const paidNow = after.schedule.filter((r) => r.status === 'PAID').length;
    // A payment covers installments due by its value date and the next one coming due; the rest is credit.
    expect(paidNow).toBe(4);
    expect(Number(res.body.creditYuan)).toBeGreaterThan(0);
    expect(after.creditYuan).toBe(res.body.creditYuan);
    expect(after.status).toBe('ACTIVE');
  });

  it("hides the loan's repayments from another bank", async () => {
    await h.http
      .get(`/loans/${loanId}/repayments`)
      .set('Authorization', await h.login('bank2'))
      .expect(404);
    await h.http
      .post(`/loans/${loanId}/repayments`)
      .set('Authorization', await h.login('bank2'))
      .send({ amountYuan: '1.00', valueDate: '2026-04-15', channel: 'TRANSFER', externalReference: 'X' })
      .expect(404);
  });

  it('refuses value dates before the disbursement or after today for every posting, and posts nothing', async () => {
    const today = h.app.get(Clock).today();
    const tomorrow = today.plusDays(1).toString();
    const before = await loan();
    const history = async () =>
      (await h.http.get(`/loans/${loanId}/repayments`).set('Authorization', bank).expect(200)).body as unknown;
    const postedBefore = await history();
    for (const [path, valueDate] of [
      ['repayments', '0001-01-01'],
      ['repayments', '2026-01-09'],
      ['repayments', tomorrow],
      ['repayments', '9999-12-31'],
      ['payoff', '2026-01-09'],
      ['payoff', tomorrow],
      ['prepayment', '2026-01-09'],
      ['prepayment', tomorrow],
    ]) {
      const res = await h.http
        .post(`/loans/${loanId}/${path}`)
        .set('Authorization', bank)
        .send({ amountYuan: '100.00', valueDate, channel: 'TRANSFER', externalReference: `BAD-${path}-${valueDate}` })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'DATE_OUT_OF_RANGE',
        details: { field: 'valueDate', value: valueDate, min: '2026-01-10', max: today.toString() },
      });
    }
    const quote = await h.http
      .get(`/loans/${loanId}/payoff-quote?date=2026-01-09`)
      .set('Authorization', bank)
      .expect(422);
    expect(quote.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'date', min: '2026-01-10' } });
    expect(await loan()).toEqual(before);
    expect(await history()).toEqual(postedBefore);
  });
});

describe('a partial payment, then a payoff (e2e)', () => {
  let h: ApiHarness;
  let bank: string;
  let loanId: string;
  let applicationId: string;

  beforeAll(async () => {
    h = await startApi(new FixedClock('2026-02-20T04:00:00Z'));
    bank = await h.login('bank');
    applicationId = await approvedApplication(h, '120000.00', 12, 'EQUAL_PRINCIPAL');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0200', signingDate: '2026-01-05', annualRatePercent: '4.35' })
      .expect(201);
    loanId = signed.body.id;
    await h.http
      .post(`/loans/${loanId}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '120000.00', reference: 'D-200' })
      .expect(200);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('charges interest only to the payoff date and settles the loan', async () => {
    await h.http
      .post(`/loans/${loanId}/repayments`)
      .set('Authorization', bank)
      .send({ amountYuan: '5000.00', valueDate: '2026-02-10', channel: 'BANK_COUNTER', externalReference: 'P-1' })
      .expect(200);
    // A quote dated before that payment would mix it with that date's penalty: refused, naming the payment's date.
    const early = await h.http.get(`/loans/${loanId}/payoff-quote?date=2026-02-05`).set('Authorization', bank);
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.status).toBeLessThan(500);
    expect(early.body).toMatchObject({
      code: 'BACKDATED_ACROSS_RESCHEDULE',
      details: { field: 'date', limit: '2026-02-10' },
    });
    // Left: 5,435.00 of installment 1; 110,000.00 principal after it, with 10 days of interest (02-10 → 02-20):
    // 110,000 × 4.35% × 10 / 360 = 132.92.
    const quote = await h.http
      .get(`/loans/${loanId}/payoff-quote?date=2026-02-20`)
      .set('Authorization', bank)
      .expect(200);
    expect(quote.body).toEqual({
      date: '2026-02-20',
      principalYuan: '115435.00',
      interestYuan: '132.92',
      // Installment 1 was 10 days late with 5,435.00 principal unpaid: 5,435 × 4.35% × 1.5 × 10 / 360 = 9.85,
      // charged whether or not a nightly close had run.
      penaltyYuan: '9.85',
      totalYuan: '115577.77',
      creditYuan: '0.00',
      netYuan: '115577.77',
    });
    const short = await h.http
      .post(`/loans/${loanId}/payoff`)
      .set('Authorization', bank)
      .send({ amountYuan: '115577.76', valueDate: '2026-02-20', channel: 'TRANSFER', externalReference: 'P-2' })
      .expect(422);
    expect(short.body).toMatchObject({ code: 'PAYOFF_SHORT', details: { quote: { netYuan: '115577.77' } } });
    const paid = await h.http
      .post(`/loans/${loanId}/payoff`)
      .set('Authorization', bank)
      .send({ amountYuan: '115577.77', valueDate: '2026-02-20', channel: 'TRANSFER', externalReference: 'P-2' })
      .expect(200);
    expect(paid.body).toMatchObject({ kind: 'PAYOFF', creditYuan: '0.00' });
    const loan = (await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200)).body;
    expect(loan.status).toBe('REPAID');
    expect(loan.summary).toMatchObject({
      principalOutstandingYuan: '0.00',
      principalPaidYuan: '120000.00',
      interestPaidYuan: '567.92',
    });
    expect(loan.schedule.every((r: { status: string }) => r.status === 'PAID')).toBe(true);
    const refused = await h.http
      .post(`/loans/repayments/${paid.body.id}/reversal`)
      .set('Authorization', bank)
      .send({ reason: 'x' })
      .expect(409);
    expect(refused.body.code).toBe('NOT_REVERSIBLE');

    // The loan has ended: its application closes and the borrower may apply again; this loan counts as her first.
    const officer = await h.login('officer');
    const application = await h.http.get(`/applications/${applicationId}`).set('Authorization', officer).expect(200);
    expect(application.body.status).toBe('CLOSED');
    const again = await h.http
      .post('/applications')
      .set('Authorization', officer)
      .send({
        applicantId: application.body.applicantId,
        bankOrganisationId: h.demo.organisations.rcc.id,
        amountYuan: '50000.00',
        termMonths: 12,
        purpose: 'LIVESTOCK',
        repaymentMethod: 'EQUAL_PRINCIPAL',
      })
      .expect(201);
    const cumulative = again.body.eligibility.find((c: { rule: string }) => c.rule === 'CUMULATIVE_LOANS');
    expect(cumulative.outcome).toBe('PASS');
    expect(cumulative.details).toMatchObject({ priorLoans: 1 });
  });
});

describe('partial prepayment (e2e)', () => {
  let h: ApiHarness;
  let bank: string;

  interface LiveRow {
    number: number;
    status: string;
    dueDate: string;
    principalYuan: string;
    interestYuan: string;
    totalYuan: string;
  }

  async function paidFirstInstallment(contractNumber: string): Promise<string> {
    const applicationId = await approvedApplication(h, '120000.00', 12, 'EQUAL_INSTALLMENT');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber, signingDate: '2026-01-05', annualRatePercent: '4.35' })
      .expect(201);
    const loan = await h.http
      .post(`/loans/${signed.body.id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '120000.00', reference: `D-${contractNumber}` })
      .expect(200);
    await h.http
      .post(`/loans/${signed.body.id}/repayments`)
      .set('Authorization', bank)
      .send({
        amountYuan: loan.body.schedule[0].totalYuan,
        valueDate: '2026-02-10',
        channel: 'AUTO_DEBIT',
        externalReference: `R1-${contractNumber}`,
      })
      .expect(200);
    return signed.body.id;
  }

  const live = async (id: string) => {
    const body = (await h.http.get(`/loans/${id}`).set('Authorization', bank).expect(200)).body;
    return { loan: body, rows: (body.schedule as LiveRow[]).filter((r) => r.status !== 'SUPERSEDED') };
  };
  const sumPrincipal = (rows: LiveRow[]) => rows.reduce((s, r) => s + Math.round(Number(r.principalYuan) * 100), 0);

  beforeAll(async () => {
    h = await startApi(new FixedClock('2026-02-20T04:00:00Z'));
    bank = await h.login('bank');
  });

  afterAll(async () => {
    await h?.close();
  });

  it.each([
    ['REAMORTISE', 'TYR-2026-0301'],
    ['SHORTEN', 'TYR-2026-0302'],
  ])(
    '%s: interest to the date, the rest as principal, and the remaining principal rescheduled',
    async (mode, contract) => {
      const id = await paidFirstInstallment(contract);
      const before = await live(id);
      const regularInstallment = Number(before.rows[2].totalYuan);
      const res = await h.http
        .post(`/loans/${id}/prepayment`)
        .set('Authorization', bank)
        .send({
          amountYuan: '30000.00',
          valueDate: '2026-02-20',
          channel: 'TRANSFER',
          externalReference: `PP-${contract}`,
          mode,
        })
        .expect(200);
      expect(res.body.kind).toBe('PREPAYMENT');
      const after = await live(id);
      // The prepayment row: 10 days of interest on what was outstanding, the rest of 30,000.00 as principal.
      const prepaymentRow = after.rows.find((r) => r.dueDate === '2026-02-20') as LiveRow;
      const outstanding = 120000 - Number(before.rows[0].principalYuan);
      expect(Number(prepaymentRow.interestYuan)).toBeCloseTo(
        Math.round(((outstanding * 0.0435 * 10) / 360) * 100) / 100,
        2,
      );
      expect(Number(prepaymentRow.principalYuan) + Number(prepaymentRow.interestYuan)).toBeCloseTo(30000, 2);
      expect(prepaymentRow.status).toBe('PAID');
      // Every fen of principal is still scheduled exactly once.
      expect(sumPrincipal(after.rows)).toBe(12_000_000);
      const future = after.rows.filter((r) => r.dueDate > '2026-02-20');
      expect(future[0].dueDate).toBe('2026-03-10');
      if (mode === 'REAMORTISE') {
        expect(after.loan.maturityDate).toBe('2027-01-10');
        expect(Number(future[1].totalYuan)).toBeLessThan(regularInstallment);
      } else {
        expect(after.loan.maturityDate < '2027-01-10').toBe(true);
        expect(Number(future[1].totalYuan)).toBeLessThanOrEqual(regularInstallment);
      }
      await h.http
        .post(`/loans/repayments/${res.body.id}/reversal`)
        .set('Authorization', bank)
        .send({ reason: 'x' })
        .expect(409);
    },
  );

  it("follows the loan policy's mode when the request names none", async () => {
    const id = await paidFirstInstallment('TYR-2026-0304');
    const policy = await h.http
      .get(
        `/loan-policies/${(await h.app.get(DataSource).query(`SELECT policy_id FROM loans WHERE id = $1`, [id]))[0].policy_id}`,
      )
      .set('Authorization', bank)
      .expect(200);
    expect(policy.body.prepaymentMode).toBe('REAMORTISE');
    await h.http
      .post(`/loans/${id}/prepayment`)
      .set('Authorization', bank)
      .send({ amountYuan: '20000.00', valueDate: '2026-02-20', channel: 'TRANSFER', externalReference: 'PP-policy' })
      .expect(200);
    expect((await live(id)).loan.maturityDate).toBe('2027-01-10');
  });

  it('prepays an interest-only (quarterly) loan: interest to the date, later interest on the lower balance', async () => {
    const applicationId = await approvedApplication(h, '80000.00', 12, 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0305', signingDate: '2026-01-05', annualRatePercent: '4.35' })
      .expect(201);
    const id = signed.body.id as string;
    await h.http
      .post(`/loans/${id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '80000.00', reference: 'D-0305' })
      .expect(200);
    // 41 days (01-10 → 02-19) on 80,000.00 at 4.35% / 360 = 396.33; the rest, 30,000.00, is principal.
    await h.http
      .post(`/loans/${id}/prepayment`)
      .set('Authorization', bank)
      .send({ amountYuan: '30396.33', valueDate: '2026-02-20', channel: 'TRANSFER', externalReference: 'PP-0305' })
      .expect(200);
    const { loan, rows } = await live(id);
    expect(rows.map((r) => [r.dueDate, r.principalYuan, r.interestYuan, r.status])).toEqual([
      ['2026-02-20', '30000.00', '396.33', 'PAID'],
      ['2026-03-20', '0.00', '175.21', 'PENDING'], // 29 days on 50,000.00
      ['2026-06-20', '0.00', '555.83', 'PENDING'], // 92 days
      ['2026-09-20', '0.00', '555.83', 'PENDING'],
      ['2026-12-20', '0.00', '549.79', 'PENDING'], // 91 days
      ['2027-01-10', '50000.00', '120.83', 'PENDING'], // 20 days, with the principal at maturity
    ]);
    expect(loan.maturityDate).toBe('2027-01-10');
    expect(sumPrincipal(rows)).toBe(8_000_000);
  });

  it('refuses an amount that would not reduce principal or that pays the loan off', async () => {
    const id = await paidFirstInstallment('TYR-2026-0303');
    for (const amountYuan of ['1.00', '200000.00']) {
      const res = await h.http
        .post(`/loans/${id}/prepayment`)
        .set('Authorization', bank)
        .send({
          amountYuan,
          valueDate: '2026-02-20',
          channel: 'TRANSFER',
          externalReference: `PP-${amountYuan}`,
          mode: 'REAMORTISE',
        })
        .expect(422);
      expect(res.body.code).toBe('PREPAYMENT_AMOUNT');
    }
  });
});
