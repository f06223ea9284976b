import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { LoanLookupService, type LoanRef, type OpenDue, type RepaymentRef } from '@mla/loans';
import type { BankAccount } from '../accounts/bank-account.entity';
import { StatementRepository, type MatchableLine } from '../imports/statement.repository';
import { postingReferenceOf, referencesOf } from './match-rules';

/** What one chunk of lines needs from other contexts, fetched with a few set-based statements. */
export interface ChunkFacts {
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

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Reads what the rules of one chunk may look at, with a few set-based statements over other contexts' ports. */
@Injectable()
export class ChunkFactsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementRepository,
    private readonly lookup: LoanLookupService,
    private readonly applicants: ApplicationPort,
  ) {}

  async factsFor(importId: string, lines: MatchableLine[], account: BankAccount): Promise<ChunkFacts> {
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
  async current(loan: LoanRef, facts: ChunkFacts): Promise<{ loan: LoanRef; dues: OpenDue[] }> {
    if (facts.stale.has(loan.id)) {
      const fresh = await this.lookup.loanById(loan.id);
      if (fresh) Object.assign(loan, { status: fresh.status });
      facts.dues.set(loan.id, await this.lookup.openDues(loan.id));
      facts.stale.delete(loan.id);
    }
    return { loan, dues: facts.dues.get(loan.id) ?? [] };
  }
}
