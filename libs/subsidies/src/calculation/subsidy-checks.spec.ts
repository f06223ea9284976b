import { calculateSubsidyLine } from './calculate-subsidy-line';
import { SubsidyCheck, SubsidyCheckReason, type SubsidyLine } from './subsidy-line';
import {
  CASE_D_INSTALLMENTS,
  CASE_D_LOAN,
  Q1,
  Q2,
  RULE_2020,
  RULE_FULL,
  RULE_HALF,
  installment,
  lineInput,
} from './subsidy-test-builders';

const check = (line: SubsidyLine, which: SubsidyCheck) => line.checks.find((c) => c.check === which)!;
const failed = (line: SubsidyLine) => line.checks.filter((c) => !c.passed).map((c) => [c.check, c.reason]);

describe('subsidy line checks (case D loan unless said otherwise)', () => {
  describe('overdue interest', () => {
    const lateQ1 = [
      installment(1, '2024-01-10', '2024-03-20', 71, 195_250n, {
        interestCollections: [{ valueDate: '2024-03-25', fen: 195_250n }],
      }),
      CASE_D_INSTALLMENTS[1],
    ];

    it('interest paid after its due date earns nothing, even though it was collected', () => {
      const line = calculateSubsidyLine(lineInput(RULE_2020, Q1, { installments: lateQ1 }));
      expect([line.subsidyFen, line.interestCollectedFen, line.interestCollectedOnTimeFen]).toEqual([0n, 195_250n, 0n]);
      expect(failed(line)).toEqual([[SubsidyCheck.PAID_ON_TIME, SubsidyCheckReason.INTEREST_PAID_LATE_OR_UNPAID]]);
      expect(check(line, SubsidyCheck.PAID_ON_TIME).detail).toMatchObject({ installments: '1:0/195250' });
    });

    it('within the rule’s grace days it still counts as on time', () => {
      const line = calculateSubsidyLine(lineInput({ ...RULE_2020, onTimeGraceDays: 5 }, Q1, { installments: lateQ1 }));
      expect(line.subsidyFen).toBe(118_333n);
    });

    it('only the part paid on time earns the subsidy', () => {
      const half = [
        installment(1, '2024-01-10', '2024-03-20', 71, 195_250n, {
          interestCollections: [
            { valueDate: '2024-03-20', fen: 97_625n },
            { valueDate: '2024-04-02', fen: 97_625n },
          ],
        }),
      ];
      // 97,625 × 3.00 / 4.95 = 59,166.67
      expect(calculateSubsidyLine(lineInput(RULE_2020, Q1, { installments: half })).subsidyFen).toBe(59_167n);
    });

    it('before the due date nothing is collected yet: not yet due', () => {
      const line = calculateSubsidyLine(lineInput(RULE_2020, Q1, { asOf: '2024-03-15' }));
      expect(line.subsidyFen).toBe(0n);
      expect(check(line, SubsidyCheck.PAID_ON_TIME).reason).toBe(SubsidyCheckReason.INTEREST_NOT_YET_DUE);
    });
  });

  describe('extension periods', () => {
    const extended = [CASE_D_INSTALLMENTS[0], { ...CASE_D_INSTALLMENTS[1], subsidisable: false }];

    it('are never subsidised by default', () => {
      const line = calculateSubsidyLine(lineInput(RULE_2020, Q2, { installments: extended }));
      expect([line.subsidyFen, line.subsidisedDays, line.interestDueFen, line.borrowerBearsFen]).toEqual([
        0n,
        0,
        253_000n,
        253_000n,
      ]);
      expect(check(line, SubsidyCheck.NOT_EXTENSION_PERIOD)).toMatchObject({
        passed: false,
        reason: SubsidyCheckReason.EXTENSION_DAYS_EXCLUDED,
        excludedDays: 92,
      });
    });

    it('are subsidised for the days within a dated local exception', () => {
      const open = calculateSubsidyLine(
        lineInput({ ...RULE_2020, extensionSubsidisedFrom: '2024-05-01' }, Q2, { installments: extended }),
      );
      // 05-01 → 06-20 is 51 of 92 days: 2,530.00 × 51/92 = 1,402.50; × 3.00/4.95 = 850.00
      expect([open.subsidyFen, open.subsidisedDays]).toEqual([85_000n, 51]);
      const closed = calculateSubsidyLine(
        lineInput({ ...RULE_2020, extensionSubsidisedFrom: '2024-01-01', extensionSubsidisedUntil: '2024-12-31' }, Q2, {
          installments: extended,
        }),
      );
      expect(closed.subsidyFen).toBe(153_333n);
      expect(check(closed, SubsidyCheck.NOT_EXTENSION_PERIOD)).toMatchObject({
        passed: true,
        reason: SubsidyCheckReason.EXTENSION_DAYS_SUBSIDISED_BY_EXCEPTION,
      });
    });
  });

  it('a payoff mid-quarter is subsidised for the days actually elapsed', () => {
    // Paid off on 2024-05-10: interest 03-21 → 05-09 (50 days) = 1,375.00, collected that day.
    const paidOff = [
      CASE_D_INSTALLMENTS[0],
      installment(2, '2024-03-21', '2024-06-20', 92, 137_500n, {
        interestCollections: [{ valueDate: '2024-05-10', fen: 137_500n }],
      }),
    ];
    const line = calculateSubsidyLine(
      lineInput(RULE_2020, Q2, { installments: paidOff, loan: { ...CASE_D_LOAN, paidOffOn: '2024-05-10' } }),
    );
    // 200,000 × 3.00% × 50 / 360 = 833.33
    expect([line.periodDays, line.subsidyFen, line.interestDueFen]).toEqual([50, 83_333n, 137_500n]);
    expect(check(line, SubsidyCheck.LOAN_RAN_WHOLE_PERIOD)).toMatchObject({
      passed: false,
      reason: SubsidyCheckReason.PAID_OFF_IN_PERIOD,
      excludedDays: 42,
    });
    expect(check(line, SubsidyCheck.PAID_ON_TIME).passed).toBe(true);
  });

  describe('taper by loan year', () => {
    const taper = { ...RULE_2020, taper: ['1', '0.6667', '0.3333'] };

    it('year 2 pays two thirds', () => {
      const period = { start: '2025-03-21', end: '2025-06-20' };
      const line = calculateSubsidyLine(
        lineInput(taper, period, {
          installments: [installment(6, '2025-03-21', '2025-06-20', 92, 253_000n)],
          asOf: '2025-07-01',
        }),
      );
      // 1,533.3333 × 0.6667 = 1,022.27
      expect([line.subsidyFen, line.loanYears, line.taperFactors]).toEqual([102_227n, [2], ['0.6667']]);
    });

    it('a period across the loan anniversary tapers day by day', () => {
      const period = { start: '2024-12-21', end: '2025-03-20' };
      const line = calculateSubsidyLine(
        lineInput(taper, period, {
          installments: [installment(5, '2024-12-21', '2025-03-20', 90, 247_500n)],
          asOf: '2025-04-01',
        }),
      );
      // 1,500.00 of subsidy over 90 days: 20 days of year 1 in full, 70 days of year 2 at 0.6667 → 1,111.15
      expect(line.subsidyFen).toBe(111_115n);
      expect(line.segments.map((s) => [s.from, s.to, s.days, s.loanYear, s.taperFactor])).toEqual([
        ['2024-12-21', '2025-01-09', 20, 1, '1'],
        ['2025-01-10', '2025-03-20', 70, 2, '0.6667'],
      ]);
    });
  });

  it('the part of the loan above the fund’s leverage earns nothing, pro rata', () => {
    const line = calculateSubsidyLine(lineInput(RULE_2020, Q1, { withinLeverageFraction: '0.8' }));
    expect(line.subsidyFen).toBe(94_667n);
    expect(failed(line)).toEqual([[SubsidyCheck.WITHIN_FUND_LEVERAGE, SubsidyCheckReason.LIABILITY_ABOVE_LEVERAGE]]);
  });

  describe('caps', () => {
    it('amount: principal above the cap is not subsidised, pro rata', () => {
      const line = calculateSubsidyLine(lineInput({ ...RULE_2020, amountCapFen: '15000000' }, Q1));
      expect([line.subsidyFen, line.subsidisedPrincipalFen]).toEqual([88_750n, 15_000_000n]);
      expect(check(line, SubsidyCheck.WITHIN_AMOUNT_CAP)).toMatchObject({ passed: false, factor: '0.7500000000' });
      expect(calculateSubsidyLine(lineInput({ ...RULE_2020, amountCapFen: '30000000' }, Q1)).subsidyFen).toBe(118_333n);
    });

    it('rate: the rate above LPR + N bp is not subsidised', () => {
      const line = calculateSubsidyLine(lineInput({ ...RULE_2020, rateCapBasisPointsOverLpr: 50 }, Q1));
      // cap 3.95%: subsidy rate 3.95 − 1.95 = 2.00 → 200,000 × 2% × 71/360 = 788.89
      expect([line.rateCapPercent, line.eligibleRatePercent, line.subsidyRatePercent, line.subsidyFen]).toEqual([
        '3.95',
        '3.95',
        '2.00',
        78_889n,
      ]);
      expect(failed(line)).toEqual([[SubsidyCheck.WITHIN_RATE_CAP, SubsidyCheckReason.RATE_ABOVE_CAP]]);
    });

    it('rate: an absolute cap, and the lower of two caps', () => {
      expect(calculateSubsidyLine(lineInput({ ...RULE_FULL, rateCapAnnualPercent: '4.5' }, Q1)).subsidyFen).toBe(
        177_500n,
      );
      const both = calculateSubsidyLine(
        lineInput({ ...RULE_HALF, rateCapAnnualPercent: '4.5', rateCapBasisPointsOverLpr: 150 }, Q1),
      );
      expect([both.rateCapPercent, both.subsidyRatePercent, both.subsidyFen]).toEqual(['4.50', '2.25', 88_750n]);
      expect(calculateSubsidyLine(lineInput({ ...RULE_FULL, rateCapAnnualPercent: '6' }, Q1)).subsidyFen).toBe(
        195_250n,
      );
    });

    it('term: days from the value date + N months on are not subsidised', () => {
      const line = calculateSubsidyLine(lineInput({ ...RULE_2020, termCapMonths: 2 }, Q1));
      // 01-10 → 03-09 is 60 days: 200,000 × 3% × 60/360 = 1,000.00
      expect([line.subsidyFen, line.subsidisedDays]).toEqual([100_000n, 60]);
      expect(check(line, SubsidyCheck.WITHIN_TERM_CAP)).toMatchObject({ passed: false, excludedDays: 11 });
    });
  });

  it('a borrower who took a job mid-period earns nothing from the day it took effect', () => {
    const line = calculateSubsidyLine(lineInput(RULE_2020, Q1, { businessStoppedOn: '2024-03-01' }));
    // 01-10 → 02-29 is 51 days: 200,000 × 3% × 51/360 = 850.00
    expect([line.subsidyFen, line.subsidisedDays]).toEqual([85_000n, 51]);
    expect(check(line, SubsidyCheck.BORROWER_STILL_SELF_EMPLOYED)).toMatchObject({
      passed: false,
      reason: SubsidyCheckReason.BORROWER_STOPPED_SELF_EMPLOYMENT,
      excludedDays: 20,
    });
  });

  it('penalty collected is reported and never subsidised', () => {
    const line = calculateSubsidyLine(lineInput(RULE_FULL, Q1, { penaltyCollectedFen: 1_234n }));
    expect(line.subsidyFen).toBe(195_250n);
    expect(check(line, SubsidyCheck.PENALTY_NOT_SUBSIDISED)).toMatchObject({
      passed: true,
      reason: SubsidyCheckReason.PENALTY_EXCLUDED,
      detail: { penaltyCollectedFen: '1234' },
    });
  });

  it('monthly installments across a settlement date are split by days', () => {
    // 02-10 → 03-09 (29 days) and 03-10 → 04-09 (31 days), 100.00 fen a day; the period ends 03-20.
    const monthly = [
      installment(2, '2024-02-10', '2024-03-09', 29, 2_900n, { dueDate: '2024-03-10' }),
      installment(3, '2024-03-10', '2024-04-09', 31, 3_100n, { dueDate: '2024-04-10' }),
    ];
    const line = calculateSubsidyLine(
      lineInput(RULE_FULL, { start: '2024-02-10', end: '2024-03-20' }, { installments: monthly, asOf: '2024-04-15' }),
    );
    expect([line.periodDays, line.interestDueFen, line.subsidyFen]).toEqual([40, 4_000n, 4_000n]);
  });

  it('an interest-free installment is neither late nor subsidised', () => {
    const free = [installment(1, '2024-01-10', '2024-03-20', 71, 0n, { interestCollections: [] })];
    const line = calculateSubsidyLine(lineInput(RULE_FULL, Q1, { installments: free }));
    expect([line.subsidyFen, failed(line)]).toEqual([0n, []]);
  });

  it('refuses a period that ends before it starts or starts before the value date', () => {
    expect(() => calculateSubsidyLine(lineInput(RULE_FULL, { start: '2024-03-20', end: '2024-03-19' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_SUBSIDY_INPUT' }),
    );
    expect(() => calculateSubsidyLine(lineInput(RULE_FULL, { start: '2024-01-01', end: '2024-03-20' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_SUBSIDY_INPUT' }),
    );
    expect(() => calculateSubsidyLine(lineInput(RULE_FULL, Q1, { withinLeverageFraction: '1.2' }))).toThrow(
      expect.objectContaining({ code: 'INVALID_SUBSIDY_INPUT' }),
    );
  });
});
