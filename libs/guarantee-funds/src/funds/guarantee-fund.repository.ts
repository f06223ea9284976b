import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { GuaranteeFund } from './guarantee-fund.entity';
import type { FundStatus } from './fund-status';

export interface FundFilter {
  status?: FundStatus;
  regionCode?: string;
}

@Injectable()
export class GuaranteeFundRepository {
  findById(tx: EntityManager, id: string): Promise<GuaranteeFund | null> {
    return tx.findOne(GuaranteeFund, { where: { id } });
  }

  /** The fund row locked for the rest of the transaction: every change that could cross its cap takes this lock. */
  lockById(tx: EntityManager, id: string): Promise<GuaranteeFund | null> {
    return tx.findOne(GuaranteeFund, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    tx: EntityManager,
    values: Omit<GuaranteeFund, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<GuaranteeFund> {
    const result = await tx.insert(GuaranteeFund, values);
    return tx.findOneOrFail(GuaranteeFund, { where: { id: result.identifiers[0].id as string } });
  }

  async update(tx: EntityManager, id: string, patch: Partial<GuaranteeFund>): Promise<GuaranteeFund> {
    await tx.update(GuaranteeFund, { id }, patch);
    return tx.findOneOrFail(GuaranteeFund, { where: { id } });
  }

  /** Keyset page by code, within the actor's region. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: FundFilter,
    limit: number,
    afterCode?: string,
  ): Promise<GuaranteeFund[]> {
    const qb = tx.createQueryBuilder(GuaranteeFund, 'f');
    applyScope(qb, scope, { region: 'f.region_code', organisation: 'f.agency_organisation_id' });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.regionCode) qb.andWhere('f.region_code LIKE :region', { region: `${filter.regionCode}%` });
    if (afterCode) qb.andWhere('f.code > :after', { after: afterCode });
    return qb.orderBy('f.code', 'ASC').limit(limit).getMany();
  }
}
