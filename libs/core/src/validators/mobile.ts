import { BadInputError, CommonErrorCode } from '../errors/domain-error';

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * Mainland mobile number as 11 digits; a leading '+86' or '86' is removed. Nothing else is stripped.
 * The message does not echo the number (personal information).
 */
export function normalizeMobile(raw: string): string {
  if (typeof raw !== 'string')
    throw new BadInputError(CommonErrorCode.INVALID_MOBILE, 'Invalid mobile number: not a string');
  const national = raw.startsWith('+86') ? raw.slice(3) : /^86\d{11}$/.test(raw) ? raw.slice(2) : raw;
  if (!MOBILE_PATTERN.test(national)) {
    throw new BadInputError(CommonErrorCode.INVALID_MOBILE, `Invalid mobile number: ${mobileProblem(national)}`);
  }
  return national;
}

export function isValidMobile(raw: string): boolean {
  try {
    normalizeMobile(raw);
    return true;
  } catch {
    return false;
  }
}

/** '138****8000': first 3 and last 4 kept; shorter values are masked whole. Never throws. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

function mobileProblem(national: string): string {
  if (/\D/.test(national)) return 'contains characters other than digits (only a +86 prefix is allowed)';
  if (national.length !== 11) return `expected 11 digits, got ${national.length}`;
  return `must start with 13–19, starts with ${national.slice(0, 2)}`;
}
