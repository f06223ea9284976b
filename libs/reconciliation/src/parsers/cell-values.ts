import { BadInputError, LocalDate, MAX_FEN } from '@mla/core';
import { StatementParseError, type StatementLocation } from './statement-parse-error';
import { ReconciliationErrorCode } from '../errors';

/** Cells such as '--', '----------' or '-------------------' are how Chinese bank exports say "empty". */
export function isPlaceholder(text: string): boolean {
  if (text === '') return true;
  const first = text.charCodeAt(0);
  // Checked per cell, so most cells are let go after one character.
  if (first !== 0x2d && first !== 0x2014 && first !== 0x2013) return false;
  return /^[-—–]+$/.test(text);
}

/** The trimmed text, or null when empty or a dash placeholder. */
export function textOrNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return isPlaceholder(trimmed) ? null : trimmed;
}

const PLAIN_YUAN = /^([+-]?)(\d+)\.(\d\d)$/;
const YUAN_TEXT = /^([+-])?\s*[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

function checkedFen(digits: string, negative: boolean, text: string, where: StatementLocation): bigint {
  const fen = BigInt(digits);
  // The bigint column's range, as Money enforces it.
  if (fen > MAX_FEN)
    throw new StatementParseError(
      `'${text}' is out of range`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_OUT_OF_RANGE,
      { value: text },
    );
  return negative ? -fen : fen;
}

/**
 * A yuan amount as the bank writes it ('+10000.00', '-12,345.89', '3,240.28', '5') to fen, exactly: string handling
 * only, no floating point. Decimals beyond the second must be zeros.
 */
export function parseYuanText(text: string, where: StatementLocation): bigint {
  // The common case first, without the general pattern: '-12345.89'.
  const plain = PLAIN_YUAN.exec(text);
  if (plain) return checkedFen(plain[2] + plain[3], plain[1] === '-', text, where);
  const match = YUAN_TEXT.exec(text.trim());
  if (!match)
    throw new StatementParseError(
      `'${text}' is not an amount`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
      { value: text },
    );
  const [, sign, integerPart, fraction = ''] = match;
  if (/[^0]/.test(fraction.slice(2))) {
    throw new StatementParseError(
      `'${text}' has more than 2 decimal places`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
      {
        value: text,
      },
    );
  }
  return checkedFen(integerPart.replaceAll(',', '') + fraction.slice(0, 2).padEnd(2, '0'), sign === '-', text, where);
}

// ISO 4217 minor units where they are not 2; any other currency has 2 (fen, cents).
const MINOR_UNITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
};

export function minorUnits(currency: string | null): number {
  return currency ? (MINOR_UNITS[currency] ?? 2) : 2;
}

/**
 * An unsigned decimal ('1605.00', '5', '0.5', MT940's '3058,98' or '2760,') to the currency's minor units, exactly.
 * Decimals beyond the currency's minor units must be zeros.
 */
export function parseDecimalToMinor(
  text: string,
  currency: string | null,
  where: StatementLocation,
  decimalSeparator: '.' | ',' = '.',
): bigint {
  const pattern = decimalSeparator === '.' ? /^(\d+)(?:\.(\d*))?$/ : /^(\d+)(?:,(\d*))?$/;
  const match = pattern.exec(text.trim());
  if (!match)
    throw new StatementParseError(
      `'${text}' is not an amount`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
      { value: text },
    );
  const [, integerPart, fraction = ''] = match;
  const digits = minorUnits(currency);
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new StatementParseError(
      `'${text}' has more decimals than ${currency ?? 'the currency'} allows`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
      { value: text },
    );
  }
  return BigInt(integerPart + fraction.slice(0, digits).padEnd(digits, '0'));
}

type DateFormat = 'AUTO' | 'YYYYMMDD' | 'YYYY-MM-DD';

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED_DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
// A date cell may carry the time too: '2024-01-03 12:34:56', '2024-01-03T12:34'.
const DATE_WITH_TIME = /^(\S+?)(?:(?:\s+|T)(\d{1,2}:\d{2}(?::\d{2})?))?$/;

export interface ParsedDate {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** 'HHMMSS' when the cell carried a time, else ''. */
  time: string;
}

/** 'YYYYMMDD', 'YYYY-MM-DD' or 'YYYY/MM/DD' (as `format` allows), optionally followed by a time. */
export function parseDateText(text: string, format: DateFormat, where: StatementLocation): ParsedDate {
  const whole = DATE_WITH_TIME.exec(text.trim());
  const datePart = whole?.[1] ?? '';
  const compact = format !== 'YYYY-MM-DD' ? COMPACT_DATE.exec(datePart) : null;
  const separated = format !== 'YYYYMMDD' ? SEPARATED_DATE.exec(datePart) : null;
  if (format === 'YYYY-MM-DD' && separated?.[2] === '/') {
    throw new StatementParseError(
      `'${text}' is not a date in the form YYYY-MM-DD`,
      where,
      ReconciliationErrorCode.STATEMENT_DATE_INVALID,
      {
        value: text,
      },
    );
  }
  const parts = compact
    ? [compact[1], compact[2], compact[3]]
    : separated
      ? [separated[1], separated[3], separated[4]]
      : null;
  if (!whole || !parts) {
    const expected = format === 'AUTO' ? 'YYYYMMDD, YYYY-MM-DD or YYYY/MM/DD' : format;
    throw new StatementParseError(
      `'${text}' is not a date (expected ${expected})`,
      where,
      ReconciliationErrorCode.STATEMENT_DATE_INVALID,
      {
        value: text,
      },
    );
  }
  return { date: isoDate(Number(parts[0]), Number(parts[1]), Number(parts[2]), text, where), time: timeKey(whole[2]) };
}

/** A real calendar date as 'YYYY-MM-DD' (2024-02-30 is refused). */
export function isoDate(year: number, month: number, day: number, text: string, where: StatementLocation): string {
  try {
    return LocalDate.of(year, month, day).toString();
  } catch (error) {
    if (error instanceof BadInputError)
      throw new StatementParseError(
        `'${text}' is not a date (${error.message})`,
        where,
        ReconciliationErrorCode.STATEMENT_DATE_INVALID,
        {
          value: text,
        },
      );
    throw error;
  }
}

/** An ISO date or date-time ('2023-10-09', '2023-10-09T02:00:04.000Z') to its date part as written (no zone shift). */
export function parseIsoDatePart(text: string, where: StatementLocation): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text.trim());
  if (!match) {
    throw new StatementParseError(
      `'${text}' is not an ISO date`,
      where,
      ReconciliationErrorCode.STATEMENT_DATE_INVALID,
      { value: text },
    );
  }
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]), text, where);
}

/** A time of day ('17:57:17', '9:05', '123456') as 'HHMMSS', only to order lines of the same day; '' if none. */
export function timeKey(text: string | null | undefined): string {
  const trimmed = text?.trim() ?? '';
  if (isPlaceholder(trimmed)) return '';
  if (trimmed.includes(':')) {
    return trimmed
      .split(':')
      .slice(0, 3)
      .map((part) => part.replace(/\D/g, '').padStart(2, '0'))
      .join('')
      .padEnd(6, '0');
  }
  return trimmed.replace(/\D/g, '').padStart(6, '0');
}

const CURRENCY_NAMES: Record<string, string> = {
  人民币: 'CNY',
  RMB: 'CNY',
  美元: 'USD',
  港币: 'HKD',
  港元: 'HKD',
  欧元: 'EUR',
  日元: 'JPY',
  英镑: 'GBP',
};

/** '人民币' / 'RMB' → 'CNY'; ISO codes upper-cased; other texts kept as written. */
export function normalizeCurrency(text: string | null): string | null {
  if (text === null) return null;
  const named = CURRENCY_NAMES[text.toUpperCase()] ?? CURRENCY_NAMES[text];
  if (named) return named;
  return /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : text;
}
