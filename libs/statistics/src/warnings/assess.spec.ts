import { rateOf, ratioFromDecimal } from '../formulas/ratio';
import { TargetKind } from '../targets/target-kind';
import { assess, decimalOf, warningBandsFrom } from './assess';
import { WarningLevel, WarningTrend } from './warning-level';

const amount = (n: bigint) => ({ numerator: n, denominator: 1n });

describe('assessing an indicator against its target', () => {
  it('a repayment rate below target is off; the level follows the gap; the trend the month before', () => {
    const a = assess({
      kind: TargetKind.REPAYMENT_RATE,
      target: ratioFromDecimal('1'),
      measured: rateOf(97n, 100n),
      monthBefore: rateOf(99n, 100n),
    });
    expect(a).toMatchObject({ off: true, level: WarningLevel.WARNING, trend: WarningTrend.WORSENING });
    expect(
      assess({
        kind: TargetKind.REPAYMENT_RATE,
        target: ratioFromDecimal('1'),
        measured: rateOf(1n, 1n),
        monthBefore: null,
      }).off,
    ).toBe(false);
  });

  it('a rate with nothing due raises nothing', () => {
    expect(
      assess({ kind: TargetKind.REPAYMENT_RATE, target: ratioFromDecimal('0.95'), measured: null, monthBefore: null })
        .off,
    ).toBe(false);
  });

  it('lending behind the pace of the year projects the year end from the run so far', () => {
    // 20,000,000 yuan target; half the year gone; 8,000,000 lent → 16,000,000 projected (80%): WARNING.
    const a = assess({
      kind: TargetKind.LENDING_VOLUME,
      target: amount(2_000_000_000n),
      measured: amount(800_000_000n),
      monthBefore: null,
      elapsed: { numerator: 1n, denominator: 2n },
    });
    expect(a).toMatchObject({ off: true, level: WarningLevel.WARNING, trend: WarningTrend.BEHIND_PACE });
    expect(a.projectedYearEnd).toEqual({ numerator: 1_600_000_000n, denominator: 1n });
  });

  it('a threshold crossed is a warning, crossed by half again severe', () => {
    const base = { kind: TargetKind.PAR30, target: ratioFromDecimal('0.05'), monthBefore: null };
    expect(assess({ ...base, measured: rateOf(5n, 100n) }).off).toBe(false);
    expect(assess({ ...base, measured: rateOf(6n, 100n) }).level).toBe(WarningLevel.WARNING);
    expect(assess({ ...base, measured: rateOf(8n, 100n) }).level).toBe(WarningLevel.SEVERE);
  });

  it('takes its bands from configuration, and refuses bands out of order', () => {
    const settings = {
      STATISTICS_WARNING_PROJECTED_ATTENTION: '0.9',
      STATISTICS_WARNING_PROJECTED_WARNING: '0.8',
      STATISTICS_WARNING_RATE_GAP_ATTENTION: '0.02',
      STATISTICS_WARNING_RATE_GAP_WARNING: '0.05',
      STATISTICS_WARNING_THRESHOLD_SEVERE: '1.5',
    };
    const par30 = { kind: TargetKind.PAR30, target: ratioFromDecimal('0.05'), monthBefore: null };
    const rate = { kind: TargetKind.REPAYMENT_RATE, target: ratioFromDecimal('1'), monthBefore: null };
    // PAR30 of 8% against a line of 5%: severe past 1.5 times the line, a warning when severe starts at twice it.
    expect(assess({ ...par30, measured: rateOf(8n, 100n) }, warningBandsFrom(settings)).level).toBe(
      WarningLevel.SEVERE,
    );
    const lenient = warningBandsFrom({
      ...settings,
      STATISTICS_WARNING_THRESHOLD_SEVERE: '2',
      STATISTICS_WARNING_RATE_GAP_ATTENTION: '0.03',
    });
    expect(assess({ ...par30, measured: rateOf(8n, 100n) }, lenient).level).toBe(WarningLevel.WARNING);
    // A repayment rate 3 points below target: a warning by default, attention with the wider first band.
    expect(assess({ ...rate, measured: rateOf(97n, 100n) }, warningBandsFrom(settings)).level).toBe(
      WarningLevel.WARNING,
    );
    expect(assess({ ...rate, measured: rateOf(97n, 100n) }, lenient).level).toBe(WarningLevel.ATTENTION);
    expect(() => warningBandsFrom({ ...settings, STATISTICS_WARNING_PROJECTED_WARNING: '0.95' })).toThrow(
      /PROJECTED_WARNING/,
    );
    expect(() => warningBandsFrom({ ...settings, STATISTICS_WARNING_RATE_GAP_ATTENTION: '0.1' })).toThrow(
      /RATE_GAP_ATTENTION/,
    );
  });

  it('prints ratios with six decimals', () => {
    expect(decimalOf(rateOf(2n, 3n) as never)).toBe('0.666667');
    expect(decimalOf(amount(2_000_000_000n))).toBe('2000000000.000000');
  });
});
