import { BadInputError, CommonErrorCode } from '../errors/domain-error';
import { LocalDate } from '../date/local-date';

/** Parsed GB 11643-1999 resident identity number. */
export interface ResidentIdInfo {
  /** The 18 characters with a lower-case check character x upper-cased. */
  normalized: string;
  /** Administrative division of first registration (digits 1–6). */
  regionCode: string;
  birthDate: LocalDate;
  /** From digit 17: even = female. */
  sex: 'F' | 'M';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

function invalid(reason: string): BadInputError {
  return new BadInputError(CommonErrorCode.INVALID_RESIDENT_ID, `Invalid resident ID: ${reason}`);
}

/** Check character for the first 17 digits (e.g. for building test data). */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw invalid('the check character needs exactly 17 digits');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Validates and parses an 18-character resident ID. Nothing is trimmed. Messages say what is wrong
 * without echoing the whole number (it is sensitive personal information).
 * `today` (optional) rejects birth dates after it.
 */
export function parseResidentId(raw: string, today?: LocalDate): ResidentIdInfo {
  if (typeof raw !== 'string') throw invalid('not a string');
  if (raw.length !== 18) throw invalid(`must be 18 characters, got ${raw.length}`);
  const normalized = raw.endsWith('x') ? raw.slice(0, 17) + 'X' : raw;
  const badPosition = [...normalized].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
  if (badPosition >= 0) {
    const allowed = badPosition === 17 ? 'a digit or X' : 'a digit';
    throw invalid(`character ${badPosition + 1} ("${normalized[badPosition]}") must be ${allowed}`);
  }
  const birthDigits = normalized.slice(6, 14);
  let birthDate: LocalDate;
  try {
    birthDate = LocalDate.parse(birthDigits);
  } catch {
    throw invalid(`birth date ${birthDigits} (characters 7–14) is not a real date`);
  }
  if (today && birthDate.isAfter(today)) throw invalid(`birth date ${birthDate} is in the future`);
  const expected = residentIdCheckCharacter(normalized.slice(0, 17));
  if (normalized[17] !== expected) {
    throw invalid(`check character is ${normalized[17]}, expected ${expected}`);
  }
  return {
    normalized,
    regionCode: normalized.slice(0, 6),
    birthDate,
    sex: Number(normalized[16]) % 2 === 0 ? 'F' : 'M',
  };
}

export function isValidResidentId(raw: string, today?: LocalDate): boolean {
  try {
    parseResidentId(raw, today);
    return true;
  } catch {
    return false;
  }
}

/**
 * For lists posted in public (公示): only the first 4 and the last 4 kept, '1502**********002X'. Works on a full number
 * or on one already masked by `maskResidentId` (it keeps those characters). Never throws.
 */
export function maskResidentIdForNotice(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** '110105********002X': first 6 and last 4 kept; shorter values are masked whole. Never throws. */
export function maskResidentId(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
