import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Installment } from '../contracts/installment.entity';
import { accruesPenaltySql, penaltyIncrementSql } from './penalty-accrual.sql';
import { RepaymentAllocation } from './repayment-allocation.entity';
import { Repayment } from './repayment.entity';

export interface InstallmentChange {
  id: string;
  penalty: bigint;
  interest: bigint;
  principal: bigint;
  status: string;
}

@Injectable()
export class PostingRepository {
  findByReference(tx: EntityManager, loanId: string, externalReference: string): Promise<Repayment | null> {
    return tx.findOne(Repayment, { where: { loanId, externalReference } });
  }

  findById(tx: EntityManager, id: string): Promise<Repayment | null> {
    return tx.findOne(Repayment, { where: { id } });
  }

  openInstallments(tx: EntityManager, loanId: string): Promise<Installment[]> {
    return tx
      .createQueryBuilder(Installment, 'i')
      .where(`i.loan_id = :loanId AND i.status NOT IN ('PAID', 'SUPERSEDED')`, { loanId })
      .orderBy('i.number', 'ASC')
      .getMany();
  }

  /** Adds (or, negated, removes) paid amounts and sets statuses for many installments in one statement. */
  async applyToInstallments(tx: EntityManager, changes: InstallmentChange[]): Promise<void> {
    if (changes.length === 0) return;
    const params: unknown[] = [];
    const values = changes.map((c) => {
      params.push(c.id, c.penalty.toString(), c.interest.toString(), c.principal.toString(), c.status);
      const b = params.length - 5;
      return `($${b + 1}::bigint, $${b + 2}::bigint, $${b + 3}::bigint, $${b + 4}::bigint, $${b + 5}::varchar)`;
    });
    await tx.query(
      `UPDATE installments i
          SET penalty_paid_fen = i.penalty_paid_fen + v.penalty, interest_paid_fen = i.interest_paid_fen + v.interest,
              principal_paid_fen = i.principal_paid_fen + v.principal, status = v.status
         FROM (VALUES ${values.join(', ')}) AS v(id, penalty, interest, principal, status)
        WHERE i.id = v.id`,
      params,
    );
  }

  async insertRepayment(
    tx: EntityManager,
    values: Omit<Repayment, 'id' | 'postedAt' | 'reversedAt' | 'reversedByUserId' | 'reversalReason' | 'status'>,
  ): Promise<Repayment> {
    const result = await tx.insert(Repayment, { ...values, status: 'POSTED' });
    return tx.findOneOrFail(Repayment, { where: { id: result.identifiers[0].id as string } });
  }

  async insertAllocations(tx: EntityManager, rows: Omit<RepaymentAllocation, 'id'>[]): Promise<void> {
    if (rows.length > 0) await tx.insert(RepaymentAllocation, rows);
  }

  allocationsOf(tx: EntityManager, repaymentId: string): Promise<RepaymentAllocation[]> {
    return tx.find(RepaymentAllocation, { where: { repaymentId }, order: { id: 'ASC' } });
  }

  async hasLaterPosted(tx: EntityManager, repayment: Repayment): Promise<boolean> {
    const n = await tx
      .createQueryBuilder(Repayment, 'r')
      .where(
        `r.loan_id = :loanId AND r.status = 'POSTED' AND r.id <> :id
         AND r.posted_at >= (SELECT posted_at FROM repayments WHERE id = :id)`,
        { loanId: repayment.loanId, id: repayment.id },
      )
      .getCount();
    return n > 0;
  }

  async markReversed(tx: EntityManager, id: string, userId: string, reason: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(Repayment)
      .set({ status: 'REVERSED', reversedAt: () => 'now()', reversedByUserId: userId, reversalReason: reason })
      .where(`id = :id AND status = 'POSTED'`, { id })
      .execute();
    return result.affected === 1;
  }

  async addCredit(tx: EntityManager, loanId: string, deltaFen: bigint, status: string): Promise<void> {
    await tx.query(
      `UPDATE loans SET credit_fen = credit_fen + $2::bigint, status = $3, updated_at = now() WHERE id = $1`,
      [loanId, deltaFen.toString(), status],
    );
  }

  /** Brings penalty on overdue installments up to `through` (the same formula as the daily close). */
  async accruePenaltyThrough(tx: EntityManager, loanId: string, through: string): Promise<void> {
    await tx.query(
      `UPDATE installments i
          SET penalty_accrued_fen = i.penalty_accrued_fen + ${penaltyIncrementSql('$2')}, penalty_accrued_through = $2::date
         FROM loans l
        WHERE l.id = i.loan_id AND i.loan_id = $1 AND ${accruesPenaltySql('$2')}`,
      [loanId, through],
    );
  }

  /**
   * Rewrites the not-yet-due installments for a payoff: the current one carries all remaining principal and the
   * interest accrued to the payoff date; later ones owe nothing more.
   */
  async settleFutureForPayoff(
    tx: EntityManager,
    currentId: string,
    laterIds: string[],
    principalFen: bigint,
    interestFen: bigint,
  ): Promise<void> {
    await tx.query(
      `UPDATE installments SET principal_due_fen = principal_paid_fen + $2::bigint, interest_due_fen = interest_paid_fen + $3::bigint
        WHERE id = $1`,
      [currentId, principalFen.toString(), interestFen.toString()],
    );
    if (laterIds.length > 0) {
      await tx.query(
        `UPDATE installments SET principal_due_fen = principal_paid_fen, interest_due_fen = interest_paid_fen, status = 'PAID'
          WHERE id = ANY($1::bigint[])`,
        [laterIds],
      );
    }
  }

  /** Ends the current period on a prepayment date: it then owes the interest accrued so far and the prepaid principal. */
  async closePeriodForPrepayment(
    tx: EntityManager,
    id: string,
    until: { periodEnd: string; dueDate: string; days: number },
    principalFen: bigint,
    interestFen: bigint,
  ): Promise<void> {
    await tx.query(
      `UPDATE installments SET period_end = $2, due_date = $3, days = $4,
              principal_due_fen = principal_paid_fen + $5::bigint, interest_due_fen = interest_paid_fen + $6::bigint
        WHERE id = $1`,
      [id, until.periodEnd, until.dueDate, until.days, principalFen.toString(), interestFen.toString()],
    );
  }

  async setMaturity(tx: EntityManager, loanId: string, maturityDate: string): Promise<void> {
    await tx.query(`UPDATE loans SET maturity_date = $2 WHERE id = $1`, [loanId, maturityDate]);
  }

  listOfLoan(tx: EntityManager, loanId: string): Promise<Repayment[]> {
    return tx.find(Repayment, { where: { loanId }, order: { postedAt: 'ASC' } });
  }
}
