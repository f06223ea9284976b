import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LoanPolicy } from './loan-policy.entity';
import type { NewPolicyValues } from './policy-input';
import type { PolicyStatus } from './policy-rules';

export interface PolicyFilter {
  code?: string;
  /** Exact jurisdiction code. */
  jurisdictionRegionCode?: string;
  status?: PolicyStatus;
  /** 'YYYY-MM-DD': only versions whose effective range contains this date. */
  effectiveOn?: string;
}

export interface PolicyListKey {
  code: string;
  jurisdictionRegionCode: string;
  version: number;
}

@Injectable()
export class LoanPolicyRepository {
  findById(tx: EntityManager, id: string): Promise<LoanPolicy | null> {
    return tx.findOne(LoanPolicy, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<LoanPolicy | null> {
    return tx.findOne(LoanPolicy, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Serialises the versions of one code and jurisdiction until the transaction ends, so two concurrent creates
   * cannot both pass the overlap check (there may be no row to lock yet).
   */
  async lockVersionLine(tx: EntityManager, code: string, jurisdictionRegionCode: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `loan_policies:${code}:${jurisdictionRegionCode}`,
    ]);
  }

  /** ACTIVE versions of the code and jurisdiction whose inclusive range meets [from, to] (to null = open-ended). */
  findActiveOverlapping(
    tx: EntityManager,
    code: string,
    jurisdictionRegionCode: string,
    from: string,
    to: string | null,
  ): Promise<LoanPolicy[]> {
    return tx
      .createQueryBuilder(LoanPolicy, 'p')
      .where('p.code = :code AND p.jurisdiction_region_code = :jurisdiction', {
        code,
        jurisdiction: jurisdictionRegionCode,
      })
      .andWhere(`p.status = 'ACTIVE'`)
      .andWhere('(p.effective_to IS NULL OR p.effective_to >= :from)', { from })
      .andWhere('(CAST(:to AS date) IS NULL OR p.effective_from <= CAST(:to AS date))', { to })
      .orderBy('p.effective_from', 'ASC')
      .getMany();
  }

  async maxVersion(tx: EntityManager, code: string, jurisdictionRegionCode: string): Promise<number> {
    const rows = (await tx.query(
      'SELECT coalesce(max(version), 0)::int AS v FROM loan_policies WHERE code = $1 AND jurisdiction_region_code = $2',
      [code, jurisdictionRegionCode],
    )) as { v: number }[];
    return rows[0].v;
  }

  async insert(tx: EntityManager, values: NewPolicyValues & { version: number }): Promise<LoanPolicy> {
    const result = await tx.insert(LoanPolicy, { ...values, status: 'ACTIVE', retiredAt: null });
    return tx.findOneOrFail(LoanPolicy, { where: { id: result.identifiers[0].id as string } });
  }

  /** Guarded transition ACTIVE → RETIRED; false when the row was not ACTIVE. */
  async markRetired(tx: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(LoanPolicy)
      .set({ status: 'RETIRED', retiredAt: at })
      .where(`id = :id AND status = 'ACTIVE'`, { id })
      .execute();
    return result.affected === 1;
  }

  /** The version of a code and jurisdiction that starts on a date, whatever its status (seeding). */
  findByStart(
    tx: EntityManager,
    code: string,
    jurisdictionRegionCode: string,
    effectiveFrom: string,
  ): Promise<LoanPolicy | null> {
    return tx.findOne(LoanPolicy, { where: { code, jurisdictionRegionCode, effectiveFrom } });
  }

  /** ACTIVE versions in force on the date, in every jurisdiction (optionally one code). */
  findActiveInForceOn(tx: EntityManager, onDate: string, code?: string): Promise<LoanPolicy[]> {
    const qb = tx
      .createQueryBuilder(LoanPolicy, 'p')
      .where(`p.status = 'ACTIVE'`)
      .andWhere('p.effective_from <= :on AND (p.effective_to IS NULL OR p.effective_to >= :on)', { on: onDate });
    if (code) qb.andWhere('p.code = :code', { code });
    return qb.orderBy('p.code', 'ASC').addOrderBy('p.jurisdiction_region_code', 'ASC').getMany();
  }

  /** Keyset page ordered by code, jurisdiction, version. */
  list(tx: EntityManager, filter: PolicyFilter, limit: number, after?: PolicyListKey): Promise<LoanPolicy[]> {
    const qb = tx.createQueryBuilder(LoanPolicy, 'p');
    if (filter.code) qb.andWhere('p.code = :code', { code: filter.code });
    if (filter.jurisdictionRegionCode) {
      qb.andWhere('p.jurisdiction_region_code = :jurisdiction', { jurisdiction: filter.jurisdictionRegionCode });
    }
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.effectiveOn) {
      qb.andWhere('p.effective_from <= :on AND (p.effective_to IS NULL OR p.effective_to >= :on)', {
        on: filter.effectiveOn,
      });
    }
    if (after) {
      qb.andWhere('(p.code, p.jurisdiction_region_code, p.version) > (:afterCode, :afterJurisdiction, :afterVersion)', {
        afterCode: after.code,
        afterJurisdiction: after.jurisdictionRegionCode,
        afterVersion: after.version,
      });
    }
    return qb
      .orderBy('p.code', 'ASC')
      .addOrderBy('p.jurisdiction_region_code', 'ASC')
      .addOrderBy('p.version', 'ASC')
      .limit(limit)
      .getMany();
  }
}
