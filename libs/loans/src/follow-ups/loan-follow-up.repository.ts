import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoanFollowUp } from './loan-follow-up.entity';

export type NewLoanFollowUp = Omit<
  LoanFollowUp,
  'id' | 'loan' | 'withdrawnAt' | 'withdrawnByUserId' | 'withdrawnByName' | 'withdrawalReason'
>;

/** Where a page of a loan's follow-ups ended: newest visit first, then newest record. */
export type FollowUpKey = { on: string; at: string; id: string };

@Injectable()
export class LoanFollowUpRepository {
  async insert(tx: EntityManager, values: NewLoanFollowUp): Promise<LoanFollowUp> {
    const result = await tx.insert(LoanFollowUp, values);
    return tx.findOneOrFail(LoanFollowUp, { where: { id: result.identifiers[0].id as string } });
  }

  lockOfLoan(tx: EntityManager, loanId: string, id: string): Promise<LoanFollowUp | null> {
    return tx.findOne(LoanFollowUp, { where: { id, loanId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Withdraws a record still standing; false when it was withdrawn meanwhile. */
  async withdrawIfStanding(
    tx: EntityManager,
    id: string,
    values: Pick<LoanFollowUp, 'withdrawnAt' | 'withdrawnByUserId' | 'withdrawnByName' | 'withdrawalReason'>,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(LoanFollowUp)
      .set(values)
      .where('id = :id AND withdrawn_at IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  list(tx: EntityManager, loanId: string, limit: number, after?: FollowUpKey): Promise<LoanFollowUp[]> {
    const qb = tx.createQueryBuilder(LoanFollowUp, 'f').where('f.loan_id = :loanId', { loanId });
    if (after) {
      qb.andWhere(
        `(f.visited_on < :on OR (f.visited_on = :on AND (f.recorded_at < :at OR (f.recorded_at = :at AND f.id < :id))))`,
        after,
      );
    }
    return qb
      .orderBy('f.visited_on', 'DESC')
      .addOrderBy('f.recorded_at', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(limit)
      .getMany();
  }
}
