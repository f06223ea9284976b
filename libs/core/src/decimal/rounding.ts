import { BadInputError, CommonErrorCode } from '../errors/domain-error';

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP' | 'FLOOR' | 'CEILING';

export const ROUNDING_MODES: ReadonlyArray<RoundingMode> = ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP', 'FLOOR', 'CEILING'];

/**
 * Integer quotient n / d rounded with `mode`.
 * HALF_UP rounds ties away from zero, HALF_EVEN to the even neighbour, DOWN toward zero, UP away from zero.
 */
export function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  if (d === 0n) throw new BadInputError(CommonErrorCode.DIVISION_BY_ZERO, `Cannot divide ${n} by zero`);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const truncated = n / d;
  const remainder = n % d;
  assertRoundingMode(mode);
  if (remainder === 0n) return truncated;
  const sign = n < 0n ? -1n : 1n;
  const awayFromZero = truncated + sign;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  switch (mode) {
    case 'DOWN':
      return truncated;
    case 'UP':
      return awayFromZero;
    case 'FLOOR':
      return sign < 0n ? awayFromZero : truncated;
    case 'CEILING':
      return sign > 0n ? awayFromZero : truncated;
    case 'HALF_UP':
      return twiceRemainder >= d ? awayFromZero : truncated;
    case 'HALF_EVEN':
      if (twiceRemainder !== d) return twiceRemainder > d ? awayFromZero : truncated;
      return truncated % 2n === 0n ? truncated : awayFromZero;
  }
}

export function assertRoundingMode(mode: unknown): asserts mode is RoundingMode {
  if (!ROUNDING_MODES.includes(mode as RoundingMode)) {
    throw new BadInputError(CommonErrorCode.INVALID_ROUNDING_MODE, `Unknown rounding mode "${String(mode)}"`);
  }
}
