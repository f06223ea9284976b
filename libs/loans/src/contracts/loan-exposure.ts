import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { ConflictError, LocalDate, NotFoundError } from '@mla/core';
import { InstallmentRepository } from './installment.repository';
import type { Loan } from './loan.entity';
import { LoanEvents } from './loan-events';
import { LoanRepository } from './loan.repository';
import { LoanErrorCode } from '../errors';
import { InstallmentStatus, LoanStatus } from './loan-status';
import { summarizeLoan } from './loan-summary';

/** A loan's exposure on a date, as a guarantee fund's compensation sees it. */
export interface LoanExposure {
  loan: Loan;
  principalOutstandingFen: bigint;
  /** Interest of installments due by the date and not paid; future interest and penalty are not included. */
  interestOverdueFen: bigint;
  daysPastDue: number;
}

/** Repayment at maturity (到期还款率) over a period: what fell due, and what of it was paid by its due date. */
export interface MaturityRepayment {
  dueFen: bigint;
  paidByDueDateFen: bigint;
}

/** A loan past due by the last nightly close, as a guarantee fund's alert needs it. */
export interface PastDueLoan {
  loanId: string;
  applicationId: string;
  contractNumber: string;
  daysPastDue: number;
  principalOutstandingFen: bigint;
}

/** Loan facts and state changes that the guarantee context needs; the loan's own tables stay behind this. */
@Injectable()
export class LoanExposureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly installments: InstallmentRepository,
    private readonly events: LoanEvents,
    private readonly audit: AuditLog,
  ) {}

  /** Reads the loan under its row lock in the caller's transaction. */
  async exposureOn(tx: EntityManager, loanId: string, asOf: LocalDate): Promise<LoanExposure> {
    const loan = await this.loans.lockById(tx, loanId);
    if (!loan) throw new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${loanId} not found`, { id: loanId });
    const rows = await this.installments.ofLoan(tx, loanId);
    const summary = summarizeLoan(rows, loan, asOf);
    const interestOverdueFen = rows
      .filter((i) => i.status !== InstallmentStatus.SUPERSEDED && i.dueDate <= asOf.toString())
      .reduce((sum, i) => sum + (i.interestDueFen - i.interestPaidFen), 0n);
    return {
      loan,
      principalOutstandingFen: summary.principalOutstandingFen,
      interestOverdueFen,
      daysPastDue: summary.daysPastDue,
    };
  }

  /**
   * Loans in servicing more than `minDaysPastDue` days past due as of the nightly close, read in the caller's
   * transaction (the close's: its days-past-due step ran before). Set-based, for the compensation-alert step.
   */
  async pastDueLoans(tx: EntityManager, minDaysPastDue: number): Promise<PastDueLoan[]> {
    const rows = (await tx.query(
      `SELECT l.id AS "loanId", l.application_id AS "applicationId", l.contract_number AS "contractNumber",
              l.days_past_due AS "daysPastDue",
              (SELECT COALESCE(sum(i.principal_due_fen - i.principal_paid_fen), 0)::text
                 FROM installments i WHERE i.loan_id = l.id) AS principal
         FROM loans l
        WHERE l.days_past_due > $1 AND l.status IN ('ACTIVE', 'OVERDUE')`,
      [minDaysPastDue],
    )) as (Omit<PastDueLoan, 'principalOutstandingFen'> & { principal: string })[];
    return rows.map(({ principal, ...r }) => ({ ...r, principalOutstandingFen: BigInt(principal) }));
  }

  /** The fund has paid its share: the loan leaves servicing as COMPENSATED (a guarded update; audited). */
  async markCompensated(tx: EntityManager, loanId: string, reference: string): Promise<Loan> {
    const [, changed] = (await tx.query(
      `UPDATE loans SET status = $2, updated_at = now() WHERE id = $1 AND status IN ('ACTIVE', 'OVERDUE')`,
      [loanId, LoanStatus.COMPENSATED],
    )) as [unknown, number];
    if (changed !== 1) {
      throw new ConflictError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${loanId} is no longer active or overdue`);
    }
    const loan = (await this.loans.findById(tx, loanId)) as Loan;
    await this.audit.record(tx, {
      action: 'loan.compensated',
      entityType: 'loan',
      entityId: loanId,
      before: { status: 'ACTIVE|OVERDUE' },
      after: { status: loan.status, reference },
    });
    await this.events.publish(tx, { type: 'COMPENSATED', loanId, applicationId: loan.applicationId, reference });
    return loan;
  }

  /**
   * 到期还款率 of a set of loans: principal and interest of the installments falling due in [from, to], and the
   * part paid (by posted repayments) with a value date on or before each installment's due date.
   */
  async maturityRepayment(
    loanIds: string[],
    from: LocalDate,
    to: LocalDate,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<MaturityRepayment> {
    if (loanIds.length === 0) return { dueFen: 0n, paidByDueDateFen: 0n };
    // On the caller's connection: it may hold a fund's row lock, and a second connection could wait for the pool.
    const [row] = (await tx.query(
      `SELECT COALESCE(SUM(i.principal_due_fen + i.interest_due_fen), 0)::text AS due,
              COALESCE(SUM(p.on_time), 0)::text AS paid
         FROM installments i
         LEFT JOIN LATERAL (
           SELECT SUM(a.principal_fen + a.interest_fen) AS on_time
             FROM repayment_allocations a JOIN repayments r ON r.id = a.repayment_id
            WHERE a.installment_id = i.id AND r.status = 'POSTED' AND r.value_date <= i.due_date) p ON true
        WHERE i.loan_id = ANY($1::uuid[]) AND i.status <> 'SUPERSEDED' AND i.due_date BETWEEN $2::date AND $3::date`,
      [loanIds, from.toString(), to.toString()],
    )) as { due: string; paid: string }[];
    return { dueFen: BigInt(row.due), paidByDueDateFen: BigInt(row.paid) };
  }
}
