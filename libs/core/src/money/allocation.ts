import { BadInputError, CommonErrorCode } from '../errors/domain-error';
import { Decimal, type DecimalInput } from '../decimal/decimal';

/**
 * Splits a non-negative integer by ratios with the largest-remainder method: each part gets the floor of
 * its exact share, then the leftover units go one each to the parts with the largest remainders
 * (ties: earlier index first). The parts always sum to `total`; a zero ratio always gets 0.
 */
export function allocateUnits(total: bigint, ratios: ReadonlyArray<DecimalInput>): bigint[] {
  if (total < 0n)
    throw new BadInputError(CommonErrorCode.INVALID_ALLOCATION, `Cannot allocate a negative total ${total}`);
  const weights = toIntegerWeights(ratios);
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((w) => (total * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, remainder: (total * w) % weightSum }));
  let leftover = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] += 1n;
    leftover -= 1n;
  }
  return parts;
}

/** Ratios brought to a common scale, as integers with the same proportions. */
function toIntegerWeights(ratios: ReadonlyArray<DecimalInput>): bigint[] {
  if (ratios.length === 0)
    throw new BadInputError(CommonErrorCode.INVALID_ALLOCATION, 'Allocation needs at least one ratio');
  const decimals = ratios.map((r) => Decimal.of(r));
  const negative = decimals.find((d) => d.isNegative());
  if (negative) {
    throw new BadInputError(
      CommonErrorCode.INVALID_ALLOCATION,
      `Allocation ratios must not be negative, got ${negative.toString()}`,
    );
  }
  if (decimals.every((d) => d.isZero())) {
    throw new BadInputError(CommonErrorCode.INVALID_ALLOCATION, 'Allocation ratios must not all be zero');
  }
  const scale = Math.max(...decimals.map((d) => d.scale));
  return decimals.map((d) => d.mantissa * 10n ** BigInt(scale - d.scale));
}
