import { Decimal, Money, type RoundingMode } from '@mla/core';
import type { PrincipalPlanEntry } from './schedule-types';

/**
 * Principal per row for the methods whose principal does not depend on interest. Every list sums exactly to
 * the loan: rows are rounded to the fen and the last row takes what is left (never more than is left).
 */

/** 等额本金: P / n each, the remainder on the last row. */
export function equalShares(principal: Money, rows: number, mode: RoundingMode): Money[] {
  const share = Money.ofFen(Decimal.of(principal.fen).div(rows, 0, mode).mantissa);
  return withRemainderLast(principal, new Array<Money>(rows).fill(share));
}

/** Everything on the last row (interest-only methods, bullet). */
export function atMaturity(principal: Money, rows: number): Money[] {
  return withRemainderLast(principal, new Array<Money>(rows).fill(Money.zero()));
}

/** Custom plan: percent × P on each planned month (1-based row number), the remainder on the last planned row. */
export function planShares(
  principal: Money,
  rows: number,
  plan: ReadonlyArray<PrincipalPlanEntry>,
  mode: RoundingMode,
): Money[] {
  const shares = new Array<Money>(rows).fill(Money.zero());
  for (const entry of plan) {
    // P × percent / 100 from the exact product, rounded once.
    const exact = Decimal.of(principal.fen).mul(Decimal.of(entry.percent));
    shares[entry.month - 1] = Money.ofFen(exact.div(100, 0, mode).mantissa);
  }
  return withRemainderLast(principal, shares);
}

function withRemainderLast(principal: Money, shares: Money[]): Money[] {
  let left = principal;
  return shares.map((share, i) => {
    const amount = i === shares.length - 1 ? left : Money.min(share, left);
    left = left.subtract(amount);
    return amount;
  });
}
