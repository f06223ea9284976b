import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicantService } from '@mla/applicants';
import { AppConfig } from '@mla/config';
import { DomainError, LocalDate, Money } from '@mla/core';
import type { Actor } from '@mla/auth';
import { LoanLookupService, PostingService, type LoanRef, type OpenDue, type RepaymentRef } from '@mla/loans';
import type { BankAccount } from '../accounts/bank-account.entity';
import { LineOutcome } from '../imports/import-status';
import type { StatementLine } from '../imports/statement-line.entity';
import { StatementRepository, type MatchableLine } from '../imports/statement.repository';

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

/** How many lines are decided together: a few set-based lookups per chunk, then rules in memory. */
export const MATCH_CHUNK = 5000;

/** What one chunk of lines needs from other contexts, fetched with a few set-based statements. */
interface ChunkFacts {
  importId: string;
  banks: string[];
  loansByRef: Map<string, LoanRef[]>;
  repaymentsByRef: Map<string, RepaymentRef[]>;
  loansByAccount: Map<string, LoanRef[]>;
  loansByName: Map<string, LoanRef[]>;
  dues: Map<string, OpenDue[]>;
  /** Repayments some line matched already (earlier lines of this chunk included). */
  matchedRepayments: Set<string>;
  /** Loans posted to during this chunk: their status and dues are read again before use. */
  stale: Set<string>;
}

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

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

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
    private readonly lookup: LoanLookupService,
    private readonly postings: PostingService,
    private readonly config: AppConfig,
    private readonly applicants: ApplicantService,
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
    const facts = await this.factsFor(importId, lines, account);
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

  private async factsFor(importId: string, lines: MatchableLine[], account: BankAccount): Promise<ChunkFacts> {
    const banks = [account.bankOrganisationId];
    const refs = new Set<string>();
    const repaymentRefs = new Set<string>();
    const accountIndexes = new Set<string>();
    const names = new Set<string>();
    for (const line of lines) {
      for (const ref of referencesOf(line)) refs.add(ref);
      if (line.amountFen < 0n) continue;
      repaymentRefs.add(postingReferenceOf(line));
      for (const ref of [line.reference, line.bankTransactionId]) if (ref) repaymentRefs.add(ref);
      if (line.counterpartyAccountIndex) accountIndexes.add(line.counterpartyAccountIndex);
      if (line.counterpartyName) names.add(line.counterpartyName);
    }
    const [loans, repayments, byAccount, namedIds] = await Promise.all([
      this.lookup.loansByReferences(banks, [...refs]),
      this.lookup.repaymentsByReferences(banks, [...repaymentRefs]),
      this.lookup.loansByBorrowerAccounts(banks, [...accountIndexes]),
      this.applicants.idsWithNames([...names]),
    ]);
    const loansByRef = new Map<string, LoanRef[]>();
    for (const loan of loans) {
      for (const key of new Set([loan.disbursementReference, loan.bankLoanNumber, loan.contractNumber])) {
        if (key && refs.has(key)) push(loansByRef, key, loan);
      }
    }
    const repaymentsByRef = new Map<string, RepaymentRef[]>();
    for (const r of repayments) push(repaymentsByRef, r.externalReference, r);
    const loansByAccount = new Map<string, LoanRef[]>();
    for (const loan of byAccount) push(loansByAccount, loan.borrowerAccountIndex, loan);
    const applicantIds = [...new Set([...namedIds.values()].flat())];
    const ofApplicants = await this.lookup.loansOfApplicantsById(banks, applicantIds);
    const loansByApplicant = new Map<string, LoanRef[]>();
    for (const loan of ofApplicants) push(loansByApplicant, loan.applicantId, loan);
    const loansByName = new Map<string, LoanRef[]>();
    for (const name of names) {
      const ids = namedIds.get(name.trim()) ?? [];
      const found = ids.flatMap((id) => loansByApplicant.get(id) ?? []);
      if (found.length) loansByName.set(name, found);
    }
    const dueLoans = [...new Set([...byAccount, ...ofApplicants].map((l) => l.id))];
    const dues = await this.lookup.openDuesOf(dueLoans);
    const matchedRepayments = await this.statements.matchedRepaymentIds(
      this.dataSource.manager,
      repayments.filter((r) => !r.externalReference.startsWith('STMT-')).map((r) => r.id),
    );
    return {
      importId,
      banks,
      loansByRef,
      repaymentsByRef,
      loansByAccount,
      loansByName,
      dues,
      matchedRepayments,
      stale: new Set(),
    };
  }

  /** A loan's status and open installments as they are now (read again once something was posted to it). */
  private async current(loan: LoanRef, facts: ChunkFacts): Promise<{ loan: LoanRef; dues: OpenDue[] }> {
    if (facts.stale.has(loan.id)) {
      const fresh = await this.lookup.loanById(loan.id);
      if (fresh) Object.assign(loan, { status: fresh.status });
      facts.dues.set(loan.id, await this.lookup.openDues(loan.id));
      facts.stale.delete(loan.id);
    }
    return { loan, dues: facts.dues.get(loan.id) ?? [] };
  }

  /** Whether the loan can still be found as active or overdue (as the lookups by account and name require). */
  private open(loan: LoanRef): boolean {
    return loan.status === 'ACTIVE' || loan.status === 'OVERDUE';
  }

  /** The rules, in order, for one line; `recorded` when the outcome was written already (a posted credit). */
  private async decide(line: MatchableLine, facts: ChunkFacts, actor: Actor): Promise<Decision> {
    const done = (result: MatchResult) => ({ result, recorded: false });
    const refs = referencesOf(line);
    if (line.amountFen < 0n) {
      for (const ref of refs) {
        const loan = (facts.loansByRef.get(ref) ?? []).find((l) => l.disbursementReference === ref);
        if (loan)
          return done(
            this.disbursement(
              line,
              loan,
              ref === line.reference ? 'DISBURSEMENT_REFERENCE' : 'DISBURSEMENT_REFERENCE_IN_TEXT',
            ),
          );
      }
      return done(NONE);
    }
    // Posted before (a re-run after a crash between posting and recording the outcome): the same posting.
    const [posted] = facts.repaymentsByRef.get(postingReferenceOf(line)) ?? [];
    if (posted) {
      return done({
        ...NONE,
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
          ...NONE,
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
        const { loan, dues } = await this.current(found, facts);
        if (!this.open(loan)) continue;
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
          ...NONE,
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
          ...NONE,
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
        const { loan, dues } = await this.current(found, facts);
        if (!this.open(loan)) continue;
        const [next] = dues;
        if (next && withinTolerance(line.amountFen, next.owedFen)) {
          return done({
            ...NONE,
            outcome: LineOutcome.SUGGESTED,
            matchTier: 3,
            matchRule: 'BORROWER_NAME_AMOUNT_CLOSE',
            matchedLoanId: loan.id,
            note: `the payer's name is the borrower's of ${loan.contractNumber}; it owes ${Money.ofFen(next.owedFen).toYuanString()} next`,
          });
        }
      }
    }
    return done(NONE);
  }

  private disbursement(line: MatchableLine, loan: LoanRef, rule: string): MatchResult {
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
        result: {
          ...NONE,
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
