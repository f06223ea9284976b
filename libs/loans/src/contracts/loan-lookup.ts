import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LoanLookupRepository, type LoanRef, type OpenDue, type RepaymentRef } from './loan-lookup.repository';

export type { LoanRef, OpenDue, RepaymentRef } from './loan-lookup.repository';

/**
 * Read-only lookups of loans and repayments by what bank statements carry (references, the borrower account's
 * keyed hash), always within a set of banks. Reconciliation uses these instead of reading loan tables itself.
 */
@Injectable()
export class LoanLookupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookups: LoanLookupRepository,
  ) {}

  /** One loan; `tx` when read inside the caller's transaction. */
  loanById(id: string, tx: EntityManager = this.dataSource.manager): Promise<LoanRef | null> {
    return this.lookups.loanById(tx, id);
  }

  /** Loans whose disbursement reference, bank loan number or contract number is `reference`. */
  loansByReference(bankIds: string[], reference: string): Promise<LoanRef[]> {
    return this.lookups.loansByReference(this.dataSource.manager, bankIds, reference);
  }

  /** Active or overdue loans paid into the account with this keyed hash. */
  loansByBorrowerAccount(bankIds: string[], accountIndex: string): Promise<LoanRef[]> {
    return this.lookups.loansByBorrowerAccount(this.dataSource.manager, bankIds, accountIndex);
  }

  /** Active or overdue loans of these banks made to these applicants. */
  loansOfApplicants(bankIds: string[], applicantIds: string[]): Promise<LoanRef[]> {
    return this.lookups.loansOfApplicants(this.dataSource.manager, bankIds, applicantIds);
  }

  /** Posted repayments of these banks' loans with this external reference. */
  repaymentsByReference(bankIds: string[], reference: string): Promise<RepaymentRef[]> {
    return this.lookups.repaymentsByReference(this.dataSource.manager, bankIds, reference);
  }

  /** A loan's open installments, oldest first, with what each still owes. */
  openDues(loanId: string): Promise<OpenDue[]> {
    return this.lookups.openDues(this.dataSource.manager, loanId);
  }

  // Set-based forms of the lookups above, for matching a chunk of statement lines with a few statements.

  /** Loans whose disbursement reference, bank loan number or contract number is one of `references`. */
  loansByReferences(bankIds: string[], references: string[]): Promise<LoanRef[]> {
    return this.lookups.loansByReferences(this.dataSource.manager, bankIds, references);
  }

  /** Active or overdue loans paid into accounts with these keyed hashes, with the hash each was found by. */
  loansByBorrowerAccounts(
    bankIds: string[],
    accountIndexes: string[],
  ): Promise<(LoanRef & { borrowerAccountIndex: string })[]> {
    return this.lookups.loansByBorrowerAccounts(this.dataSource.manager, bankIds, accountIndexes);
  }

  /** Active or overdue loans of these banks made to these applicants, with the applicant of each. */
  loansOfApplicantsById(bankIds: string[], applicantIds: string[]): Promise<(LoanRef & { applicantId: string })[]> {
    return this.lookups.loansOfApplicantsById(this.dataSource.manager, bankIds, applicantIds);
  }

  /** Posted repayments of these banks' loans with one of these external references. */
  repaymentsByReferences(bankIds: string[], references: string[]): Promise<RepaymentRef[]> {
    return this.lookups.repaymentsByReferences(this.dataSource.manager, bankIds, references);
  }

  /** Open installments of these loans, oldest first per loan (a loan with none is absent). */
  openDuesOf(loanIds: string[]): Promise<Map<string, OpenDue[]>> {
    return this.lookups.openDuesOf(this.dataSource.manager, loanIds);
  }

  /** Disbursements (value date) and posted repayments of these banks' loans in a period: our side of a statement. */
  recordsBetween(
    bankIds: string[],
    from: string,
    to: string,
  ): Promise<{ disbursements: LoanRef[]; repayments: RepaymentRef[] }> {
    return this.lookups.recordsBetween(this.dataSource.manager, bankIds, from, to);
  }
}
