import { isAncestorOrSelf, regionPrefix } from '@mla/core';

export interface JurisdictionScoped {
  code: string;
  jurisdictionRegionCode: string;
}

export type Resolution<T> = { kind: 'found'; policy: T } | { kind: 'none' } | { kind: 'ambiguous'; policies: T[] };

/**
 * Among policies in force, those whose jurisdiction contains the region, the most specific jurisdiction first
 * (a county's own policy beats its province's). Two different codes at the same, most specific level are
 * ambiguous: the caller must name the code.
 */
export function pickMostSpecific<T extends JurisdictionScoped>(inForce: T[], regionCode: string): Resolution<T> {
  const applicable = inForce.filter((p) => isAncestorOrSelf(p.jurisdictionRegionCode, regionCode));
  if (applicable.length === 0) return { kind: 'none' };
  const depth = (p: T) => regionPrefix(p.jurisdictionRegionCode).length;
  const deepest = Math.max(...applicable.map(depth));
  const best = applicable.filter((p) => depth(p) === deepest);
  return best.length === 1 ? { kind: 'found', policy: best[0] } : { kind: 'ambiguous', policies: best };
}
