import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Scope } from './access-policy';

export interface ScopeColumns {
  /** Column holding the record's region code. */
  region?: string;
  /** Column holding the owning organisation (the bank for bank records, the organisation itself, …). */
  organisation?: string;
}

/** Adds the actor's scope to a list query, so lists show exactly what single reads would allow. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: Scope,
  columns: ScopeColumns,
): SelectQueryBuilder<T> {
  switch (scope.kind) {
    case 'all':
      return qb;
    case 'region':
      if (!columns.region) return qb.andWhere('false');
      return qb.andWhere(`${columns.region} LIKE :scopeRegionPrefix`, { scopeRegionPrefix: `${scope.regionPrefix}%` });
    case 'organisation':
      if (!columns.organisation) return qb.andWhere('false');
      return qb.andWhere(`${columns.organisation} IN (:...scopeOrganisationIds)`, {
        scopeOrganisationIds: scope.organisationIds,
      });
  }
}
