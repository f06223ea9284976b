import { BadInputError, CommonErrorCode } from '../errors/domain-error';

/** Bank account or card number: spaces removed, then 12–30 digits. The message does not echo the number. */
export function normalizeBankAccount(raw: string): string {
  const digits = typeof raw === 'string' ? raw.replaceAll(' ', '') : '';
  if (!/^\d{12,30}$/.test(digits)) {
    const reason = /^\d*$/.test(digits) ? `got ${digits.length} digits` : 'contains characters other than digits';
    throw new BadInputError(
      CommonErrorCode.INVALID_BANK_ACCOUNT,
      `Invalid bank account: expected 12–30 digits, ${reason}`,
    );
  }
  return digits;
}

/** '6228 **** **** 0018': first 4 and last 4 digits kept. Never throws; very short values are masked whole. */
export function maskBankAccount(account: string): string {
  const compact = account.replaceAll(' ', '');
  if (compact.length <= 8) return '****';
  return `${compact.slice(0, 4)} **** **** ${compact.slice(-4)}`;
}
