import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LprRate } from './lpr-rate.entity';

@Injectable()
export class LprRepository {
  findByDate(tx: EntityManager, effectiveDate: string): Promise<LprRate | null> {
    return tx.findOne(LprRate, { where: { effectiveDate } });
  }

  async insert(
    tx: EntityManager,
    row: Pick<LprRate, 'effectiveDate' | 'oneYearPercent' | 'fiveYearPercent'>,
  ): Promise<LprRate> {
    await tx.insert(LprRate, row);
    return tx.findOneOrFail(LprRate, { where: { effectiveDate: row.effectiveDate } });
  }

  /** The publication in force on a date: the latest effective date on or before it. */
  findInForceOn(tx: EntityManager, onDate: string): Promise<LprRate | null> {
    return tx
      .createQueryBuilder(LprRate, 'r')
      .where('r.effective_date <= :on', { on: onDate })
      .orderBy('r.effective_date', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Newest first, keyset on the effective date. */
  list(tx: EntityManager, limit: number, beforeDate?: string): Promise<LprRate[]> {
    const qb = tx.createQueryBuilder(LprRate, 'r');
    if (beforeDate) qb.where('r.effective_date < :before', { before: beforeDate });
    return qb.orderBy('r.effective_date', 'DESC').limit(limit).getMany();
  }
}
