import { ancestorsOf, isValidRegionCode, parseRegionCode, regionPrefix } from '@mla/core';

/** A code in the short form the regions table keys by: 6 digits down to county, 9 township, 12 village. */
export function shortRegionCode(code: string): string {
  if (!isValidRegionCode(code)) return code;
  const info = parseRegionCode(code);
  const prefix = regionPrefix(code);
  if (info.level === 'township' || info.level === 'village') return prefix;
  return prefix.padEnd(6, '0');
}

/**
 * Every region a record of `code` counts in: itself (short form) and its ancestors up to the province. A code that
 * is not a valid division code counts in itself only.
 */
export function regionChain(code: string): string[] {
  if (!isValidRegionCode(code)) return [code];
  return [...ancestorsOf(code), shortRegionCode(code)];
}

/** The (code, region) pairs of the codes found, for the snapshot statement's $2 and $3. */
export function chainPairs(codes: readonly string[]): [string[], string[]] {
  const from: string[] = [];
  const to: string[] = [];
  for (const code of new Set(codes)) {
    for (const region of new Set(regionChain(code))) {
      from.push(code);
      to.push(region);
    }
  }
  return [from, to];
}
