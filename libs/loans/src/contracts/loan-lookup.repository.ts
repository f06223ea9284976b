import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUuid } from '@mla/core';
import { LoanStatus } from './loan-status';

/** A loan as a statement line may point at it. */
export interface LoanRef {
  id: string;
  contractNumber: string;
  bankOrganisationId: string;
  status: LoanStatus;
  principalFen: bigint;
  valueDate: string | null;
  disbursementReference: string | null;
  bankLoanNumber: string | null;
}

/** An open installment's amount still owed (principal, interest and penalty). */
export interface OpenDue {
  installmentId: string;
  number: number;
  dueDate: string;
  owedFen: bigint;
}

export interface RepaymentRef {
  id: string;
  loanId: string;
  amountFen: bigint;
  valueDate: string;
  externalReference: string;
}

const LOAN_COLUMNS = `id, contract_number AS "contractNumber", bank_organisation_id AS "bankOrganisationId", status,
  principal_fen::text AS "principalFen", value_date AS "valueDate", disbursement_reference AS "disbursementReference",
  bank_loan_number AS "bankLoanNumber"`;

type Row<T> = Omit<T, 'principalFen' | 'amountFen' | 'owedFen'> & {
  principalFen?: string;
  amountFen?: string;
  owedFen?: string;
};
const loanOf = (r: Row<LoanRef>): LoanRef => ({ ...r, principalFen: BigInt(r.principalFen as string) }) as LoanRef;

/** The queries behind `LoanLookupService`: loans and repayments by what bank statements carry. */
@Injectable()
export class LoanLookupRepository {
  async loanById(tx: EntityManager, id: string): Promise<LoanRef | null> {
    if (!isUuid(id)) return null;
    const rows = (await tx.query(`SELECT ${LOAN_COLUMNS} FROM loans WHERE id = $1`, [id])) as Row<LoanRef>[];
    return rows[0] ? loanOf(rows[0]) : null;
  }

  /** Loans whose disbursement reference, bank loan number or contract number is `reference`. */
  async loansByReference(tx: EntityManager, bankIds: string[], reference: string): Promise<LoanRef[]> {
    const rows = (await tx.query(
      `SELECT ${LOAN_COLUMNS} FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[])
          AND (disbursement_reference = $2 OR bank_loan_number = $2 OR contract_number = $2)`,
      [bankIds, reference],
    )) as Row<LoanRef>[];
    return rows.map(loanOf);
  }

  /** Active or overdue loans paid into the account with this keyed hash. */
  async loansByBorrowerAccount(tx: EntityManager, bankIds: string[], accountIndex: string): Promise<LoanRef[]> {
    const rows = (await tx.query(
      `SELECT ${LOAN_COLUMNS} FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[]) AND borrower_account_index = $2 AND status IN ('ACTIVE', 'OVERDUE')`,
      [bankIds, accountIndex],
    )) as Row<LoanRef>[];
    return rows.map(loanOf);
  }

  /** Active or overdue loans of these banks made to these applicants. */
  async loansOfApplicants(tx: EntityManager, bankIds: string[], applicantIds: string[]): Promise<LoanRef[]> {
    if (applicantIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT ${LOAN_COLUMNS} FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[]) AND applicant_id = ANY($2::uuid[]) AND status IN ('ACTIVE', 'OVERDUE')`,
      [bankIds, applicantIds],
    )) as Row<LoanRef>[];
    return rows.map(loanOf);
  }

  /** Posted repayments of these banks' loans with this external reference. */
  async repaymentsByReference(tx: EntityManager, bankIds: string[], reference: string): Promise<RepaymentRef[]> {
    const rows = (await tx.query(
      `SELECT r.id, r.loan_id AS "loanId", r.amount_fen::text AS "amountFen", r.value_date AS "valueDate",
              r.external_reference AS "externalReference"
         FROM repayments r JOIN loans l ON l.id = r.loan_id
        WHERE l.bank_organisation_id = ANY($1::uuid[]) AND r.external_reference = $2 AND r.status = 'POSTED'`,
      [bankIds, reference],
    )) as Row<RepaymentRef>[];
    return rows.map((r) => ({ ...r, amountFen: BigInt(r.amountFen as string) }) as RepaymentRef);
  }

  /** A loan's open installments, oldest first, with what each still owes. */
  async openDues(tx: EntityManager, loanId: string): Promise<OpenDue[]> {
    const rows = (await tx.query(
      `SELECT id::text AS "installmentId", number, due_date AS "dueDate",
              ((principal_due_fen - principal_paid_fen) + (interest_due_fen - interest_paid_fen)
                + (penalty_accrued_fen - penalty_paid_fen))::text AS "owedFen"
         FROM installments WHERE loan_id = $1 AND status NOT IN ('PAID', 'SUPERSEDED') ORDER BY number`,
      [loanId],
    )) as Row<OpenDue>[];
    return rows.map((r) => ({ ...r, owedFen: BigInt(r.owedFen as string) }) as OpenDue);
  }

  // Set-based forms of the lookups above, for matching a chunk of statement lines with a few statements.

  /** Loans whose disbursement reference, bank loan number or contract number is one of `references`. */
  async loansByReferences(tx: EntityManager, bankIds: string[], references: string[]): Promise<LoanRef[]> {
    if (references.length === 0) return [];
    const rows = (await tx.query(
      // One index join per column (an OR over three arrays would not use them together).
      `WITH r(ref) AS (SELECT DISTINCT unnest($2::varchar[]))
       SELECT ${LOAN_COLUMNS} FROM loans WHERE id IN (
         SELECT l.id FROM r JOIN loans l ON l.disbursement_reference = r.ref
         UNION SELECT l.id FROM r JOIN loans l ON l.bank_loan_number = r.ref
         UNION SELECT l.id FROM r JOIN loans l ON l.contract_number = r.ref)
        AND bank_organisation_id = ANY($1::uuid[])`,
      [bankIds, references],
    )) as Row<LoanRef>[];
    return rows.map(loanOf);
  }

  /** Active or overdue loans paid into accounts with these keyed hashes, with the hash each was found by. */
  async loansByBorrowerAccounts(
    tx: EntityManager,
    bankIds: string[],
    accountIndexes: string[],
  ): Promise<(LoanRef & { borrowerAccountIndex: string })[]> {
    if (accountIndexes.length === 0) return [];
    const rows = (await tx.query(
      `SELECT ${LOAN_COLUMNS}, borrower_account_index AS "borrowerAccountIndex" FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[]) AND borrower_account_index = ANY($2::varchar[])
          AND status IN ('ACTIVE', 'OVERDUE')`,
      [bankIds, accountIndexes],
    )) as Row<LoanRef & { borrowerAccountIndex: string }>[];
    return rows.map((r) => loanOf(r) as LoanRef & { borrowerAccountIndex: string });
  }

  /** Active or overdue loans of these banks made to these applicants, with the applicant of each. */
  async loansOfApplicantsById(
    tx: EntityManager,
    bankIds: string[],
    applicantIds: string[],
  ): Promise<(LoanRef & { applicantId: string })[]> {
    if (applicantIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT ${LOAN_COLUMNS}, applicant_id AS "applicantId" FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[]) AND applicant_id = ANY($2::uuid[]) AND status IN ('ACTIVE', 'OVERDUE')`,
      [bankIds, applicantIds],
    )) as Row<LoanRef & { applicantId: string }>[];
    return rows.map((r) => loanOf(r) as LoanRef & { applicantId: string });
  }

  /** Posted repayments of these banks' loans with one of these external references. */
  async repaymentsByReferences(tx: EntityManager, bankIds: string[], references: string[]): Promise<RepaymentRef[]> {
    if (references.length === 0) return [];
    const rows = (await tx.query(
      `SELECT r.id, r.loan_id AS "loanId", r.amount_fen::text AS "amountFen", r.value_date AS "valueDate",
              r.external_reference AS "externalReference"
         FROM repayments r JOIN loans l ON l.id = r.loan_id
        WHERE l.bank_organisation_id = ANY($1::uuid[]) AND r.external_reference = ANY($2::varchar[])
          AND r.status = 'POSTED'`,
      [bankIds, references],
    )) as Row<RepaymentRef>[];
    return rows.map((r) => ({ ...r, amountFen: BigInt(r.amountFen as string) }) as RepaymentRef);
  }

  /** Open installments of these loans, oldest first per loan (a loan with none is absent). */
  async openDuesOf(tx: EntityManager, loanIds: string[]): Promise<Map<string, OpenDue[]>> {
    const byLoan = new Map<string, OpenDue[]>();
    if (loanIds.length === 0) return byLoan;
    const rows = (await tx.query(
      `SELECT loan_id AS "loanId", id::text AS "installmentId", number, due_date AS "dueDate",
              ((principal_due_fen - principal_paid_fen) + (interest_due_fen - interest_paid_fen)
                + (penalty_accrued_fen - penalty_paid_fen))::text AS "owedFen"
         FROM installments WHERE loan_id = ANY($1::uuid[]) AND status NOT IN ('PAID', 'SUPERSEDED')
        ORDER BY loan_id, number`,
      [loanIds],
    )) as (Row<OpenDue> & { loanId: string })[];
    for (const { loanId, ...r } of rows) {
      const list = byLoan.get(loanId) ?? [];
      list.push({ ...r, owedFen: BigInt(r.owedFen as string) } as OpenDue);
      byLoan.set(loanId, list);
    }
    return byLoan;
  }

  /** Disbursements (value date) and posted repayments of these banks' loans in a period: our side of a statement. */
  async recordsBetween(tx: EntityManager, bankIds: string[], from: string, to: string) {
    const disbursements = (await tx.query(
      `SELECT ${LOAN_COLUMNS} FROM loans
        WHERE bank_organisation_id = ANY($1::uuid[]) AND value_date BETWEEN $2::date AND $3::date`,
      [bankIds, from, to],
    )) as Row<LoanRef>[];
    const repayments = (await tx.query(
      `SELECT r.id, r.loan_id AS "loanId", r.amount_fen::text AS "amountFen", r.value_date AS "valueDate",
              r.external_reference AS "externalReference"
         FROM repayments r JOIN loans l ON l.id = r.loan_id
        WHERE l.bank_organisation_id = ANY($1::uuid[]) AND r.status = 'POSTED' AND r.value_date BETWEEN $2::date AND $3::date`,
      [bankIds, from, to],
    )) as Row<RepaymentRef>[];
    return {
      disbursements: disbursements.map(loanOf),
      repayments: repayments.map((r) => ({ ...r, amountFen: BigInt(r.amountFen as string) }) as RepaymentRef),
    };
  }
}
