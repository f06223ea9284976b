import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An installment falling due (or past due) that still owes something, with what a reminder names. */
export interface DueInstallmentFact {
  installmentId: string;
  loanId: string;
  applicantId: string;
  regionCode: string;
  bankOrganisationId: string;
  contractNumber: string;
  /** The bank officer who signed the contract. */
  signedByUserId: string;
  dueDate: string;
  /** Principal, interest and penalty still owed, fen. */
  owedFen: bigint;
}

/** A loan with something past due (for the officers' daily digest). */
export interface LateLoanFact {
  loanId: string;
  applicantId: string;
  regionCode: string;
  /** Owed on the installments past due, fen. */
  lateFen: bigint;
  oldestDue: string;
}

/** What a notice about a loan names (contract, bank, borrower), by loan id. */
export interface LoanNoticeFact {
  loanId: string;
  applicantId: string;
  regionCode: string;
  bankOrganisationId: string;
  contractNumber: string;
}

/**
 * The loans context's port for reminders: one set-based read of the installments due on given dates (loans in
 * servicing only), so the notifications context never reads loan tables itself.
 */
@Injectable()
export class ReminderFactsPort {
  constructor(private readonly dataSource: DataSource) {}

  /** Installments of active or overdue loans due on one of `dueDates` with something still owed. One query. */
  async dueOn(dueDates: string[], tx: EntityManager = this.dataSource.manager): Promise<DueInstallmentFact[]> {
    if (dueDates.length === 0) return [];
    const rows = (await tx.query(
      `SELECT i.id::text AS "installmentId", l.id AS "loanId", l.applicant_id AS "applicantId",
              l.region_code AS "regionCode", l.bank_organisation_id AS "bankOrganisationId",
              l.contract_number AS "contractNumber", l.signed_by_user_id AS "signedByUserId", i.due_date AS "dueDate",
              (i.principal_due_fen + i.interest_due_fen + i.penalty_accrued_fen
                 - i.principal_paid_fen - i.interest_paid_fen - i.penalty_paid_fen)::text AS "owedFen"
         FROM installments i JOIN loans l ON l.id = i.loan_id
        WHERE i.due_date = ANY($1::date[]) AND i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE')
          AND l.status IN ('ACTIVE', 'OVERDUE')
          AND i.principal_due_fen + i.interest_due_fen + i.penalty_accrued_fen
              > i.principal_paid_fen + i.interest_paid_fen + i.penalty_paid_fen`,
      [dueDates],
    )) as (Omit<DueInstallmentFact, 'owedFen'> & { owedFen: string })[];
    return rows.map((r) => ({ ...r, owedFen: BigInt(r.owedFen) }));
  }

  /** Whether each installment still owes something now (a reminder about a paid one is not sent). */
  async stillOwed(installmentIds: string[], tx: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (installmentIds.length === 0) return new Set();
    const rows = (await tx.query(
      `SELECT i.id::text AS id FROM installments i JOIN loans l ON l.id = i.loan_id
        WHERE i.id = ANY($1::bigint[]) AND i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE')
          AND l.status IN ('ACTIVE', 'OVERDUE')`,
      [installmentIds],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Loans in servicing with an installment past due and unpaid on `today`: what is owed on those, the oldest due. */
  async lateLoans(today: string, tx: EntityManager = this.dataSource.manager): Promise<LateLoanFact[]> {
    const rows = (await tx.query(
      `SELECT l.id AS "loanId", l.applicant_id AS "applicantId", l.region_code AS "regionCode",
              sum(i.principal_due_fen + i.interest_due_fen + i.penalty_accrued_fen
                  - i.principal_paid_fen - i.interest_paid_fen - i.penalty_paid_fen)::text AS "lateFen",
              min(i.due_date)::text AS "oldestDue"
         FROM installments i JOIN loans l ON l.id = i.loan_id
        WHERE i.due_date < $1::date AND i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE')
          AND l.status IN ('ACTIVE', 'OVERDUE')
          AND i.principal_due_fen + i.interest_due_fen + i.penalty_accrued_fen
              > i.principal_paid_fen + i.interest_paid_fen + i.penalty_paid_fen
        GROUP BY l.id`,
      [today],
    )) as (Omit<LateLoanFact, 'lateFen'> & { lateFen: string })[];
    return rows.map((r) => ({ ...r, lateFen: BigInt(r.lateFen) }));
  }

  /** The contract facts of these loans. */
  async loansById(
    loanIds: string[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, LoanNoticeFact>> {
    if (loanIds.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT id AS "loanId", applicant_id AS "applicantId", region_code AS "regionCode",
              bank_organisation_id AS "bankOrganisationId", contract_number AS "contractNumber"
         FROM loans WHERE id = ANY($1::uuid[])`,
      [loanIds],
    )) as LoanNoticeFact[];
    return new Map(rows.map((r) => [r.loanId, r]));
  }
}
