import { calculateSubsidyLine } from './calculate-subsidy-line';
import { SubsidyCheck } from './subsidy-line';
import { Q1, Q2, RULE_2020, RULE_FULL, RULE_HALF, lineInput } from './subsidy-test-builders';

/** Reference case D (DOMAIN.md, fixtures/schedules/reference-cases.md), to the fen. */
describe('case D: 200,000.00 at 4.95%, Act/360, LPR 3.45% on the signing date', () => {
  it('contract rate − (LPR − 1.50%): 1,183.33 and 1,533.33; the borrower bears 769.17 and 996.67', () => {
    const q1 = calculateSubsidyLine(lineInput(RULE_2020, Q1));
    const q2 = calculateSubsidyLine(lineInput(RULE_2020, Q2));
    expect([q1.periodDays, q1.interestDueFen, q1.subsidyFen, q1.borrowerBearsFen]).toEqual([
      71,
      195_250n,
      118_333n,
      76_917n,
    ]);
    expect([q2.periodDays, q2.interestDueFen, q2.subsidyFen, q2.borrowerBearsFen]).toEqual([
      92,
      253_000n,
      153_333n,
      99_667n,
    ]);
    expect(q1).toMatchObject({
      formula: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
      policyVersion: 1,
      contractRatePercent: '4.95',
      lprPercent: '3.45',
      lprEffectiveDate: '2023-12-20',
      eligibleRatePercent: '4.95',
      subsidyRatePercent: '3.00',
      borrowerRatePercent: '1.95',
      subsidisedDays: 71,
      yearBasisDays: 360,
      subsidisedPrincipalFen: 20_000_000n,
      exactSubsidyFen: '118333.333333',
      loanYears: [1],
      taperFactors: ['1'],
      interestCollectedFen: 195_250n,
    });
    expect(q1.checks.every((c) => c.passed)).toBe(true);
    expect(q1.checks.map((c) => c.check)).toEqual(Object.values(SubsidyCheck));
  });

  it('50% of the actual interest: 976.25 and 1,265.00', () => {
    expect(calculateSubsidyLine(lineInput(RULE_HALF, Q1)).subsidyFen).toBe(97_625n);
    expect(calculateSubsidyLine(lineInput(RULE_HALF, Q2)).subsidyFen).toBe(126_500n);
    expect(calculateSubsidyLine(lineInput(RULE_HALF, Q1)).subsidyRatePercent).toBe('2.475');
  });

  it('full actual interest: the whole interest, 1,952.50 and 2,530.00; the borrower bears nothing', () => {
    const q1 = calculateSubsidyLine(lineInput(RULE_FULL, Q1));
    const q2 = calculateSubsidyLine(lineInput(RULE_FULL, Q2));
    expect([q1.subsidyFen, q1.borrowerBearsFen, q2.subsidyFen, q2.borrowerBearsFen]).toEqual([
      195_250n,
      0n,
      253_000n,
      0n,
    ]);
  });

  it('without funding shares the county budget carries it all; with 75/10/0/15 the split sums to the fen', () => {
    expect(calculateSubsidyLine(lineInput(RULE_2020, Q1)).fundingSplitFen).toEqual({
      central: 0n,
      provincial: 0n,
      city: 0n,
      county: 118_333n,
    });
    const shared = calculateSubsidyLine(
      lineInput(
        { ...RULE_2020, fundingShares: { central: '0.75', provincial: '0.10', city: '0', county: '0.15' } },
        Q1,
      ),
    );
    // 118,333 fen × 0.75 = 88,749.75, × 0.10 = 11,833.3, × 0.15 = 17,749.95: the leftover fen goes to the largest remainder.
    expect(shared.fundingSplitFen).toEqual({ central: 88_750n, provincial: 11_833n, city: 0n, county: 17_750n });
  });
});
