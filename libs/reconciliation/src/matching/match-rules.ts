import { LocalDate, Money } from '@mla/core';
import type { LoanRef } from '@mla/loans';
import { LineOutcome } from '../imports/import-status';
import type { StatementLine } from '../imports/statement-line.entity';
import type { MatchableLine } from '../imports/statement.repository';

/** What matching decided for one line. */
export interface MatchResult {
  outcome: LineOutcome;
  matchTier: number | null;
  matchRule: string | null;
  matchedKind: 'DISBURSEMENT' | 'REPAYMENT' | null;
  matchedLoanId: string | null;
  matchedRepaymentId: string | null;
  installmentsSettled: number | null;
  note: string | null;
}

/** The currency loans are lent and repaid in: a line in any other is never matched to a loan. */
export const LOAN_CURRENCY = 'CNY';

/** A line in another currency: an exception for a person, saying why it was not matched. */
export function foreignCurrency(currency: string): MatchResult {
  return {
    ...NO_MATCH,
    matchRule: 'CURRENCY_NOT_LOAN_CURRENCY',
    note: `外币流水（${currency}），贷款以人民币计，未自动匹配 / the line is in ${currency}; loans are in ${LOAN_CURRENCY}`,
  };
}

/** No match: the line is in the bank's books only. */
export const NO_MATCH: MatchResult = {
  outcome: LineOutcome.BANK_ONLY,
  matchTier: null,
  matchRule: null,
  matchedKind: null,
  matchedLoanId: null,
  matchedRepaymentId: null,
  installmentsSettled: null,
  note: null,
};

/** Candidate references a line carries: its reference, the bank's id, and reference-like words of its text. */
export function referencesOf(line: Pick<StatementLine, 'reference' | 'bankTransactionId' | 'description'>): string[] {
  const words = `${line.reference ?? ''} ${line.description ?? ''}`
    .split(/[\s,;:：，；/|()（）]+/)
    .filter((w) => w.length >= 6 && /\d/.test(w));
  return [
    ...new Set([line.reference, line.bankTransactionId, ...words].filter((r): r is string => !!r && r.length <= 100)),
  ];
}

/** The stable external reference a statement credit posts under, so re-matching posts nothing twice. */
export function postingReferenceOf(line: Pick<StatementLine, 'dedupeKey'>): string {
  // The line's keyed dedupe key: the same bank line (id, date and amount, or content) always gives the same one,
  // and it reveals nothing of the counterparty's account.
  return `STMT-${line.dedupeKey.slice(0, 48)}`;
}

/** How many lines are decided together: a few set-based lookups per chunk, then rules in memory. */
export const MATCH_CHUNK = 5000;

/** Whether the loan can still be found as active or overdue (as the lookups by account and name require). */
export function isOpenLoan(loan: LoanRef): boolean {
  return loan.status === 'ACTIVE' || loan.status === 'OVERDUE';
}

/** A debit matched to a loan's disbursement by its reference. */
export function disbursementMatch(line: MatchableLine, loan: LoanRef, rule: string): MatchResult {
  const same = -line.amountFen === loan.principalFen;
  return {
    ...NO_MATCH,
    outcome: same ? LineOutcome.MATCHED : LineOutcome.AMOUNT_DIFFERS,
    matchTier: 1,
    matchRule: rule,
    matchedKind: 'DISBURSEMENT',
    matchedLoanId: loan.id,
    note: same ? null : `the contract is ${Money.ofFen(loan.principalFen).toYuanString()}`,
  };
}

/** Within 1% (at least 1 yuan) of the amount owed: close enough to suggest, never to post by itself. */
export function withinTolerance(amountFen: bigint, owedFen: bigint): boolean {
  const diff = amountFen > owedFen ? amountFen - owedFen : owedFen - amountFen;
  const tolerance = owedFen / 100n > 100n ? owedFen / 100n : 100n;
  return diff <= tolerance;
}

/**
 * How many of the oldest open installments a credit pays exactly (principal, interest and penalty owed), when the
 * last of them is due by the payment date plus `windowDays`; 0 when the amount is no such sum.
 */
export function installmentsSettledBy(
  dues: { dueDate: string; owedFen: bigint }[],
  amountFen: bigint,
  date: LocalDate,
  windowDays: number,
): number {
  let sum = 0n;
  for (const [i, due] of dues.entries()) {
    sum += due.owedFen;
    if (sum > amountFen) return 0;
    if (sum === amountFen) {
      // Arrears may be paid any time after they fell due; an installment not yet due only within the window.
      return LocalDate.parse(due.dueDate).daysUntil(date) >= -windowDays ? i + 1 : 0;
    }
  }
  return 0;
}
