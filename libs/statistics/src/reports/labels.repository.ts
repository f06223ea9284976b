import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { maskPersonName } from '@mla/core';

/**
 * Names for breakdown keys (regions, banks, funds, officers), read from their contexts' tables (regions,
 * organisations, users of libs/auth; guarantee_funds of libs/guarantee-funds) for display only. Officers' names are
 * masked like every person in a list.
 */
@Injectable()
export class LabelsRepository {
  async regionNames(tx: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = (await tx.query(`SELECT code, name FROM regions WHERE code = ANY($1::text[])`, [codes])) as {
      code: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async childRegions(tx: EntityManager, code: string): Promise<{ code: string; name: string }[]> {
    return (await tx.query(`SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code`, [code])) as {
      code: string;
      name: string;
    }[];
  }

  async organisationNames(tx: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (uuids.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT id::text, name FROM organisations WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, name FROM guarantee_funds WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, display_name AS name FROM users WHERE id = ANY($1::uuid[])`,
      [uuids],
    )) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Officers: their display names, masked. */
  async officerNames(tx: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const names = await this.organisationNames(tx, ids);
    return new Map([...names].map(([id, name]) => [id, maskPersonName(name)]));
  }
}
