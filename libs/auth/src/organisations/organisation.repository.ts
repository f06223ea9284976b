import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '../access/access-policy';
import { applyScope } from '../access/scope-filter';
import { Organisation } from './organisation.entity';
import type { OrganisationKind } from './organisation-kind';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  regionCode?: string;
  status?: string;
}

@Injectable()
export class OrganisationRepository {
  findById(tx: EntityManager, id: string): Promise<Organisation | null> {
    return tx.findOne(Organisation, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<Organisation | null> {
    return tx.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    tx: EntityManager,
    org: Pick<Organisation, 'name' | 'kind' | 'regionCode' | 'parentId'>,
  ): Promise<Organisation> {
    const result = await tx.insert(Organisation, { ...org, status: 'ACTIVE' });
    return tx.findOneOrFail(Organisation, { where: { id: result.identifiers[0].id as string } });
  }

  async update(
    tx: EntityManager,
    id: string,
    patch: Partial<Pick<Organisation, 'name' | 'status' | 'parentId'>>,
  ): Promise<Organisation> {
    await tx.update(Organisation, { id }, patch);
    return tx.findOneOrFail(Organisation, { where: { id } });
  }

  /** The organisation and all organisations below it (a bank and its branches). */
  async selfAndDescendantIds(tx: EntityManager, id: string): Promise<string[]> {
    const rows = (await tx.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM organisations WHERE id = $1
         UNION SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id)
       SELECT id FROM tree`,
      [id],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Keyset page ordered by name, then id. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: OrganisationFilter,
    limit: number,
    after?: { name: string; id: string },
  ): Promise<Organisation[]> {
    const qb = tx.createQueryBuilder(Organisation, 'o');
    applyScope(qb, scope, { region: 'o.region_code', organisation: 'o.id' });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.regionCode) qb.andWhere('o.region_code LIKE :region', { region: `${filter.regionCode}%` });
    if (after) qb.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: after.name, afterId: after.id });
    return qb.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).getMany();
  }
}
