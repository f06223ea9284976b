import { BadInputError, Decimal } from '@mla/core';
import { SubsidyErrorCode } from '../errors';

/** An exact rational n / d (d > 0): the line is computed exactly and rounded once. */
export class Ratio {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}
  static readonly ZERO = new Ratio(0n, 1n);
  static readonly ONE = new Ratio(1n, 1n);
  static of(n: bigint, d: bigint = 1n): Ratio {
    if (d === 0n) throw new BadInputError(SubsidyErrorCode.INVALID_SUBSIDY_INPUT, 'Division by zero in a subsidy line');
    return d < 0n ? new Ratio(-n, -d) : new Ratio(n, d);
  }
  static dec(value: string | Decimal): Ratio {
    const d = Decimal.of(value);
    return Ratio.of(d.mantissa, 10n ** BigInt(d.scale));
  }
  mul(o: Ratio): Ratio {
    return Ratio.of(this.n * o.n, this.d * o.d);
  }
  div(o: Ratio): Ratio {
    return Ratio.of(this.n * o.d, this.d * o.n);
  }
  add(o: Ratio): Ratio {
    return Ratio.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  lt(o: Ratio): boolean {
    return this.n * o.d < o.n * this.d;
  }
  min(o: Ratio): Ratio {
    return o.lt(this) ? o : this;
  }
  isOne(): boolean {
    return this.n === this.d;
  }
  /** Half-up to `scale` decimals: the line's one rounding (scale 0 = whole fen). */
  round(scale: number): Decimal {
    return Decimal.of(this.n).div(this.d, scale, 'HALF_UP');
  }
}
