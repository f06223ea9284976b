import { capacityOf, fundFigures, fundShareOf, leverageInForce, percent, ratio, type FundTotals } from './fund-rules';
import { ruleColumns } from './fund-input';

const rules = { baseLeverage: '5.00', raisedLeverage: '10.00', raiseThresholdRate: '0.9000' };
const fen = (yuan: number) => BigInt(yuan) * 100n;

describe('fund rules', () => {
  describe('leverage in force', () => {
    it('stays at the baseline when nothing fell due last year', () => {
      expect(leverageInForce(rules, 2026, { dueFen: 0n, paidByDueDateFen: 0n })).toMatchObject({
        leverage: '5.00',
        raised: false,
        assessedYear: 2025,
        repaymentRate: null,
      });
    });

    it('is raised when last year was repaid at maturity at exactly the threshold', () => {
      expect(leverageInForce(rules, 2026, { dueFen: 1000n, paidByDueDateFen: 900n })).toMatchObject({
        leverage: '10.00',
        raised: true,
        repaymentRate: '0.9000',
      });
    });

    it('is not raised a fen below the threshold (the rate rounds down, never up to it)', () => {
      const lever = leverageInForce(rules, 2026, { dueFen: 100000n, paidByDueDateFen: 89999n });
      expect(lever).toMatchObject({ leverage: '5.00', raised: false, repaymentRate: '0.8999' });
    });

    it('is never raised when the fund has no raised multiple', () => {
      expect(
        leverageInForce({ ...rules, raisedLeverage: null }, 2026, { dueFen: 100n, paidByDueDateFen: 100n }).leverage,
      ).toBe('5.00');
    });
  });

  describe('capacity', () => {
    it('is leverage × deposit: the banner fund of 500,000 at 5× admits 2,500,000', () => {
      expect(capacityOf(fen(500_000), 0n, '5.00')).toEqual({
        capacityFen: fen(2_500_000),
        availableFen: fen(2_500_000),
      });
      expect(capacityOf(fen(500_000), fen(2_500_000), '5.00').availableFen).toBe(0n);
    });

    it('rounds a fractional multiple down to the fen and never reports negative room', () => {
      expect(capacityOf(3n, 0n, '7.50').capacityFen).toBe(22n);
      expect(capacityOf(fen(100), fen(600), '5.00').availableFen).toBe(0n);
      expect(capacityOf(-5n, 0n, '5.00').capacityFen).toBe(0n);
    });
  });

  it("takes the fund's share half-up to the fen", () => {
    expect(fundShareOf(12_345n, '0.8000')).toBe(9_876n);
    expect(fundShareOf(5n, '0.5000')).toBe(3n);
  });

  it('ratios round down, percentages half-up, and say nothing over a zero denominator', () => {
    expect(ratio(2n, 3n)).toBe('0.6666');
    expect(percent(2n, 3n)).toBe('66.67');
    expect(ratio(1n, 0n)).toBeNull();
    expect(percent(1n, 0n)).toBeNull();
  });

  describe('figures and alerts', () => {
    const alerts = { leverageAlertRate: '0.9000', compensationAlertRate: '0.0500' };
    const totals = (over: Partial<FundTotals> = {}): FundTotals => ({
      depositFen: fen(500_000),
      liabilityFen: fen(2_000_000),
      contributionsFen: fen(500_000),
      interestIncomeFen: 0n,
      compensationPaidFen: 0n,
      recoveriesFen: 0n,
      adjustmentsFen: 0n,
      guaranteesIssuedFen: fen(2_000_000),
      guaranteesIssuedCount: 40,
      guaranteesActiveCount: 40,
      ...over,
    });
    const lever = leverageInForce(rules, 2026, { dueFen: 0n, paidByDueDateFen: 0n });

    it('is NORMAL at 80% leverage used without compensation', () => {
      const f = fundFigures(alerts, totals(), lever);
      expect(f).toMatchObject({
        capacityFen: fen(2_500_000),
        availableFen: fen(500_000),
        leverageUsedPercent: '80.00',
        compensationRateOfIssuedPercent: '0.00',
        recoveryRatePercent: null,
        alertState: 'NORMAL',
        alerts: [],
      });
    });

    it('alerts when leverage used reaches the threshold', () => {
      const f = fundFigures(alerts, totals({ liabilityFen: fen(2_250_000) }), lever);
      expect(f.leverageUsedPercent).toBe('90.00');
      expect(f.alerts).toEqual(['LEVERAGE_HIGH']);
    });

    it('alerts on the compensation rate and computes compensation and recovery rates', () => {
      const f = fundFigures(
        alerts,
        totals({ compensationPaidFen: fen(100_000), recoveriesFen: fen(25_000), liabilityFen: fen(1_000_000) }),
        lever,
      );
      expect(f).toMatchObject({
        compensationRateOfIssuedPercent: '5.00',
        compensationRateOfOutstandingPercent: '10.00',
        recoveryRatePercent: '25.00',
        alerts: ['COMPENSATION_RATE_HIGH'],
        alertState: 'ALERT',
      });
    });

    it('flags a fund whose deposit no longer carries its liability', () => {
      const f = fundFigures(alerts, totals({ depositFen: fen(300_000) }), lever);
      expect(f.alerts).toEqual(['OVER_CAPACITY', 'LEVERAGE_HIGH']);
      expect(f.availableFen).toBe(0n);
    });
  });

  describe('rule input', () => {
    it('fills defaults and turns percentages into rates', () => {
      expect(ruleColumns({})).toEqual({
        baseLeverage: '5.00',
        raisedLeverage: '10.00',
        raiseThresholdRate: '0.9000',
        fundShare: '0.8000',
        compensationBasis: 'PRINCIPAL_AND_INTEREST',
        compensationTriggerDays: 90,
        yearlyCompensationCapRate: null,
        leverageAlertRate: '0.9000',
        compensationAlertRate: '0.0500',
      });
    });

    it('keeps the current rules where a change is silent', () => {
      const current = ruleColumns({ fundSharePercent: '70', yearlyCompensationCapPercent: '20' });
      expect(ruleColumns({ baseLeverage: '6' }, current)).toMatchObject({
        baseLeverage: '6.00',
        fundShare: '0.7000',
        yearlyCompensationCapRate: '0.2000',
      });
    });

    it.each([
      [{ baseLeverage: '0' }, 'baseLeverage'],
      [{ baseLeverage: '8', raisedLeverage: '6' }, 'raisedLeverage'],
      [{ fundSharePercent: '120' }, 'fundSharePercent'],
      [{ fundSharePercent: 'eighty' }, 'fundSharePercent'],
      [{ compensationTriggerDays: 0 }, 'compensationTriggerDays'],
      [{ leverageAlertPercent: '90.555' }, 'leverageAlertPercent'],
    ])('refuses %j naming the field', (input, field) => {
      expect(() => ruleColumns(input)).toThrow(
        expect.objectContaining({ kind: 'bad_input', code: 'INVALID_FUND_RULE', details: { field } }),
      );
    });
  });
});
