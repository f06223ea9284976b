import { BadInputError, CommonErrorCode } from '../errors/domain-error';
import { assertRoundingMode, divideRounded, type RoundingMode } from './rounding';

export type { RoundingMode } from './rounding';
export { ROUNDING_MODES } from './rounding';
export type DecimalInput = string | bigint | number | Decimal;

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;
/** Upper bound for requested scales, so a typo cannot make 10n ** scale allocate gigabytes. */
export const MAX_DECIMAL_SCALE = 100;

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_DECIMAL_SCALE) {
    throw new BadInputError(
      CommonErrorCode.INVALID_SCALE,
      `Scale must be an integer from 0 to ${MAX_DECIMAL_SCALE}, got ${scale}`,
    );
  }
}

/**
 * Exact decimal number: value = mantissa / 10^scale. Immutable.
 * add, sub and mul are exact (mul adds the scales); only div, round and toFixed round, each exactly once,
 * so `p.mul(rate).mul(days).div(360, 2)` rounds a single time at the end.
 */
export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  private constructor(
    readonly mantissa: bigint,
    readonly scale: number,
  ) {}

  /** Accepts '4.95', '-0.015', '3', a bigint, a safe-integer number, or a Decimal (returned as is). */
  static of(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new BadInputError(
          CommonErrorCode.INVALID_DECIMAL,
          `Number ${value} is not a safe integer; pass a decimal string instead`,
        );
      }
      return new Decimal(BigInt(value), 0);
    }
    if (typeof value !== 'string') {
      throw new BadInputError(CommonErrorCode.INVALID_DECIMAL, `Not a decimal: ${String(value)}`);
    }
    const match = DECIMAL_PATTERN.exec(value);
    if (!match) {
      throw new BadInputError(CommonErrorCode.INVALID_DECIMAL, `"${value}" is not a plain decimal like 4.95 or -0.015`);
    }
    const [, sign, integerPart, fraction = ''] = match;
    const magnitude = BigInt(integerPart + fraction);
    return new Decimal(sign ? -magnitude : magnitude, fraction.length);
  }

  /** Sum of the values; 0 for an empty list. */
  static sum(values: Iterable<DecimalInput>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  add(other: DecimalInput): Decimal {
    const o = Decimal.of(other);
    const scale = Math.max(this.scale, o.scale);
    return new Decimal(this.rescaled(scale) + o.rescaled(scale), scale);
  }

  sub(other: DecimalInput): Decimal {
    return this.add(Decimal.of(other).neg());
  }

  mul(other: DecimalInput): Decimal {
    const o = Decimal.of(other);
    return new Decimal(this.mantissa * o.mantissa, this.scale + o.scale);
  }

  /** this / other, rounded once to `scale` decimals. */
  div(other: DecimalInput, scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    assertScale(scale);
    const o = Decimal.of(other);
    if (o.isZero())
      throw new BadInputError(CommonErrorCode.DIVISION_BY_ZERO, `Cannot divide ${this.toString()} by zero`);
    // this/o = (m1 / 10^s1) / (m2 / 10^s2); result mantissa = m1 * 10^(scale + s2) / (m2 * 10^s1)
    const numerator = this.mantissa * pow10(scale + o.scale);
    const denominator = o.mantissa * pow10(this.scale);
    return new Decimal(divideRounded(numerator, denominator, mode), scale);
  }

  /** Value with exactly `scale` decimals: rounds when reducing the scale, pads with zeros when raising it. */
  round(scale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    assertScale(scale);
    assertRoundingMode(mode);
    if (scale >= this.scale) return new Decimal(this.rescaled(scale), scale);
    return new Decimal(divideRounded(this.mantissa, pow10(this.scale - scale), mode), scale);
  }

  /** Same value with the fewest decimals: 4.9500 → 4.95, 2.00 → 2. */
  stripTrailingZeros(): Decimal {
    let { mantissa, scale } = this;
    while (scale > 0 && mantissa % 10n === 0n) {
      mantissa /= 10n;
      scale--;
    }
    return new Decimal(mantissa, scale);
  }

  neg(): Decimal {
    return new Decimal(-this.mantissa, this.scale);
  }

  abs(): Decimal {
    return this.mantissa < 0n ? this.neg() : this;
  }

  /** Numeric comparison; the scale does not matter (1.50 equals 1.5). */
  cmp(other: DecimalInput): -1 | 0 | 1 {
    const o = Decimal.of(other);
    const scale = Math.max(this.scale, o.scale);
    const a = this.rescaled(scale);
    const b = o.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: DecimalInput): boolean {
    return this.cmp(other) === 0;
  }
  lt(other: DecimalInput): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: DecimalInput): boolean {
    return this.cmp(other) <= 0;
  }
  gt(other: DecimalInput): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: DecimalInput): boolean {
    return this.cmp(other) >= 0;
  }
  isZero(): boolean {
    return this.mantissa === 0n;
  }
  isNegative(): boolean {
    return this.mantissa < 0n;
  }
  isPositive(): boolean {
    return this.mantissa > 0n;
  }

  /** Plain notation with the scale the value carries: Decimal.of('1.50').toString() === '1.50'. */
  toString(): string {
    const digits = (this.mantissa < 0n ? -this.mantissa : this.mantissa).toString().padStart(this.scale + 1, '0');
    const sign = this.mantissa < 0n ? '-' : '';
    if (this.scale === 0) return sign + digits;
    return `${sign}${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
  }

  toFixed(scale: number, mode: RoundingMode = 'HALF_UP'): string {
    return this.round(scale, mode).toString();
  }

  toJSON(): string {
    return this.toString();
  }

  private rescaled(scale: number): bigint {
    return this.mantissa * pow10(scale - this.scale);
  }
}
