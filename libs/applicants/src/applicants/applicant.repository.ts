import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
  findById(tx: EntityManager, id: string): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIdNumberIndex(tx: EntityManager, index: string): Promise<Applicant | null> {
    return tx.findOne(Applicant, { where: { idNumberIndex: index } });
  }

  /**
   * Applicant ids with exactly these names (names are not unique: a caller narrows further), at most `limit` per
   * name, lowest ids first.
   */
  async idsByNames(tx: EntityManager, names: string[], limit = 500): Promise<Map<string, string[]>> {
    const rows = (await tx.query(
      `SELECT n.name, a.id FROM unnest($1::text[]) AS n(name)
         CROSS JOIN LATERAL (SELECT id FROM applicants WHERE name = n.name ORDER BY id LIMIT $2) a`,
      [names, limit],
    )) as { name: string; id: string }[];
    const byName = new Map<string, string[]>();
    for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
    return byName;
  }

  /** Names of these applicants by id (absent ids are left out). */
  async namesByIds(tx: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT id, name FROM applicants WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Name and the mobile as masked at registration (never its ciphertext). */
  async maskedContactsByIds(
    tx: EntityManager,
    ids: string[],
  ): Promise<{ id: string; name: string; mobileMasked: string }[]> {
    return (await tx.query(
      `SELECT id, name, mobile_masked AS "mobileMasked" FROM applicants WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; name: string; mobileMasked: string }[];
  }

  /** Name, masked ID number and village code: what a public notice starts from (it masks the name further). */
  async noticeFactsByIds(
    tx: EntityManager,
    ids: string[],
  ): Promise<{ id: string; name: string; idNumberMasked: string; regionCode: string }[]> {
    return (await tx.query(
      `SELECT id, name, id_number_masked AS "idNumberMasked", region_code AS "regionCode"
         FROM applicants WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; name: string; idNumberMasked: string; regionCode: string }[];
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
    tx: EntityManager,
    scope: Scope,
    filter: ApplicantFilter,
    limit: number,
    after?: { name: string; id: string },
  ): Promise<Applicant[]> {
    const qb = tx.createQueryBuilder(Applicant, 'a');
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
