import { isBelow, percentOf, rateOf, ratioFromDecimal, type Rate, type Ratio } from '../formulas/ratio';
import { TARGET_RULES, type TargetKind } from '../targets/target-kind';
import { WarningLevel, WarningTrend } from './warning-level';

/**
 * How far off a warning must be for each level (configuration: the STATISTICS_WARNING_* variables of the env schema,
 * read by `warningBandsFrom`). Targets of volume and count compare the year end projected from the year so far with
 * the target; rates and thresholds compare the measured value with the line.
 */
export interface WarningBands {
  /** Volume and count targets: projected ÷ target at or above this is ATTENTION, at or above `projectedWarning` WARNING. */
  projectedAttention: Ratio;
  projectedWarning: Ratio;
  /** Rate targets: a gap (target − measured) up to these is ATTENTION, then WARNING; larger is SEVERE. */
  rateGapAttention: Ratio;
  rateGapWarning: Ratio;
  /** Thresholds: crossed by more than this multiple of the line is SEVERE; crossed at all is WARNING. */
  thresholdSevere: Ratio;
}

/** The variables' defaults: 0.9 and 0.8 of the target, gaps of 2 and 5 points, a threshold crossed by half again. */
export const DEFAULT_WARNING_BANDS: WarningBands = {
  projectedAttention: ratioFromDecimal('0.9'),
  projectedWarning: ratioFromDecimal('0.8'),
  rateGapAttention: ratioFromDecimal('0.02'),
  rateGapWarning: ratioFromDecimal('0.05'),
  thresholdSevere: ratioFromDecimal('1.5'),
};

export interface WarningBandSettings {
  STATISTICS_WARNING_PROJECTED_ATTENTION: string;
  STATISTICS_WARNING_PROJECTED_WARNING: string;
  STATISTICS_WARNING_RATE_GAP_ATTENTION: string;
  STATISTICS_WARNING_RATE_GAP_WARNING: string;
  STATISTICS_WARNING_THRESHOLD_SEVERE: string;
}

/** The bands from configuration; refuses bands out of order (a WARNING band that a milder level would cover). */
export function warningBandsFrom(env: WarningBandSettings): WarningBands {
  const bands: WarningBands = {
    projectedAttention: ratioFromDecimal(env.STATISTICS_WARNING_PROJECTED_ATTENTION),
    projectedWarning: ratioFromDecimal(env.STATISTICS_WARNING_PROJECTED_WARNING),
    rateGapAttention: ratioFromDecimal(env.STATISTICS_WARNING_RATE_GAP_ATTENTION),
    rateGapWarning: ratioFromDecimal(env.STATISTICS_WARNING_RATE_GAP_WARNING),
    thresholdSevere: ratioFromDecimal(env.STATISTICS_WARNING_THRESHOLD_SEVERE),
  };
  if (gt(bands.projectedWarning, bands.projectedAttention)) {
    throw new Error(
      'STATISTICS_WARNING_PROJECTED_WARNING must not be above STATISTICS_WARNING_PROJECTED_ATTENTION (a warning is further behind)',
    );
  }
  if (gt(bands.rateGapAttention, bands.rateGapWarning)) {
    throw new Error(
      'STATISTICS_WARNING_RATE_GAP_ATTENTION must not be above STATISTICS_WARNING_RATE_GAP_WARNING (a warning is a larger gap)',
    );
  }
  return bands;
}

/** What the evaluator measured for one target. */
export interface Measurement {
  kind: TargetKind;
  /** The target's value (fen, a fraction, a count) as a ratio. */
  target: Ratio;
  /** The value measured: an amount or count (denominator 1), or a rate; null when it does not apply. */
  measured: Rate;
  /** The same a month before, for the trend; null when unknown. */
  monthBefore: Rate;
  /** Volume and count targets: the part of the year elapsed (days so far ÷ days in the year). */
  elapsed?: Ratio;
}

export interface Assessment {
  off: boolean;
  level: WarningLevel;
  trend: WarningTrend;
  /** Volume and count targets: the year end at the pace so far; null otherwise. */
  projectedYearEnd: Rate;
}

const mul = (a: Ratio, b: Ratio): Ratio => ({
  numerator: a.numerator * b.numerator,
  denominator: a.denominator * b.denominator,
});
const sub = (a: Ratio, b: Ratio): Ratio => ({
  numerator: a.numerator * b.denominator - b.numerator * a.denominator,
  denominator: a.denominator * b.denominator,
});
const gt = (a: Ratio, b: Ratio) => a.numerator * b.denominator > b.numerator * a.denominator;
const cmp = (a: Ratio, b: Ratio) => {
  const l = a.numerator * b.denominator;
  const r = b.numerator * a.denominator;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** Whether a target is missed or a threshold crossed, how badly, and which way it is going. Pure. */
export function assess(m: Measurement, bands: WarningBands = DEFAULT_WARNING_BANDS): Assessment {
  const rule = TARGET_RULES[m.kind];
  const steady: Assessment = {
    off: false,
    level: WarningLevel.ATTENTION,
    trend: WarningTrend.STEADY,
    projectedYearEnd: null,
  };
  if (m.measured === null) return steady;
  const higherIsBetter = rule.direction === 'TARGET';
  const trend = trendOf(m.measured, m.monthBefore, higherIsBetter);

  if (rule.direction === 'THRESHOLD') {
    if (!gt(m.measured, m.target)) return { ...steady, trend };
    const severe = gt(m.measured, mul(m.target, bands.thresholdSevere));
    return { off: true, level: severe ? WarningLevel.SEVERE : WarningLevel.WARNING, trend, projectedYearEnd: null };
  }

  if (rule.unit === 'RATE') {
    if (!isBelow(m.measured, m.target)) return { ...steady, trend };
    const gap = sub(m.target, m.measured);
    const level = !gt(gap, bands.rateGapAttention)
      ? WarningLevel.ATTENTION
      : !gt(gap, bands.rateGapWarning)
        ? WarningLevel.WARNING
        : WarningLevel.SEVERE;
    return { off: true, level, trend, projectedYearEnd: null };
  }

  // Volume and count: behind the pace the target asks for at this point of the year?
  const elapsed = m.elapsed ?? { numerator: 1n, denominator: 1n };
  const projected = rateOf(m.measured.numerator * elapsed.denominator, m.measured.denominator * elapsed.numerator);
  if (projected === null || !isBelow(projected, m.target)) return { ...steady, trend, projectedYearEnd: projected };
  const share = rateOf(projected.numerator * m.target.denominator, projected.denominator * m.target.numerator);
  const level =
    share !== null && !isBelow(share, bands.projectedAttention)
      ? WarningLevel.ATTENTION
      : share !== null && !isBelow(share, bands.projectedWarning)
        ? WarningLevel.WARNING
        : WarningLevel.SEVERE;
  return { off: true, level, trend: WarningTrend.BEHIND_PACE, projectedYearEnd: projected };
}

function trendOf(now: Ratio, before: Rate, higherIsBetter: boolean): WarningTrend {
  if (before === null) return WarningTrend.STEADY;
  const c = cmp(now, before);
  if (c === 0) return WarningTrend.STEADY;
  return c > 0 === higherIsBetter ? WarningTrend.IMPROVING : WarningTrend.WORSENING;
}

/** A ratio as a decimal string with 6 places (the warning's numeric columns). */
export function decimalOf(rate: Ratio): string {
  const percent = percentOf(rate, 4) as string; // percent with 4 places = fraction with 6
  const negative = percent.startsWith('-');
  const [whole, frac] = (negative ? percent.slice(1) : percent).split('.');
  const digits = (whole + frac).padStart(7, '0');
  const value = `${digits.slice(0, -6)}.${digits.slice(-6)}`;
  return negative ? `-${value}` : value;
}
