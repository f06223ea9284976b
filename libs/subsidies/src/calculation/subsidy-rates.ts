import { Decimal } from '@mla/core';
import type { ResolvedSubsidyRule } from '@mla/loan-policies';

/** A rate as the line shows it: at least two decimals. */
export function percentText(d: Decimal): string {
  const s = d.stripTrailingZeros();
  return s.scale < 2 ? s.toFixed(2) : s.toString();
}

/** The rates of a line, as annual percentages. */
export interface LineRates {
  contract: Decimal;
  cap: Decimal | null;
  eligible: Decimal;
  subsidy: Decimal;
}

/**
 * Subsidy rate from the rate the formula may use (the contract rate, capped): FULL_ACTUAL_INTEREST all of it;
 * CONTRACT_RATE_MINUS_BORROWER_SHARE what is above the borrower's LPR − N bp (never below zero);
 * PERCENT_OF_ACTUAL_INTEREST the percentage of it.
 */
export function subsidyRates(rule: ResolvedSubsidyRule, contractPercent: Decimal, lprPercent: Decimal): LineRates {
  const caps: Decimal[] = [];
  if (rule.rateCapBasisPointsOverLpr !== null)
    caps.push(lprPercent.add(Decimal.of(rule.rateCapBasisPointsOverLpr).div(100, 2)));
  if (rule.rateCapAnnualPercent !== null) caps.push(Decimal.of(rule.rateCapAnnualPercent));
  const cap = caps.length ? caps.reduce((a, b) => (b.lt(a) ? b : a)) : null;
  const eligible = cap && cap.lt(contractPercent) ? cap : contractPercent;
  let subsidy: Decimal;
  switch (rule.kind) {
    case 'FULL_ACTUAL_INTEREST':
      subsidy = eligible;
      break;
    case 'CONTRACT_RATE_MINUS_BORROWER_SHARE': {
      const borrower = lprPercent.sub(Decimal.of(rule.borrowerBearsLprMinusBasisPoints).div(100, 2));
      const floored = borrower.isNegative() ? Decimal.ZERO : borrower;
      subsidy = eligible.sub(floored);
      if (subsidy.isNegative()) subsidy = Decimal.ZERO;
      break;
    }
    case 'PERCENT_OF_ACTUAL_INTEREST': {
      const product = eligible.mul(rule.percent);
      subsidy = product.div(100, product.scale + 2);
      break;
    }
  }
  return { contract: contractPercent, cap, eligible, subsidy };
}
