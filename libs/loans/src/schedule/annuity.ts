import { Decimal, Money, type RoundingMode } from '@mla/core';

/**
 * Level installment of 等额本息: P·r / (1 − (1 + r)^−n) with r = annual / 12, rounded once with `mode` to a
 * multiple of `multipleFen` (1 = to the fen).
 * Computed as an exact fraction of bigints (r = a / b, so the installment is P·a·(a+b)^n / (b·((a+b)^n − b^n)))
 * rather than at a fixed decimal scale: no float and no intermediate rounding, even for a tie. The multiple
 * divides the exact fraction, so a 10-yuan multiple is not a rounding of an installment already rounded to the fen.
 */
export function annuityInstallment(
  principal: Money,
  annualRate: Decimal,
  months: number,
  mode: RoundingMode,
  multipleFen = 1,
): Money {
  const multiple = BigInt(multipleFen);
  if (annualRate.isZero()) {
    return Money.ofFen(
      Decimal.of(principal.fen).div(Decimal.of(BigInt(months) * multiple), 0, mode).mantissa * multiple,
    );
  }
  const a = annualRate.mantissa;
  const b = 12n * 10n ** BigInt(annualRate.scale);
  const growth = (a + b) ** BigInt(months);
  const numerator = principal.fen * a * growth;
  const denominator = b * (growth - b ** BigInt(months)) * multiple;
  return Money.ofFen(Decimal.of(numerator).div(Decimal.of(denominator), 0, mode).mantissa * multiple);
}
