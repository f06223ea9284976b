import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { DomainError, LocalDate, Money } from '@mla/core';
import type { Actor } from '@mla/auth';
import { LoanPostingPort } from '@mla/loans';
import type { BankAccount } from '../accounts/bank-account.entity';
import { LineOutcome } from '../imports/import-status';
import { StatementRepository, type MatchableLine } from '../imports/statement.repository';
import { ChunkFactsReader, type ChunkFacts } from './chunk-facts';
import {
  MATCH_CHUNK,
  NO_MATCH,
  LOAN_CURRENCY,
  disbursementMatch,
  foreignCurrency,
  installmentsSettledBy,
  isOpenLoan,
  postingReferenceOf,
  referencesOf,
  withinTolerance,
  type MatchResult,
} from './match-rules';

/** A line's result; `recorded` when it was written already (a posted credit), `counted` false when by another run. */
interface Decision {
  result: MatchResult;
  recorded: boolean;
  counted?: boolean;
}

export interface MatchProgress {
  /** Lines decided in this chunk, by outcome. */
  outcomes: Record<string, number>;
  /** Lines whose outcome this chunk recorded (fewer than decided when another run got to some first). */
  lines: number;
  lastLineId: string;
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
 *
 * Lines are taken a chunk at a time: everything the rules may look at (loans and repayments by every reference of
 * the chunk, loans by account hash and by payer name, their open installments) is read with a few set-based
 * statements, the rules run in memory in file order, and the outcomes are written with one statement. Only a
 * credit matched to a loan is posted on its own (and its outcome recorded at once), so a crash between chunks
 * loses nothing: the next run takes the lines still PENDING, and a posting found under the line's keyed reference
 * is recognised instead of posted again.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementRepository,
    private readonly facts: ChunkFactsReader,
    private readonly postings: LoanPostingPort,
    private readonly config: AppConfig,
  ) {}

  /** Matches every line of an import still PENDING, in file order; `onChunk` follows progress (and may renew locks). */
  async matchImport(
    importId: string,
    account: BankAccount,
    actor: Actor,
    onChunk: (progress: MatchProgress) => Promise<unknown> = async () => undefined,
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    let after = '0';
    for (;;) {
      const lines = await this.statements.pendingLines(this.dataSource.manager, importId, MATCH_CHUNK, after);
      if (lines.length === 0) return counts;
      const { outcomes, recorded } = await this.decideChunk(importId, lines, account, actor);
      for (const [k, v] of Object.entries(outcomes)) counts[k] = (counts[k] ?? 0) + v;
      after = lines[lines.length - 1].id;
      await onChunk({ outcomes, lines: recorded, lastLineId: after });
    }
  }

  /** Decides a chunk of PENDING lines (in id order) and records the outcomes; says how many it recorded. */
  async decideChunk(
    importId: string,
    lines: MatchableLine[],
    account: BankAccount,
    actor: Actor,
  ): Promise<{ outcomes: Record<string, number>; recorded: number }> {
    const facts = await this.facts.factsFor(importId, lines, account);
    const decided: { id: string; result: MatchResult }[] = [];
    const outcomes: Record<string, number> = {};
    let posted = 0;
    for (const line of lines) {
      const { result, recorded, counted } = await this.decide(line, facts, actor);
      if (!recorded) decided.push({ id: line.id, result });
      else if (counted !== false) posted += 1;
      outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    }
    const last = lines[lines.length - 1].id;
    return {
      outcomes,
      recorded:
        posted + (await this.statements.recordPendingOutcomes(this.dataSource.manager, importId, decided, last)),
    };
  }

  /** The rules, in order, for one line; `recorded` when the outcome was written already (a posted credit). */
  private async decide(line: MatchableLine, facts: ChunkFacts, actor: Actor): Promise<Decision> {
    const done = (result: MatchResult) => ({ result, recorded: false });
    // EUR 8.85 is not 8.85 yuan: loans are matched in their own currency only.
    const currency = line.currency ?? LOAN_CURRENCY;
    if (currency !== LOAN_CURRENCY) return done(foreignCurrency(currency));
    const refs = referencesOf(line);
    if (line.amountFen < 0n) {
      for (const ref of refs) {
        const loan = (facts.loansByRef.get(ref) ?? []).find((l) => l.disbursementReference === ref);
        if (loan)
          return done(
            disbursementMatch(
              line,
              loan,
              ref === line.reference ? 'DISBURSEMENT_REFERENCE' : 'DISBURSEMENT_REFERENCE_IN_TEXT',
            ),
          );
      }
      return done(NO_MATCH);
    }
    // Posted before (a re-run after a crash between posting and recording the outcome): the same posting.
    const [posted] = facts.repaymentsByRef.get(postingReferenceOf(line)) ?? [];
    if (posted) {
      return done({
        ...NO_MATCH,
        outcome: LineOutcome.MATCHED,
        matchTier: 1,
        matchRule: 'POSTED_FROM_THIS_LINE',
        matchedKind: 'REPAYMENT',
        matchedLoanId: posted.loanId,
        matchedRepaymentId: posted.id,
      });
    }
    for (const ref of [line.reference, line.bankTransactionId].filter((r): r is string => !!r)) {
      const repayment = (facts.repaymentsByRef.get(ref) ?? []).find((r) => !r.externalReference.startsWith('STMT-'));
      if (repayment && !facts.matchedRepayments.has(repayment.id)) {
        facts.matchedRepayments.add(repayment.id);
        const same = repayment.amountFen === line.amountFen;
        return done({
          ...NO_MATCH,
          outcome: same ? LineOutcome.MATCHED : LineOutcome.AMOUNT_DIFFERS,
          matchTier: 1,
          matchRule: 'REPAYMENT_REFERENCE',
          matchedKind: 'REPAYMENT',
          matchedLoanId: repayment.loanId,
          matchedRepaymentId: repayment.id,
          note: same ? null : `we recorded ${Money.ofFen(repayment.amountFen).toYuanString()}`,
        });
      }
    }
    for (const ref of refs) {
      const loans = (facts.loansByRef.get(ref) ?? []).filter(
        (l) => l.bankLoanNumber === ref || l.contractNumber === ref,
      );
      if (loans.length === 1) return this.post(line, loans[0].id, actor, 1, 'LOAN_REFERENCE', null, facts);
    }
    if (line.counterpartyAccountIndex) {
      const window = this.config.env.MATCH_DATE_WINDOW_DAYS;
      const date = LocalDate.parse(line.valueDate ?? line.bookingDate);
      const hits: { loanId: string; installments: number }[] = [];
      const candidates: { loanId: string; firstOwedFen: bigint | null }[] = [];
      for (const found of facts.loansByAccount.get(line.counterpartyAccountIndex) ?? []) {
        const { loan, dues } = await this.facts.current(found, facts);
        if (!isOpenLoan(loan)) continue;
        candidates.push({ loanId: loan.id, firstOwedFen: dues[0]?.owedFen ?? null });
        const k = installmentsSettledBy(dues, line.amountFen, date, window);
        if (k > 0) hits.push({ loanId: loan.id, installments: k });
      }
      if (hits.length === 1) {
        return this.post(line, hits[0].loanId, actor, 2, 'BORROWER_ACCOUNT_AMOUNT', hits[0].installments, facts);
      }
      if (hits.length === 0 && candidates.length > 0) {
        // The borrower paid, but not exactly what is owed: a person confirms (and may split or link it).
        const close = candidates.find(
          (c) => c.firstOwedFen !== null && withinTolerance(line.amountFen, c.firstOwedFen),
        );
        return done({
          ...NO_MATCH,
          outcome: LineOutcome.SUGGESTED,
          matchTier: 3,
          matchRule: close ? 'BORROWER_ACCOUNT_AMOUNT_CLOSE' : 'BORROWER_ACCOUNT',
          matchedLoanId: (close ?? candidates[0]).loanId,
          note: close
            ? `the next installment owes ${Money.ofFen(close.firstOwedFen as bigint).toYuanString()}`
            : `${candidates.length} loan(s) paid into this account; the amount fits none`,
        });
      }
      if (hits.length > 1) {
        return done({
          ...NO_MATCH,
          outcome: LineOutcome.SUGGESTED,
          matchTier: 3,
          matchRule: 'SEVERAL_LOANS',
          note: `${hits.length} loans of this account owe exactly this amount`,
        });
      }
    }
    if (line.counterpartyName) {
      // 3. The payer's name is a borrower's and the amount is close to what her loan owes next: a person confirms.
      for (const found of facts.loansByName.get(line.counterpartyName) ?? []) {
        const { loan, dues } = await this.facts.current(found, facts);
        if (!isOpenLoan(loan)) continue;
        const [next] = dues;
        if (next && withinTolerance(line.amountFen, next.owedFen)) {
          return done({
            ...NO_MATCH,
            outcome: LineOutcome.SUGGESTED,
            matchTier: 3,
            matchRule: 'BORROWER_NAME_AMOUNT_CLOSE',
            matchedLoanId: loan.id,
            note: `the payer's name is the borrower's of ${loan.contractNumber}; it owes ${Money.ofFen(next.owedFen).toYuanString()} next`,
          });
        }
      }
    }
    return done(NO_MATCH);
  }

  /**
   * Posts a credit as a repayment of the loan (the same line twice posts once: the posting is keyed by the line)
   * and records the line's outcome at once, so that a crash right after posting finds it matched.
   */
  private async post(
    line: MatchableLine,
    loanId: string,
    actor: Actor,
    tier: number,
    rule: string,
    installments: number | null,
    facts: ChunkFacts,
  ): Promise<Decision> {
    let result: MatchResult;
    try {
      const { repayment } = await this.postings.post(actor, loanId, {
        amountYuan: Money.ofFen(line.amountFen).toYuanString(),
        valueDate: line.valueDate ?? line.bookingDate,
        channel: 'STATEMENT_IMPORT',
        externalReference: postingReferenceOf(line),
      });
      facts.stale.add(loanId);
      result = {
        ...NO_MATCH,
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
        result: {
          ...NO_MATCH,
          outcome: LineOutcome.SUGGESTED,
          matchTier: tier,
          matchRule: rule,
          matchedLoanId: loanId,
          note: error.message.slice(0, 500),
        },
        recorded: false,
      };
    }
    // Recorded at once; when another run recorded this line first, it counts as that run's.
    const recorded = await this.dataSource.transaction((tx) =>
      this.statements.recordPendingLine(tx, facts.importId, line.id, result),
    );
    return { result, recorded: true, counted: recorded };
  }
}
