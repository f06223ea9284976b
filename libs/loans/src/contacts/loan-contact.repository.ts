import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoanContact } from './loan-contact.entity';

/** The keyset of a loan's contacts, newest first. */
export type ContactKey = {
  at: string;
  id: string;
};

@Injectable()
export class LoanContactRepository {
  async insert(tx: EntityManager, values: Omit<LoanContact, 'id' | 'loan'>): Promise<LoanContact> {
    const result = await tx.insert(LoanContact, values);
    return tx.findOneOrFail(LoanContact, { where: { id: result.identifiers[0].id as string } });
  }

  /** A loan's contacts, newest first (by when they took place), `limit` rows after the key. */
  ofLoan(tx: EntityManager, loanId: string, limit: number, after?: ContactKey): Promise<LoanContact[]> {
    const qb = tx.createQueryBuilder(LoanContact, 'c').where('c.loan_id = :loanId', { loanId });
    if (after) {
      qb.andWhere('(c.contacted_at, c.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    return qb.orderBy('c.contacted_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
  }
}
