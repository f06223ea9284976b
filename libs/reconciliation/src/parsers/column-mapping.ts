import { StatementParseError } from './statement-parse-error';
import { DATE_FORMATS, DELIMITERS, type ColumnMapping } from './statement-types';
import { ReconciliationErrorCode } from '../errors';

export type Field = Exclude<
  keyof ColumnMapping,
  | 'dateFormat'
  | 'encoding'
  | 'delimiter'
  | 'creditValues'
  | 'debitValues'
  | 'invertSigns'
  | 'skipRowsContaining'
  | 'checkBalances'
>;
export const FIELDS: readonly Field[] = [
  'date',
  'time',
  'amount',
  'debit',
  'credit',
  'balance',
  'transactionId',
  'counterpartyName',
  'counterpartyAccount',
  'reference',
  'description',
  'currency',
  'direction',
];
export const MONEY_FIELDS: readonly Field[] = ['amount', 'debit', 'credit'];

/** What is wrong with a column mapping, in words; null when it can be used. */
export function mappingProblem(mapping: ColumnMapping | null | undefined): string | null {
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) return 'the column mapping is missing';
  // What is saved must be storable text (a NUL or half a UTF-16 pair is not).
  if (!storable(mapping)) return 'the column mapping holds characters that are not text';
  const signed = mapping.amount !== undefined;
  const split = mapping.debit !== undefined || mapping.credit !== undefined;
  if (!mapping.date || signed === split || (split && (!mapping.debit || !mapping.credit))) {
    return 'the column mapping needs a date and either amount or both debit and credit';
  }
  if (mapping.direction !== undefined && !signed) return 'a direction column goes with one amount column';
  if (mapping.dateFormat !== undefined && !DATE_FORMATS.includes(mapping.dateFormat)) {
    return `dateFormat must be one of ${DATE_FORMATS.join(', ')}`;
  }
  if (mapping.delimiter !== undefined && !DELIMITERS.includes(mapping.delimiter)) {
    return `delimiter must be one of ${DELIMITERS.join(', ')}`;
  }
  for (const list of [mapping.creditValues, mapping.debitValues, mapping.skipRowsContaining]) {
    if (list !== undefined && (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v.length > 100))) {
      return 'creditValues, debitValues and skipRowsContaining are lists of texts';
    }
  }
  for (const field of FIELDS) {
    const header = mapping[field];
    if (header !== undefined && (typeof header !== 'string' || header.trim() === '' || header.length > 100)) {
      return `${field} must be a column header text`;
    }
  }
  return null;
}

export function assertUsableMapping(mapping: ColumnMapping): void {
  const problem = mappingProblem(mapping);
  if (problem) throw new StatementParseError(problem, { field: 'mapping' }, ReconciliationErrorCode.INVALID_MAPPING);
}

function storable(value: unknown): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.every(storable);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => storable(k) && storable(v));
  return true;
}

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
