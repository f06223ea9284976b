import { BadInputError, CommonErrorCode } from '../errors/domain-error';
import { Decimal, type DecimalInput, type RoundingMode } from '../decimal/decimal';
import { allocateUnits } from './allocation';

/** PostgreSQL bigint range, kept symmetric so negate() and abs() can never overflow. */
export const MAX_FEN = 9223372036854775807n;
export const MIN_FEN = -MAX_FEN;

const FEN_PATTERN = /^-?\d+$/;
const YUAN_PATTERN = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** An amount of Chinese yuan held as whole fen (0.01 yuan) in a bigint. Immutable. */
export class Money {
  private constructor(readonly fen: bigint) {
    if (fen > MAX_FEN || fen < MIN_FEN) {
      throw new BadInputError(
        CommonErrorCode.MONEY_OVERFLOW,
        `${fen} fen is outside the bigint column range ±${MAX_FEN}`,
      );
    }
  }

  /** From whole fen: a bigint, a safe-integer number, or a digit string such as a pg bigint column value. */
  static ofFen(value: bigint | number | string): Money {
    if (typeof value === 'bigint') return new Money(value);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new BadInputError(CommonErrorCode.INVALID_MONEY, `Fen amount ${value} is not a safe integer`);
      }
      return new Money(BigInt(value));
    }
    if (typeof value !== 'string' || !FEN_PATTERN.test(value)) {
      throw new BadInputError(CommonErrorCode.INVALID_MONEY, `"${String(value)}" is not a whole number of fen`);
    }
    return new Money(BigInt(value));
  }

  /** From a yuan string: '1234.56', '1,234.5', '1234', '-3.10'; at most 2 decimals. */
  static ofYuan(value: string): Money {
    const match = typeof value === 'string' ? YUAN_PATTERN.exec(value) : null;
    if (!match) {
      throw new BadInputError(
        CommonErrorCode.INVALID_MONEY,
        `"${String(value)}" is not a yuan amount like 1234.56 or 1,234.56`,
      );
    }
    const [, sign, integerPart, fraction = ''] = match;
    if (fraction.length > 2) {
      throw new BadInputError(CommonErrorCode.INVALID_MONEY, `"${value}" has more than 2 decimal places`);
    }
    const fen = BigInt(integerPart.replaceAll(',', '') + fraction.padEnd(2, '0'));
    return new Money(sign ? -fen : fen);
  }

  static zero(): Money {
    return ZERO;
  }

  static sum(amounts: Iterable<Money>): Money {
    let total = 0n;
    for (const amount of amounts) total += amount.fen;
    return new Money(total);
  }

  static min(first: Money, ...rest: Money[]): Money {
    return rest.reduce((a, b) => (b.lt(a) ? b : a), first);
  }

  static max(first: Money, ...rest: Money[]): Money {
    return rest.reduce((a, b) => (b.gt(a) ? b : a), first);
  }

  /**
   * Interest = principal × annualRate × days / basis, rounded once to the fen at the end
   * (e.g. Act/360: 200,000.00 × 4.95% × 71 / 360 = 1,952.50).
   */
  static interest(
    principal: Money,
    annualRate: Decimal | string,
    days: number,
    basis: number,
    mode: RoundingMode = 'HALF_UP',
  ): Money {
    if (!Number.isSafeInteger(days) || days < 0) {
      throw new BadInputError(
        CommonErrorCode.INVALID_DAYS,
        `Interest days must be a non-negative integer, got ${days}`,
      );
    }
    if (!Number.isSafeInteger(basis) || basis <= 0) {
      throw new BadInputError(
        CommonErrorCode.INVALID_DAY_BASIS,
        `Day-count basis must be a positive integer, got ${basis}`,
      );
    }
    const exact = Decimal.of(principal.fen).mul(Decimal.of(annualRate)).mul(days);
    return new Money(exact.div(basis, 0, mode).mantissa);
  }

  add(other: Money): Money {
    return new Money(this.fen + other.fen);
  }

  subtract(other: Money): Money {
    return new Money(this.fen - other.fen);
  }

  negate(): Money {
    return new Money(-this.fen);
  }

  abs(): Money {
    return this.fen < 0n ? this.negate() : this;
  }

  /** Exact product rounded once to whole fen. */
  multiplyBy(factor: DecimalInput, mode: RoundingMode = 'HALF_UP'): Money {
    return new Money(Decimal.of(this.fen).mul(Decimal.of(factor)).round(0, mode).mantissa);
  }

  /** Amount × rate (e.g. '0.5' for a 50% share, '0.0495' for 4.95%), rounded once to whole fen. */
  multiplyByRate(rate: Decimal | string, mode: RoundingMode = 'HALF_UP'): Money {
    return this.multiplyBy(rate, mode);
  }

  /** Splits by ratios so the parts sum exactly to this amount (largest-remainder method, see allocateUnits). */
  allocate(ratios: ReadonlyArray<bigint | number | string | Decimal>): Money[] {
    const parts = allocateUnits(this.fen < 0n ? -this.fen : this.fen, ratios);
    return parts.map((fen) => new Money(this.fen < 0n ? -fen : fen));
  }

  /** n parts differing by at most one fen, the larger ones first. */
  allocateEvenly(n: number): Money[] {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new BadInputError(
        CommonErrorCode.INVALID_ALLOCATION,
        `Number of parts must be a positive integer, got ${n}`,
      );
    }
    return this.allocate(new Array<number>(n).fill(1));
  }

  isZero(): boolean {
    return this.fen === 0n;
  }
  isNegative(): boolean {
    return this.fen < 0n;
  }
  isPositive(): boolean {
    return this.fen > 0n;
  }

  cmp(other: Money): -1 | 0 | 1 {
    return this.fen < other.fen ? -1 : this.fen > other.fen ? 1 : 0;
  }
  eq(other: Money): boolean {
    return this.fen === other.fen;
  }
  lt(other: Money): boolean {
    return this.fen < other.fen;
  }
  lte(other: Money): boolean {
    return this.fen <= other.fen;
  }
  gt(other: Money): boolean {
    return this.fen > other.fen;
  }
  gte(other: Money): boolean {
    return this.fen >= other.fen;
  }

  /** The amount in yuan as an exact Decimal with scale 2. */
  toYuanDecimal(): Decimal {
    return Decimal.of(this.fen).div(100, 2);
  }

  /** '1234.56', '-0.05': always 2 decimals, no thousands separators. */
  toYuanString(): string {
    return this.toYuanDecimal().toString();
  }

  /** The amount in 万元 (10,000 yuan), e.g. 3,000,000.00 yuan → '300.00'. */
  toWanYuan(scale = 2, mode: RoundingMode = 'HALF_UP'): string {
    return Decimal.of(this.fen).div(1_000_000, 6).toFixed(scale, mode);
  }

  /**
   * The amount as a number of yuan for a spreadsheet cell, which stores doubles: exact for every amount below
   * 2^53 fen. Never for arithmetic.
   */
  toSpreadsheetYuan(): number {
    return Number(this.fen) / 100;
  }

  toString(): string {
    return this.toYuanString();
  }

  toJSON(): string {
    return this.toYuanString();
  }
}

const ZERO = Money.ofFen(0n);

/** The number format of yuan amounts in spreadsheets: thousands separators, two decimals, negatives in red. */
export const SPREADSHEET_YUAN_FORMAT = '#,##0.00;[Red]-#,##0.00';
