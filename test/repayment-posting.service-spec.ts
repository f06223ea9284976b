import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * A repayment on an active loan, through the posting service (no HTTP): reference case B, 120,000.00 at 4.35% for
 * 12 months, equal principal, disbursed 2026-01-10 (10,000.00 of principal a month; interest 435.00, 398.75, …).
 */
describe('posting a repayment on an active loan (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;

  beforeAll(async () => {
    h = await startServices({ today: '2026-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('pays the first installment to the fen and moves the summary on', async () => {
    const fund = await g.fund({ contributionYuan: '1000000.00' });
    const applicationId = await g.approvedApplication({
      amountYuan: '120000.00',
      termMonths: 12,
      repaymentMethod: 'EQUAL_PRINCIPAL',
      fundId: fund.id,
    });
    h.travelTo('2026-01-10');
    const active = await g.activeLoan({ applicationId, signingDate: '2026-01-05', valueDate: '2026-01-10' });
    expect(active.installments.slice(0, 2).map((i) => [i.dueDate, i.principalDueFen, i.interestDueFen])).toEqual([
      ['2026-02-10', 1_000_000n, 43_500n],
      ['2026-03-10', 1_000_000n, 39_875n],
    ]);
    expect(active.summary).toMatchObject({
      principalOutstandingFen: 12_000_000n,
      principalPaidFen: 0n,
      nextDueDate: '2026-02-10',
      nextDueFen: 1_043_500n,
    });

    h.travelTo('2026-02-10');
    const bank = await h.actor('bank');
    // The posting service, through the one adapter that names it.
    const { repayment, duplicate } = await useCases.postRepayment(bank, active.loan.id, {
      amountYuan: '10435.00',
      valueDate: '2026-02-10',
      channel: 'TRANSFER',
      externalReference: 'SVC-TX-1',
    });
    expect(duplicate).toBe(false);
    expect(repayment.amountFen).toBe(1_043_500n);

    const after = await useCases.loan(bank, active.loan.id);
    expect(after.summary).toEqual({
      principalOutstandingFen: 11_000_000n,
      principalPaidFen: 1_000_000n,
      interestPaidFen: 43_500n,
      overdueFen: 0n,
      penaltyOutstandingFen: 0n,
      daysPastDue: 0,
      nextDueDate: '2026-03-10',
      nextDueFen: 1_039_875n,
    });
    expect(after.loan.creditFen).toBe(0n);
  });
});
