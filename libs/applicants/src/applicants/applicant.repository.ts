import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { Applicant } from './applicant.entity';

export interface ApplicantFilter {
  regionCode?: string;
  category?: string;
  nameContains?: string;
  idNumberIndex?: string;
  mobileIndex?: string;
}

@Injectable()
export class ApplicantRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIdNumberIndex(index: string, tx: EntityManager = this.dataSource.manager): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { idNumberIndex: index } });
  }

  /** Applicants whose recorded spouse is this person, and the person recorded as this applicant's spouse. */
  /** Applicants with exactly this name (names are not unique: a caller narrows the result further). */
  async idsByName(name: string, limit = 500): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM applicants WHERE name = $1 ORDER BY id LIMIT $2`, [
      name,
      limit,
    ])) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** Applicant ids by name (at most `limit` per name, lowest ids first, as idsByName). */
  async idsByNames(names: string[], limit = 500): Promise<Map<string, string[]>> {
    const rows = (await this.dataSource.query(
      `SELECT n.name, a.id FROM unnest($1::text[]) AS n(name)
         CROSS JOIN LATERAL (SELECT id FROM applicants WHERE name = n.name ORDER BY id LIMIT $2) a`,
      [names, limit],
    )) as { name: string; id: string }[];
    const byName = new Map<string, string[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
    return byName;
  }

  findBySpouseIndex(index: string, tx: EntityManager = this.dataSource.manager): Promise<Applicant[]> {
    return tx.find(Applicant, { where: { spouseIdNumberIndex: index } });
  }

  async insert(
    tx: EntityManager,
    values: Omit<Applicant, 'id' | 'createdAt' | 'updatedAt' | 'version'>,
  ): Promise<Applicant> {
    const result = await tx.insert(Applicant, values);
    return tx.findOneOrFail(Applicant, { where: { id: result.identifiers[0].id as string } });
  }

  async update(tx: EntityManager, id: string, patch: Partial<Applicant>): Promise<Applicant> {
    await tx.update(Applicant, { id }, patch);
    return tx.findOneOrFail(Applicant, { where: { id } });
  }

  /** Keyset page by name, then id. */
  list(
    scope: Scope,
    filter: ApplicantFilter,
    limit: number,
    after?: { name: string; id: string },
  ): Promise<Applicant[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Applicant, 'a');
    applyScope(qb, scope, { region: 'a.region_code' });
    if (filter.regionCode) qb.andWhere('a.region_code LIKE :region', { region: `${filter.regionCode}%` });
    if (filter.category) qb.andWhere('a.category = :category', { category: filter.category });
    if (filter.nameContains)
      qb.andWhere('a.name LIKE :name', { name: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
    if (filter.idNumberIndex) qb.andWhere('a.id_number_index = :idx', { idx: filter.idNumberIndex });
    if (filter.mobileIndex) qb.andWhere('a.mobile_index = :midx', { midx: filter.mobileIndex });
    if (after) qb.andWhere('(a.name, a.id) > (:afterName, :afterId)', { afterName: after.name, afterId: after.id });
    return qb.orderBy('a.name', 'ASC').addOrderBy('a.id', 'ASC').limit(limit).getMany();
  }
}
