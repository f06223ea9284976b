import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EntryKind, LeverageCoveragePort } from '@mla/guarantee-funds';
import { SubsidiesModule, SubsidyClaimBuilder } from '@mla/subsidies';
import { given, useCasesOf, type Given, type UseCases } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * The part of a loan within its guarantee fund's leverage, as the subsidy reads it: a fund of 20,000.00 at 5×
 * guarantees one loan of 80,000.00; on 1 February a compensation takes 8,000.00 off its deposit, so from that date
 * its capacity is 5 × 12,000.00 = 60,000.00 and 60,000 / 80,000 = 0.75 of the loan is within the leverage.
 */
describe('within-leverage fraction for the subsidy (service level)', () => {
  let h: ServiceHarness;
  let g: Given;
  let useCases: UseCases;

  beforeAll(async () => {
    h = await startServices({ imports: [SubsidiesModule], today: '2025-01-02' });
    useCases = useCasesOf(h);
    g = given(h, useCases);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reads each fund once per date from entries dated up to it, and the claim line pays on that part only', async () => {
    const fund = await g.fund({ contributionYuan: '20000.00' });
    const applicationId = await g.approvedApplication({ amountYuan: '80000.00', fundId: fund.id });
    h.travelTo('2025-01-10');
    const { loan } = await g.activeLoan({ applicationId, annualRatePercent: '4.35', signingDate: '2025-01-10' });
    // The ledger refuses an entry that leaves the fund over its leverage, but a compensation paid does it: the
    // deposit entry is written as history here (the compensation workflow is not what this suite is about).
    await h.get(DataSource).query(
      `INSERT INTO guarantee_fund_entries (fund_id, account, kind, amount_fen, value_date, memo, booked_by_username)
       VALUES ($1, 'DEPOSIT', $2, -800000, '2025-02-01', '代偿支出', 'test')`,
      [fund.id, EntryKind.COMPENSATION_PAID],
    );

    const port = h.get(LeverageCoveragePort);
    const unguaranteed = randomUUID();
    const before = await port.withinLeverageFractions([loan.id, unguaranteed], '2025-01-31');
    expect(Object.fromEntries(before)).toEqual({ [loan.id]: '1', [unguaranteed]: '1' });
    const after = await port.withinLeverageFractions([loan.id, unguaranteed], '2025-02-01');
    expect(Object.fromEntries(after)).toEqual({ [loan.id]: '0.75', [unguaranteed]: '1' });
    const coverage = await port.coverageOf([fund.id], '2025-02-01', h.get(DataSource).manager);
    expect(coverage.get(fund.id)).toMatchObject({
      leverage: '5.00',
      depositFen: 1_200_000n,
      liabilityFen: 8_000_000n,
      fraction: '0.75',
    });

    // Q1 interest 80,000 × 70 × 4.35% / 360 = 676.67, paid on time; 50% of it × 0.75 = 253.75125 → 253.75.
    h.travelTo('2025-03-20');
    await useCases.postRepayment(await h.actor('bank'), loan.id, {
      amountYuan: '676.67',
      valueDate: '2025-03-20',
      channel: 'TRANSFER',
      externalReference: 'LEV-Q1',
    });
    h.travelTo('2025-03-21');
    const { batch } = await h.get(SubsidyClaimBuilder).build(h.demo.organisations.rcc.id, '150221', '2025-03-20');
    const [line] = (await h
      .get(DataSource)
      .query(`SELECT subsidy_fen::text AS fen, calculation FROM subsidy_claim_lines WHERE batch_id = $1`, [
        batch.id,
      ])) as { fen: string; calculation: { checks: { check: string }[]; leverageFraction: string } }[];
    expect(line.fen).toBe('25375');
    expect(line.calculation.leverageFraction).toBe('0.75');
    expect(line.calculation.checks.find((c) => c.check === 'WITHIN_FUND_LEVERAGE')).toMatchObject({
      passed: false,
      reason: 'LIABILITY_ABOVE_LEVERAGE',
      factor: '0.75',
    });
  });
});
