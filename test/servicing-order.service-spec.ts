import { DataSource } from 'typeorm';
import { LocalDate } from '@mla/core';
import { DailyCloseRepository, DailyCloseService, type Installment } from '@mla/loans';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * What servicing gave wrong when facts arrived out of order, each case to the fen. Reference case B: 120,000.00 at
 * 4.35% for 12 months, equal principal, disbursed 2026-01-10 (10,000.00 principal a month; interest 435.00,
 * 398.75, 362.50, …), penalty at the contract rate + 50%: 10,000.00 overdue costs 1.8125 a day.
 */
describe('servicing whatever the order of arrival (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;
  let applications: string[];

  const row = (rows: Installment[], n: number) => {
    const i = rows.find((r) => r.number === n) as Installment;
    return {
      status: i.status,
      principalPaid: i.principalPaidFen,
      interestPaid: i.interestPaidFen,
      penaltyAccrued: i.penaltyAccruedFen,
      penaltyPaid: i.penaltyPaidFen,
    };
  };
  const stored = async (loanId: string) =>
    (await h
      .get(DataSource)
      .query(
        `SELECT number, status, penalty_accrued_fen::int AS penalty FROM installments WHERE loan_id = $1 ORDER BY number`,
        [loanId],
      )) as { number: number; status: string; penalty: number }[];

  beforeAll(async () => {
    h = await startServices({ today: '2026-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
    applications = [];
    for (let k = 0; k < 5; k += 1) {
      applications.push(
        await g.approvedApplication({ amountYuan: '120000.00', termMonths: 12, repaymentMethod: 'EQUAL_PRINCIPAL' }),
      );
    }
    h.travelTo('2026-01-10');
  });

  afterAll(async () => {
    await h?.close();
  });

  const loanOn = (k: number) =>
    g.activeLoan({ applicationId: applications[k], signingDate: '2026-01-05', valueDate: '2026-01-10' });

  it('1. a payment 20 days late, before any close, first pays the penalty it accrued (36.25) and leaves the rest owed', async () => {
    h.travelTo('2026-01-10');
    const { loan } = await loanOn(0);
    h.travelTo('2026-03-02');
    const bank = await h.actor('bank');
    await useCases.postRepayment(bank, loan.id, {
      amountYuan: '10435.00',
      valueDate: '2026-03-02',
      channel: 'TRANSFER',
      externalReference: 'LATE-20',
    });
    const { installments, summary } = await useCases.loan(bank, loan.id);
    // 10,000.00 × 4.35% × 1.5 × 20 / 360 = 36.25: penalty, then interest, then principal.
    expect(row(installments, 1)).toEqual({
      status: 'OVERDUE',
      principalPaid: 996_375n,
      interestPaid: 43_500n,
      penaltyAccrued: 3_625n,
      penaltyPaid: 3_625n,
    });
    expect(summary).toMatchObject({ nextDueDate: '2026-02-10', nextDueFen: 3_625n, daysPastDue: 20 });
  });

  it('2. a payment dated 2026-06-20 after the close ran through 2026-12-02 pays penalty to its own date and clears the installment', async () => {
    h.travelTo('2026-01-10');
    const { loan } = await loanOn(1);
    h.travelTo('2026-12-02');
    // The close's statement itself, for two dates (the stored-run service would catch up every day in between).
    const close = new DailyCloseRepository();
    await h.get(DataSource).transaction((tx) => close.run(tx, '2026-06-01'));
    await h.get(DataSource).transaction((tx) => close.run(tx, '2026-12-02'));
    const bank = await h.actor('bank');
    // Installment 1 on 2026-06-20: 10,000.00 + 435.00 + 130 days of penalty (235.625 → 235.63).
    await useCases.postRepayment(bank, loan.id, {
      amountYuan: '10670.63',
      valueDate: '2026-06-20',
      channel: 'STATEMENT_IMPORT',
      externalReference: 'BACK-0620',
    });
    const { installments } = await useCases.loan(bank, loan.id);
    expect(row(installments, 1)).toEqual({
      status: 'PAID',
      principalPaid: 1_000_000n,
      interestPaid: 43_500n,
      penaltyAccrued: 23_563n,
      penaltyPaid: 23_563n,
    });
    // Installment 2 still accrues through today: 267 days × 1.8125 = 483.9375 → 483.94.
    expect(row(installments, 2)).toMatchObject({ status: 'OVERDUE', penaltyAccrued: 48_394n, penaltyPaid: 0n });
    // The stored figures are the same as the read (the close's days after 06-20 were undone and redone).
    expect((await stored(loan.id)).slice(0, 2)).toEqual([
      { number: 1, status: 'PAID', penalty: 23_563 },
      { number: 2, status: 'OVERDUE', penalty: 48_394 },
    ]);
  });

  it('3. five months in arrears with no close reads OVERDUE, with what is overdue, days past due and the earliest unpaid due date', async () => {
    h.travelTo('2026-01-10');
    const { loan } = await loanOn(2);
    h.travelTo('2026-07-15');
    const bank = await h.actor('bank');
    const read = await useCases.loan(bank, loan.id);
    expect(read.loan.status).toBe('OVERDUE');
    // Six installments due 02-10 … 07-10: 60,000.00 principal, 2,066.25 interest, penalty for 155, 127, 96, 66, 35
    // and 5 days: 280.94 + 230.19 + 174.00 + 119.63 + 63.44 + 9.06 = 877.26.
    expect(read.summary).toMatchObject({
      overdueFen: 6_294_351n,
      penaltyOutstandingFen: 87_726n,
      daysPastDue: 155,
      nextDueDate: '2026-02-10',
      nextDueFen: 1_071_594n,
    });
    expect(read.installments.filter((i) => i.status === 'OVERDUE').map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing was written by reading.
    expect((await stored(loan.id)).every((r) => r.status === 'PENDING' && r.penalty === 0)).toBe(true);
  });

  it('4. a close for a date after today is refused and marks nothing', async () => {
    h.travelTo('2026-01-10');
    const { loan } = await loanOn(3);
    h.travelTo('2026-02-01');
    await expect(h.get(DailyCloseService).run(LocalDate.parse('2026-03-01'))).rejects.toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'asOf', max: '2026-02-01' },
    });
    expect((await stored(loan.id)).every((r) => r.status === 'PENDING' && r.penalty === 0)).toBe(true);
  });

  it('6. a policy charging penalty on principal and interest (复利) applies to loans signed under it', async () => {
    const ds = h.get(DataSource);
    const [{ policy_id: policyId }] = (await ds.query(`SELECT policy_id FROM loan_applications WHERE id = $1`, [
      applications[4],
    ])) as { policy_id: string }[];
    await ds.query(`UPDATE loan_policies SET penalty_basis = 'PRINCIPAL_AND_INTEREST' WHERE id = $1`, [policyId]);
    try {
      h.travelTo('2026-01-10');
      const { loan } = await loanOn(4);
      expect(loan.penaltyBasis).toBe('PRINCIPAL_AND_INTEREST');
      h.travelTo('2026-03-02');
      const bank = await h.actor('bank');
      // 20 days on 10,435.00 (principal and interest) × 4.35% × 1.5 / 360 = 37.83 (37.8269 → 37.83).
      const { installments } = await useCases.loan(bank, loan.id);
      expect(row(installments, 1)).toMatchObject({ status: 'OVERDUE', penaltyAccrued: 3_783n });
      // A loan signed earlier under principal-only terms keeps them: 36.25 on the same day.
      const first = await h.get(DataSource).query(`SELECT id FROM loans WHERE application_id = $1`, [applications[0]]);
      expect((await useCases.loan(bank, first[0].id)).loan.penaltyBasis).toBe('PRINCIPAL');
    } finally {
      await ds.query(`UPDATE loan_policies SET penalty_basis = 'PRINCIPAL' WHERE id = $1`, [policyId]);
    }
  });
});
