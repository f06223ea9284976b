import { Decimal, Money, type RoundingMode } from '@mla/core';

/**
 * Level installment of 等额本息: P·r / (1 − (1 + r)^−n) with r = annual / 12, rounded once with `mode`.
 * Computed as an exact fraction of bigints (r = a / b, so the installment is P·a·(a+b)^n / (b·((a+b)^n − b^n)))
 * rather than at a fixed decimal scale: no float and no intermediate rounding, even for a tie.
 */
export function annuityInstallment(principal: Money, annualRate: Decimal, months: number, mode: RoundingMode): Money {
  if (annualRate.isZero()) return Money.ofFen(Decimal.of(principal.fen).div(months, 0, mode).mantissa);
  const a = annualRate.mantissa;
  const b = 12n * 10n ** BigInt(annualRate.scale);
  const growth = (a + b) ** BigInt(months);
  const numerator = principal.fen * a * growth;
  const denominator = b * (growth - b ** BigInt(months));
  return Money.ofFen(Decimal.of(numerator).div(Decimal.of(denominator), 0, mode).mantissa);
}
