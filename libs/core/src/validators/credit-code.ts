import { BadInputError, CommonErrorCode } from '../errors/domain-error';

/** Parsed GB 32100-2015 unified social credit code (统一社会信用代码). */
export interface CreditCodeInfo {
  /** Upper-cased code. */
  normalized: string;
  /** Character 1, e.g. 9 = market regulation (工商). */
  registrationAuthority: string;
  /** Character 2, e.g. 1 = enterprise under authority 9. */
  category: string;
  /** Characters 3–8: administrative division of registration. */
  regionCode: string;
}

export interface ParseCreditCodeOptions {
  /** A few real codes fail the check; skip it only behind an audited manual override. */
  ignoreCheckCharacter?: boolean;
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// 3^i mod 31 for i = 0..16
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function invalid(raw: string, reason: string): BadInputError {
  return new BadInputError(
    CommonErrorCode.INVALID_CREDIT_CODE,
    `Invalid unified social credit code "${raw}": ${reason}`,
  );
}

/** Check character for the first 17 characters (upper case). */
export function creditCodeCheckCharacter(first17: string): string {
  const values = [...first17].map((c) => CHARSET.indexOf(c));
  if (values.length !== 17 || values.includes(-1)) {
    throw invalid(first17, `the check character needs 17 characters from ${CHARSET}`);
  }
  const sum = values.reduce((total, value, i) => total + value * WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function parseCreditCode(raw: string, options: ParseCreditCodeOptions = {}): CreditCodeInfo {
  if (typeof raw !== 'string') throw invalid(String(raw), 'not a string');
  if (raw.length !== 18) throw invalid(raw, `must be 18 characters, got ${raw.length}`);
  const normalized = raw.toUpperCase();
  const badPosition = [...normalized].findIndex((c) => !CHARSET.includes(c));
  if (badPosition >= 0) {
    throw invalid(raw, `character ${badPosition + 1} ("${raw[badPosition]}") is not one of ${CHARSET}`);
  }
  const expected = creditCodeCheckCharacter(normalized.slice(0, 17));
  if (!options.ignoreCheckCharacter && normalized[17] !== expected) {
    throw invalid(raw, `check character is ${normalized[17]}, expected ${expected}`);
  }
  return {
    normalized,
    registrationAuthority: normalized[0],
    category: normalized[1],
    regionCode: normalized.slice(2, 8),
  };
}

export function isValidCreditCode(raw: string): boolean {
  try {
    parseCreditCode(raw);
    return true;
  } catch {
    return false;
  }
}
