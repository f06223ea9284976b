import { PolicyService } from '@mla/loan-policies';
import { SubsidyFactsPort } from '@mla/loans';
import { calculateSubsidyLine } from '@mla/subsidies';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * The subsidy facts port against the real tables, fed into the engine: reference case D, 200,000.00 at 4.95%,
 * interest quarterly, value date 2024-01-10 (Q1 interest 1,952.50 for 71 days, Q2 2,530.00 for 92 days).
 */
describe('subsidy facts of a loan and period (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;

  beforeAll(async () => {
    h = await startServices({ today: '2024-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('returns the installments and the interest collected by value date; the engine reproduces case D', async () => {
    const fund = await g.fund({ contributionYuan: '5000000.00' });
    const applicationId = await g.approvedApplication({ amountYuan: '200000.00', termMonths: 12, fundId: fund.id });
    h.travelTo('2024-01-10');
    const active = await g.activeLoan({
      applicationId,
      annualRatePercent: '4.95',
      signingDate: '2024-01-05',
      valueDate: '2024-01-10',
    });
    const loanId = active.loan.id;
    const bank = await h.actor('bank');
    h.travelTo('2024-03-20');
    await useCases.postRepayment(bank, loanId, {
      amountYuan: '1952.50',
      valueDate: '2024-03-20',
      channel: 'TRANSFER',
      externalReference: 'SUB-Q1',
    });
    h.travelTo('2024-06-25');
    // Q2 paid five days late: collected, but not on time.
    await useCases.postRepayment(bank, loanId, {
      amountYuan: '2600.00',
      valueDate: '2024-06-25',
      channel: 'TRANSFER',
      externalReference: 'SUB-Q2',
    });

    const port = h.get(SubsidyFactsPort);
    const q1 = await port.factsFor(loanId, { start: '2024-01-10', end: '2024-03-20' }, '2024-07-01');
    expect(q1.loan).toMatchObject({
      principalFen: 20_000_000n,
      valueDate: '2024-01-10',
      signingDate: '2024-01-05',
      dayCount: 'ACT_360',
      paidOffOn: null,
    });
    expect(q1.installments).toEqual([
      {
        number: 1,
        periodStart: '2024-01-10',
        periodEnd: '2024-03-20',
        dueDate: '2024-03-20',
        days: 71,
        principalBasisFen: 20_000_000n,
        interestDueFen: 195_250n,
        subsidisable: true,
        interestCollections: [{ valueDate: '2024-03-20', fen: 195_250n }],
      },
    ]);
    const q2 = await port.factsFor(loanId, { start: '2024-03-21', end: '2024-06-20' }, '2024-07-01');
    expect(q2.installments.map((i) => [i.number, i.interestDueFen, i.interestCollections])).toEqual([
      [2, 253_000n, [{ valueDate: '2024-06-25', fen: 253_000n }]],
    ]);
    // Facts as of a date before the collection.
    const early = await port.factsFor(loanId, { start: '2024-03-21', end: '2024-06-20' }, '2024-06-21');
    expect(early.installments[0].interestCollections).toEqual([]);

    const admin = await h.actor('admin');
    const policy = await h.get(PolicyService).get(admin, q1.loan.policyId);
    const line = (facts: typeof q1, period: { start: string; end: string }) =>
      calculateSubsidyLine({
        loan: facts.loan,
        policy: { id: policy.id, version: policy.version, subsidyRule: policy.subsidyRule },
        period,
        installments: facts.installments,
        asOf: '2024-07-01',
        penaltyCollectedFen: facts.penaltyCollectedFen,
      });
    // The seeded 2024 policy pays 50% of the actual interest.
    expect(policy.subsidyRule).toMatchObject({ kind: 'PERCENT_OF_ACTUAL_INTEREST', percent: '50' });
    expect(line(q1, { start: '2024-01-10', end: '2024-03-20' }).subsidyFen).toBe(97_625n);
    const late = line(q2, { start: '2024-03-21', end: '2024-06-20' });
    expect([late.subsidyFen, late.interestCollectedFen]).toEqual([0n, 253_000n]);
  });
});
