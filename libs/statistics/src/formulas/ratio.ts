/**
 * A rate as an exact fraction of two bigints (fen or counts). A rate whose denominator is zero does not exist: it is
 * `null`, shown as 不适用 (not applicable), never 0% or 100%.
 */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export type Rate = Ratio | null;

/** The label of a rate that does not apply (nothing due, nothing outstanding, …). */
export const NOT_APPLICABLE_ZH = '不适用';
export const NOT_APPLICABLE_EN = 'n/a';

export function rateOf(numerator: bigint, denominator: bigint): Rate {
  if (denominator === 0n) return null;
  if (denominator < 0n) return { numerator: -numerator, denominator: -denominator };
  return { numerator, denominator };
}

/**
 * The rate in percent as a decimal string with `decimals` places, rounded half away from zero: 2/3 → '66.67'.
 * `null` for a rate that does not apply.
 */
export function percentOf(rate: Rate, decimals = 2): string | null {
  if (rate === null) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = rate.numerator * 100n * scale;
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let q = abs / rate.denominator;
  if ((abs % rate.denominator) * 2n >= rate.denominator) q += 1n;
  const digits = q.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative && q !== 0n ? '-' : ''}${whole}${frac}`;
}

/** Whether `rate` is below `target` (a fraction such as '0.95' given as a ratio too); null rates are never below. */
export function isBelow(rate: Rate, target: Ratio): boolean {
  if (rate === null) return false;
  return rate.numerator * target.denominator < target.numerator * rate.denominator;
}

/** A decimal fraction string ('0.95', '1', '0.3') as an exact ratio. */
export function ratioFromDecimal(value: string): Ratio {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: ${value}`);
  const frac = match[2] ?? '';
  return { numerator: BigInt(match[1] + frac), denominator: 10n ** BigInt(frac.length) };
}

/** Fen as 万元 (10,000 yuan = 1,000,000 fen) with 4 decimals, half up: 123456789 fen → '123.4568'. */
export function fenToWanYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  // 1 万元 = 1,000,000 fen; 4 decimals = units of 100 fen.
  let q = abs / 100n;
  if (abs % 100n >= 50n) q += 1n;
  const digits = q.toString().padStart(5, '0');
  return `${negative && q !== 0n ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Fen as yuan with 2 decimals: 123456 → '1234.56'. */
export function fenToYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const digits = abs.toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
