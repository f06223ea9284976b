import { BadInputError, CommonErrorCode } from '../errors/domain-error';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

/** Parsed administrative division code (行政区划代码 / 统计用区划代码). */
export interface RegionCodeInfo {
  /** The code as given. */
  code: string;
  level: RegionLevel;
  /** 6-digit codes of the enclosing units; null above the code's own level. */
  provinceCode: string;
  cityCode: string | null;
  countyCode: string | null;
  /** 9-digit township code; null above township level. */
  townshipCode: string | null;
}

// Digit blocks: province 2, city 2, county 2, township 3, village 3.
const BLOCK_ENDS = [2, 4, 6, 9, 12];
const LEVELS: RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

function invalid(raw: string, reason: string): BadInputError {
  return new BadInputError(CommonErrorCode.INVALID_REGION_CODE, `Invalid region code "${raw}": ${reason}`);
}

/**
 * The significant prefix of a code: trailing all-zero blocks removed, so '110000' → '11',
 * '110100' → '1101', '110105000' → '110105'. Padded forms of the same unit share it, and every
 * unit inside a region has a code that starts with it (what SQL scope filters use with LIKE).
 */
export function regionPrefix(raw: string): string {
  return significantPrefix(raw);
}

function significantPrefix(raw: string): string {
  if (typeof raw !== 'string' || !/^(\d{6}|\d{9}|\d{12})$/.test(raw)) {
    throw invalid(String(raw), 'expected 6 (county), 9 (township) or 12 (village) digits');
  }
  const blocks = BLOCK_ENDS.filter((end) => end <= raw.length).map((end, i) => raw.slice(BLOCK_ENDS[i - 1] ?? 0, end));
  while (blocks.length > 0 && /^0+$/.test(blocks[blocks.length - 1])) blocks.pop();
  if (blocks.length === 0) throw invalid(raw, 'province block 00 does not exist');
  const gap = blocks.findIndex((block) => /^0+$/.test(block));
  if (gap >= 0) throw invalid(raw, `a ${LEVELS[gap]} block of zeros is followed by non-zero digits`);
  return blocks.join('');
}

function padTo6(prefix: string): string {
  return prefix.padEnd(6, '0');
}

/**
 * Level from the trailing zero blocks: '110000' province, '110100' city, '110105' county,
 * 9 digits township, 12 digits village (padded forms such as '110105001000' count as the higher level).
 */
export function parseRegionCode(raw: string): RegionCodeInfo {
  const prefix = significantPrefix(raw);
  const levelIndex = BLOCK_ENDS.indexOf(prefix.length);
  return {
    code: raw,
    level: LEVELS[levelIndex],
    provinceCode: padTo6(prefix.slice(0, 2)),
    cityCode: levelIndex >= 1 ? padTo6(prefix.slice(0, 4)) : null,
    countyCode: levelIndex >= 2 ? prefix.slice(0, 6) : null,
    townshipCode: levelIndex >= 3 ? prefix.slice(0, 9) : null,
  };
}

export function isValidRegionCode(raw: string): boolean {
  try {
    significantPrefix(raw);
    return true;
  } catch {
    return false;
  }
}

/** Whether `descendant` lies within `ancestor` (or is the same unit): '110000' contains '110105001'. */
export function isAncestorOrSelf(ancestor: string, descendant: string): boolean {
  return significantPrefix(descendant).startsWith(significantPrefix(ancestor));
}

/**
 * The enclosing units from the province down, excluding the code itself, in short form
 * (6 digits down to county, 9 for a township): '110105001' → ['110000', '110100', '110105'].
 */
export function ancestorsOf(code: string): string[] {
  const info = parseRegionCode(code);
  const chain = [info.provinceCode, info.cityCode, info.countyCode, info.townshipCode];
  return chain.slice(0, LEVELS.indexOf(info.level)).filter((c): c is string => c !== null);
}
