import { Money, type Decimal } from '@mla/core';
import type { EligibilityCheck, EligibilityOutcome, EligibilityRule } from './eligibility-types';

/** Money in messages: yuan with two decimals. */
export const yuan = (fen: bigint): string => Money.ofFen(fen).toYuanString();

/** '4.9500' → '4.95', '4.5' → '4.50', '5' → '5.00'. */
export function percent(value: Decimal): string {
  const stripped = value.stripTrailingZeros();
  return stripped.scale < 2 ? stripped.round(2).toString() : stripped.toString();
}

/** One rule's row; `code` defaults to the rule family. */
export function check(
  rule: EligibilityRule,
  outcome: EligibilityOutcome,
  messageZh: string,
  messageEn: string,
  details?: Record<string, unknown>,
  code: string = rule,
): EligibilityCheck {
  return { rule, outcome, code, messageZh, messageEn, ...(details ? { details } : {}) };
}

export const isValidTerm = (months: number) => Number.isInteger(months) && months >= 1;
