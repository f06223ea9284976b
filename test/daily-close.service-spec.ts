import { DataSource } from 'typeorm';
import { LocalDate } from '@mla/core';
import { ClaimFilingService, CompensationAlertQueryService } from '@mla/guarantee-funds';
import { DailyCloseService, DailyCloseTrigger } from '@mla/loans';
import { given, useCasesOf, type Given } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * The nightly close as stored runs (service level, no HTTP): one run per date, in order with catch-up, never two at
 * once, a stale RUNNING row retaken; and its steps: days past due on loans, compensation alerts past the fund's
 * trigger (90 days). One guaranteed loan of 120,000.00 disbursed 2026-01-10, nothing repaid: its first installment
 * fell due 2026-02-10, so it is 90 days past due on 2026-05-11 and 91 on 2026-05-12.
 */
describe('the nightly close runs (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let close: DailyCloseService;
  let ds: DataSource;
  let loanId: string;

  const run = (date: string) => close.run(LocalDate.parse(date));
  const runs = async () =>
    (await ds.query(
      `SELECT business_date AS "date", status, trigger, attempts FROM daily_close_runs ORDER BY started_at, business_date`,
    )) as { date: string; status: string; trigger: string; attempts: number }[];
  const penaltyFen = async () =>
    (
      (await ds.query(`SELECT sum(penalty_accrued_fen)::text AS p FROM installments WHERE loan_id = $1`, [loanId])) as {
        p: string;
      }[]
    )[0].p;
  const daysPastDue = async () =>
    ((await ds.query(`SELECT days_past_due AS d FROM loans WHERE id = $1`, [loanId])) as { d: number }[])[0].d;

  beforeAll(async () => {
    h = await startServices({ today: '2026-01-02' });
    g = given(h, useCasesOf(h));
    close = h.get(DailyCloseService);
    ds = h.get(DataSource);
    const fund = await g.fund({ contributionYuan: '1000000.00' });
    const applicationId = await g.approvedApplication({
      amountYuan: '120000.00',
      termMonths: 12,
      repaymentMethod: 'EQUAL_PRINCIPAL',
      fundId: fund.id,
    });
    h.travelTo('2026-01-10');
    loanId = (await g.activeLoan({ applicationId, signingDate: '2026-01-05', valueDate: '2026-01-10' })).loan.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('refuses a date after today, naming the field and the limit, and stores nothing', async () => {
    h.travelTo('2026-05-11');
    await expect(run('2026-05-12')).rejects.toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'asOf', value: '2026-05-12', max: '2026-05-11', maxReason: 'today' },
    });
    expect(await runs()).toEqual([]);
  });

  it('closes the first date, stores days past due; at the trigger (90 days) no alert yet', async () => {
    const first = await run('2026-05-11');
    expect(first).toMatchObject({ businessDate: '2026-05-11', status: 'SUCCEEDED', trigger: 'CLI', attempts: 1 });
    expect(first.durationMs).toEqual(expect.any(Number));
    expect(first.figures).toMatchObject({
      // Due 2026-02-10, 03-10, 04-10 and 05-10, nothing paid.
      installmentsMarkedOverdue: 4,
      loansMarkedOverdue: 1,
      loansPastDue: 1,
      maxDaysPastDue: 90,
      compensationAlertsOpened: 0,
      compensationAlertsOpen: 0,
      steps: ['days-past-due', 'compensation-alerts'],
    });
    expect(await daysPastDue()).toBe(90);
    const audit = (await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [first.id])) as unknown[];
    expect(audit).toEqual([{ action: 'daily_close.succeeded' }]);
  });

  it('a later date closes the missed ones first, in order; the loan past the trigger is flagged once', async () => {
    h.travelTo('2026-05-13');
    const third = await run('2026-05-13');
    expect(third).toMatchObject({ businessDate: '2026-05-13', status: 'SUCCEEDED', trigger: 'CLI' });
    expect(await runs()).toEqual([
      { date: '2026-05-11', status: 'SUCCEEDED', trigger: 'CLI', attempts: 1 },
      { date: '2026-05-12', status: 'SUCCEEDED', trigger: 'CATCH_UP', attempts: 1 },
      { date: '2026-05-13', status: 'SUCCEEDED', trigger: 'CLI', attempts: 1 },
    ]);
    expect(await daysPastDue()).toBe(92);
    const alerts = (await ds.query(
      `SELECT status, flagged_on AS "flaggedOn", last_seen_on AS "lastSeenOn", days_past_due AS "dpd",
              trigger_days AS "trigger", principal_outstanding_fen::text AS "principal"
         FROM compensation_alerts WHERE loan_id = $1`,
      [loanId],
    )) as unknown[];
    expect(alerts).toEqual([
      {
        status: 'OPEN',
        flaggedOn: '2026-05-12',
        lastSeenOn: '2026-05-13',
        dpd: 92,
        trigger: 90,
        principal: '12000000',
      },
    ]);
    // The guarantee operator (region) and the bank (its own loans) see it, with the borrower's name masked.
    for (const user of ['guarantee', 'bank']) {
      const page = await h.get(CompensationAlertQueryService).list(await h.actor(user), { status: undefined });
      expect(page.items).toEqual([
        expect.objectContaining({ loanId, daysPastDue: 92, borrowerNameMasked: expect.stringMatching(/^.\*+.?$/u) }),
      ]);
    }
    await expect(h.get(CompensationAlertQueryService).list(await h.actor('officer'), {})).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('a date already closed changes nothing: the stored run, no more penalty', async () => {
    const before = await penaltyFen();
    const again = await close.run(LocalDate.parse('2026-05-13'), { trigger: DailyCloseTrigger.MANUAL });
    expect(again).toMatchObject({ businessDate: '2026-05-13', trigger: 'CLI', attempts: 1 });
    expect(await penaltyFen()).toBe(before);
    expect(await runs()).toHaveLength(3);
  });

  it('refuses a date before the last closed one that was never closed', async () => {
    await expect(run('2026-05-01')).rejects.toMatchObject({
      code: 'DAILY_CLOSE_OUT_OF_ORDER',
      details: { lastClosed: '2026-05-13' },
    });
  });

  it('two runs of one date at once make exactly one run', async () => {
    h.travelTo('2026-05-14');
    const before = await penaltyFen();
    const outcomes = await Promise.allSettled([run('2026-05-14'), run('2026-05-14'), run('2026-05-14')]);
    const done = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value.id);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o.reason as { code: string }).code);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(new Set(done).size).toBe(1);
    expect(refused.every((c) => c === 'DAILY_CLOSE_RUNNING')).toBe(true);
    expect((await runs()).filter((r) => r.date === '2026-05-14')).toEqual([
      { date: '2026-05-14', status: 'SUCCEEDED', trigger: 'CLI', attempts: 1 },
    ]);
    // One day of penalty on the overdue principal (40,000.00 × 4.35% × 1.5 / 360 ≈ 7.25), accrued once.
    expect(BigInt(await penaltyFen()) - BigInt(before)).toBeGreaterThan(0n);
    expect(BigInt(await penaltyFen()) - BigInt(before)).toBeLessThan(1000n);
  });

  it('takes again a run left RUNNING by a process that died (no lock holder)', async () => {
    h.travelTo('2026-05-15');
    await ds.query(
      `INSERT INTO daily_close_runs (business_date, status, trigger, started_at) VALUES ('2026-05-15', 'RUNNING', 'SCHEDULED', now())`,
    );
    const retaken = await run('2026-05-15');
    expect(retaken).toMatchObject({ businessDate: '2026-05-15', status: 'SUCCEEDED', attempts: 2, errorCode: null });
  });

  it('closes the alert at the next close once the bank files a claim', async () => {
    await h.get(ClaimFilingService).file(await h.actor('bank'), loanId, '逾期超过90天');
    h.travelTo('2026-05-16');
    const next = await run('2026-05-16');
    expect(next.figures).toMatchObject({ compensationAlertsClosed: 1, compensationAlertsOpen: 0 });
    const alerts = (await ds.query(
      `SELECT status, closed_on AS "closedOn", closed_reason AS "reason" FROM compensation_alerts WHERE loan_id = $1`,
      [loanId],
    )) as unknown[];
    expect(alerts).toEqual([{ status: 'CLOSED', closedOn: '2026-05-16', reason: 'CLAIM_FILED' }]);
  });
});
