import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Installment } from '../contracts/installment.entity';
import { RepaymentAllocation } from './repayment-allocation.entity';
import { Repayment } from './repayment.entity';

export interface InstallmentChange {
  id: string;
  penalty: bigint;
  interest: bigint;
  principal: bigint;
  status: string;
}

/** One installment's servicing figures, as the replay writes them back. */
export interface LedgerRowWrite {
  id: string;
  principalPaid: bigint;
  interestPaid: bigint;
  penaltyPaid: bigint;
  penaltyAccrued: bigint;
  penaltyFenDays: bigint;
  penaltyThrough: string | null;
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

  /**
   * Every installment of a loan (superseded ones too), in schedule order, locked: a nightly close that is updating
   * them finishes first, and its work is read rather than overwritten.
   */
  allInstallments(tx: EntityManager, loanId: string): Promise<Installment[]> {
    return tx.find(Installment, { where: { loanId }, order: { number: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Posted repayments after a point of a loan's value-date order, oldest first, with their splits: after `valueDate`
   * when `seq` is null (a new payment goes after the postings of its own date), else from (valueDate, seq) on.
   */
  async postedAfter(
    tx: EntityManager,
    loanId: string,
    valueDate: string,
    seq: string | null,
  ): Promise<{ repayment: Repayment; allocations: RepaymentAllocation[] }[]> {
    const repayments = await tx
      .createQueryBuilder(Repayment, 'r')
      .where(`r.loan_id = :loanId AND r.status = 'POSTED'`, { loanId })
      .andWhere(
        seq === null ? 'r.value_date > :valueDate' : '(r.value_date, r.seq) >= (:valueDate::date, :seq::bigint)',
        {
          valueDate,
          seq,
        },
      )
      .orderBy('r.value_date', 'ASC')
      .addOrderBy('r.seq', 'ASC')
      .getMany();
    if (repayments.length === 0) return [];
    const allocations = await tx
      .createQueryBuilder(RepaymentAllocation, 'a')
      .where('a.repayment_id IN (:...ids)', { ids: repayments.map((r) => r.id) })
      .orderBy('a.id', 'ASC')
      .getMany();
    return repayments.map((repayment) => ({
      repayment,
      allocations: allocations.filter((a) => a.repaymentId === repayment.id),
    }));
  }

  /** Writes back replayed installment figures in one statement. */
  async saveLedgerRows(tx: EntityManager, rows: LedgerRowWrite[]): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const values = rows.map((r) => {
      params.push(
        r.id,
        r.principalPaid.toString(),
        r.interestPaid.toString(),
        r.penaltyPaid.toString(),
        r.penaltyAccrued.toString(),
        r.penaltyFenDays.toString(),
        r.penaltyThrough,
        r.status,
      );
      const b = params.length - 8;
      return `($${b + 1}::bigint, $${b + 2}::bigint, $${b + 3}::bigint, $${b + 4}::bigint, $${b + 5}::bigint, $${b + 6}::bigint, $${b + 7}::date, $${b + 8}::varchar)`;
    });
    await tx.query(
      `UPDATE installments i
          SET principal_paid_fen = v.principal, interest_paid_fen = v.interest, penalty_paid_fen = v.penalty,
              penalty_accrued_fen = v.accrued, penalty_fen_days = v.fen_days, penalty_accrued_through = v.through,
              status = v.status
         FROM (VALUES ${values.join(', ')}) AS v(id, principal, interest, penalty, accrued, fen_days, through, status)
        WHERE i.id = v.id`,
      params,
    );
  }

  /** Replaces a posting's split (a replay moved it) and the credit it left. */
  async resplit(
    tx: EntityManager,
    repaymentId: string,
    creditFen: bigint,
    rows: Omit<RepaymentAllocation, 'id'>[],
  ): Promise<void> {
    await tx.delete(RepaymentAllocation, { repaymentId });
    if (rows.length > 0) await tx.insert(RepaymentAllocation, rows);
    await tx.update(Repayment, { id: repaymentId }, { creditFen });
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
    values: Omit<
      Repayment,
      'id' | 'seq' | 'postedAt' | 'reversedAt' | 'reversedByUserId' | 'reversalReason' | 'status'
    >,
  ): Promise<Repayment> {
    const result = await tx.insert(Repayment, { ...values, status: 'POSTED' });
    return tx.findOneOrFail(Repayment, { where: { id: result.identifiers[0].id as string } });
  }

  async insertAllocations(tx: EntityManager, rows: Omit<RepaymentAllocation, 'id'>[]): Promise<void> {
    if (rows.length > 0) await tx.insert(RepaymentAllocation, rows);
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
