import { Injectable } from '@nestjs/common';
import { ApplicantService } from '@mla/applicants';
import { AppConfig } from '@mla/config';
import { DomainError, LocalDate, Money } from '@mla/core';
import type { Actor } from '@mla/auth';
import { LoanLookupService, PostingService, type LoanRef } from '@mla/repayments';
import type { BankAccount } from '../accounts/bank-account.entity';
import { LineOutcome } from '../imports/import-status';
import type { StatementLine } from '../imports/statement-line.entity';
import { StatementRepository } from '../imports/statement.repository';

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

const NONE: MatchResult = {
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

/**
 * Matches statement lines to our records in tiers, each result naming its tier and rule:
 * 1. exact reference: a disbursement's bank reference (debits), a repayment's external reference, or a loan's
 *    bank loan number or contract number (credits, posted as a repayment of that loan);
 * 2. the borrower's account (keyed hash) with exactly the amount owed on one or more consecutive installments due
 *    within the date window of the line (posted as a repayment);
 * 3. suggestions only, for a person to confirm: the borrower's account with another amount (close to what is owed,
 *    or not), several loans that fit, or a payer named as a borrower paying about what her loan owes next;
 * anything else is in the bank's books only. Credits matched to loans post through loan servicing, idempotently.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly statements: StatementRepository,
    private readonly lookup: LoanLookupService,
    private readonly postings: PostingService,
    private readonly config: AppConfig,
    private readonly applicants: ApplicantService,
  ) {}

  /** Matches every line of an import still PENDING, in file order. */
  async matchImport(importId: string, account: BankAccount, actor: Actor): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    let after = '0';
    for (;;) {
      const lines = await this.statements.pendingLines(importId, 200, after);
      if (lines.length === 0) return counts;
      for (const line of lines) {
        const result = await this.matchLine(line, account, actor);
        await this.statements.updatePendingLine(line.id, result);
        counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
        after = line.id;
      }
    }
  }

  async matchLine(line: StatementLine, account: BankAccount, actor: Actor): Promise<MatchResult> {
    const banks = [account.bankOrganisationId];
    const refs = referencesOf(line);
    if (line.amountFen < 0n) {
      for (const ref of refs) {
        const loan = (await this.lookup.loansByReference(banks, ref)).find((l) => l.disbursementReference === ref);
        if (loan)
          return this.disbursement(
            line,
            loan,
            ref === line.reference ? 'DISBURSEMENT_REFERENCE' : 'DISBURSEMENT_REFERENCE_IN_TEXT',
          );
      }
      return NONE;
    }
    // Posted before (a re-run after a crash between posting and recording the outcome): the same posting.
    const [posted] = await this.lookup.repaymentsByReference(banks, postingReferenceOf(line));
    if (posted) {
      return {
        ...NONE,
        outcome: LineOutcome.MATCHED,
        matchTier: 1,
        matchRule: 'POSTED_FROM_THIS_LINE',
        matchedKind: 'REPAYMENT',
        matchedLoanId: posted.loanId,
        matchedRepaymentId: posted.id,
      };
    }
    for (const ref of [line.reference, line.bankTransactionId].filter((r): r is string => !!r)) {
      const repayment = (await this.lookup.repaymentsByReference(banks, ref)).find(
        (r) => !r.externalReference.startsWith('STMT-'),
      );
      if (repayment && !(await this.statements.isRepaymentMatched(repayment.id))) {
        const same = repayment.amountFen === line.amountFen;
        return {
          ...NONE,
          outcome: same ? LineOutcome.MATCHED : LineOutcome.AMOUNT_DIFFERS,
          matchTier: 1,
          matchRule: 'REPAYMENT_REFERENCE',
          matchedKind: 'REPAYMENT',
          matchedLoanId: repayment.loanId,
          matchedRepaymentId: repayment.id,
          note: same ? null : `we recorded ${Money.ofFen(repayment.amountFen).toYuanString()}`,
        };
      }
    }
    for (const ref of refs) {
      const loans = (await this.lookup.loansByReference(banks, ref)).filter(
        (l) => l.bankLoanNumber === ref || l.contractNumber === ref,
      );
      if (loans.length === 1) return this.post(line, loans[0].id, actor, 1, 'LOAN_REFERENCE', null);
    }
    if (line.counterpartyAccountIndex) {
      const window = this.config.env.MATCH_DATE_WINDOW_DAYS;
      const date = LocalDate.parse(line.valueDate ?? line.bookingDate);
      const hits: { loanId: string; installments: number }[] = [];
      const candidates: { loanId: string; firstOwedFen: bigint | null }[] = [];
      for (const loan of await this.lookup.loansByBorrowerAccount(banks, line.counterpartyAccountIndex)) {
        const dues = await this.lookup.openDues(loan.id);
        candidates.push({ loanId: loan.id, firstOwedFen: dues[0]?.owedFen ?? null });
        const k = installmentsSettledBy(dues, line.amountFen, date, window);
        if (k > 0) hits.push({ loanId: loan.id, installments: k });
      }
      if (hits.length === 1) {
        return this.post(line, hits[0].loanId, actor, 2, 'BORROWER_ACCOUNT_AMOUNT', hits[0].installments);
      }
      if (hits.length === 0 && candidates.length > 0) {
        // The borrower paid, but not exactly what is owed: a person confirms (and may split or link it).
        const close = candidates.find(
          (c) => c.firstOwedFen !== null && withinTolerance(line.amountFen, c.firstOwedFen),
        );
        return {
          ...NONE,
          outcome: LineOutcome.SUGGESTED,
          matchTier: 3,
          matchRule: close ? 'BORROWER_ACCOUNT_AMOUNT_CLOSE' : 'BORROWER_ACCOUNT',
          matchedLoanId: (close ?? candidates[0]).loanId,
          note: close
            ? `the next installment owes ${Money.ofFen(close.firstOwedFen as bigint).toYuanString()}`
            : `${candidates.length} loan(s) paid into this account; the amount fits none`,
        };
      }
      if (hits.length > 1) {
        return {
          ...NONE,
          outcome: LineOutcome.SUGGESTED,
          matchTier: 3,
          matchRule: 'SEVERAL_LOANS',
          note: `${hits.length} loans of this account owe exactly this amount`,
        };
      }
    }
    if (line.counterpartyName) {
      // 3. The payer's name is a borrower's and the amount is close to what her loan owes next: a person confirms.
      const loans = await this.lookup.loansOfApplicants(
        banks,
        await this.applicants.idsWithName(line.counterpartyName),
      );
      for (const loan of loans) {
        const [next] = await this.lookup.openDues(loan.id);
        if (next && withinTolerance(line.amountFen, next.owedFen)) {
          return {
            ...NONE,
            outcome: LineOutcome.SUGGESTED,
            matchTier: 3,
            matchRule: 'BORROWER_NAME_AMOUNT_CLOSE',
            matchedLoanId: loan.id,
            note: `the payer's name is the borrower's of ${loan.contractNumber}; it owes ${Money.ofFen(next.owedFen).toYuanString()} next`,
          };
        }
      }
    }
    return NONE;
  }

  private disbursement(line: StatementLine, loan: LoanRef, rule: string): MatchResult {
    const same = -line.amountFen === loan.principalFen;
    return {
      ...NONE,
      outcome: same ? LineOutcome.MATCHED : LineOutcome.AMOUNT_DIFFERS,
      matchTier: 1,
      matchRule: rule,
      matchedKind: 'DISBURSEMENT',
      matchedLoanId: loan.id,
      note: same ? null : `the contract is ${Money.ofFen(loan.principalFen).toYuanString()}`,
    };
  }

  /** Posts a credit as a repayment of the loan (the same line twice posts once). */
  private async post(
    line: StatementLine,
    loanId: string,
    actor: Actor,
    tier: number,
    rule: string,
    installments: number | null,
  ): Promise<MatchResult> {
    try {
      const { repayment } = await this.postings.post(actor, loanId, {
        amountYuan: Money.ofFen(line.amountFen).toYuanString(),
        valueDate: line.valueDate ?? line.bookingDate,
        channel: 'STATEMENT_IMPORT',
        externalReference: postingReferenceOf(line),
      });
      return {
        ...NONE,
        outcome: LineOutcome.MATCHED,
        matchTier: tier,
        matchRule: rule,
        matchedKind: 'REPAYMENT',
        matchedLoanId: loanId,
        matchedRepaymentId: repayment.id,
        installmentsSettled: installments,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The loan is found but cannot take the payment (repaid, compensated, …): a person decides.
      return {
        ...NONE,
        outcome: LineOutcome.SUGGESTED,
        matchTier: tier,
        matchRule: rule,
        matchedLoanId: loanId,
        note: error.message.slice(0, 500),
      };
    }
  }
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
