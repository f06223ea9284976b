import { ReconciliationErrorCode } from '../errors';
import { StatementParseError, type StatementLocation } from './statement-parse-error';
import { isoDate, normalizeCurrency, parseDateText, parseYuanText, timeKey, type ParsedDate } from './statement-text';
import { type ColumnMapping, type DateFormat } from './statement-types';

/** What Chinese banks write in a direction column for money in, when the mapping lists no values of its own. */
export const DEFAULT_CREDIT_VALUES = [
  '贷',
  '贷方',
  '贷 Cr',
  '贷Cr',
  'Cr',
  'C',
  'CR',
  'CRDT',
  '收',
  '收入',
  '存入',
  '转入',
  '来账',
  '入账',
  '+',
];
/** And for money out. */
export const DEFAULT_DEBIT_VALUES = [
  '借',
  '借方',
  '借 Dr',
  '借Dr',
  'Dr',
  'D',
  'DR',
  'DBIT',
  '支',
  '支出',
  '取出',
  '转出',
  '往账',
  '出账',
  '-',
];

/** Header texts that name a direction column; a file with one whose mapping names none has unsigned amounts. */
const DIRECTION_HEADER =
  /^(借贷(标志|方向|标识|类型)?|收支(标志|方向|类型)?|资金方向|交易方向|收付(标志|方向)?|存取(标志|方向)?|借\/贷|借贷\/收支|Dr\/Cr|C\/D|D\/C)$/i;

const key = (text: string): string => text.replace(/\s+/g, '').toUpperCase();

/** Money in (1) or out (-1) by the direction column's value; refuses a value in neither list. */
export class DirectionValues {
  private readonly credit: Set<string>;
  private readonly debit: Set<string>;

  constructor(mapping: ColumnMapping) {
    this.credit = new Set((mapping.creditValues?.length ? mapping.creditValues : DEFAULT_CREDIT_VALUES).map(key));
    this.debit = new Set((mapping.debitValues?.length ? mapping.debitValues : DEFAULT_DEBIT_VALUES).map(key));
  }

  sign(value: string, where: StatementLocation): 1n | -1n {
    const k = key(value);
    const credit = this.credit.has(k);
    const debit = this.debit.has(k);
    if (credit !== debit) return credit ? 1n : -1n;
    throw new StatementParseError(
      `the direction '${value}' is neither a credit nor a debit value of the mapping`,
      where,
      ReconciliationErrorCode.STATEMENT_DIRECTION_UNKNOWN,
      { value: value.slice(0, 40) },
    );
  }
}

/** The header of a direction column the mapping leaves out, if the header row has one. */
export function unmappedDirectionHeader(headers: readonly string[], mapping: ColumnMapping): string | null {
  if (mapping.direction !== undefined || mapping.amount === undefined) return null;
  return headers.find((header) => DIRECTION_HEADER.test(header.replace(/\s+/g, ''))) ?? null;
}

// 'CNY 123.18', 'RMB123.18', '人民币 1,234.00', 'USD-5.00', '123.18元', '¥123.18' (the last is parseYuanText's).
const CURRENCY_PREFIX = /^([A-Za-z]{3}|人民币|美元|港币|港元|欧元|日元|英镑)\s*(?=[+\-\d¥￥])/;
const YUAN_SUFFIX = /\s*元$/;

/** An amount cell's text without a currency written before it, and that currency. */
export function splitCurrency(text: string, where: StatementLocation): { text: string; currency: string | null } {
  const prefix = CURRENCY_PREFIX.exec(text);
  const rest = (prefix ? text.slice(prefix[0].length) : text).replace(YUAN_SUFFIX, '');
  if (!prefix) return { text: rest, currency: YUAN_SUFFIX.test(text) ? 'CNY' : null };
  return { text: rest, currency: currencyCode(prefix[1], where) };
}

const KNOWN_CODE = /^[A-Z]{3}$/;

/** '人民币', 'RMB', 'cny' → 'CNY'; a text that is no currency refuses the file. */
export function currencyCode(text: string, where: StatementLocation): string {
  const code = normalizeCurrency(text.trim());
  if (code && KNOWN_CODE.test(code)) return code;
  throw new StatementParseError(
    `'${text}' is not a currency`,
    where,
    ReconciliationErrorCode.STATEMENT_CURRENCY_INVALID,
    { value: text.slice(0, 40) },
  );
}

/** An unsigned or signed yuan amount, with the sign a direction gives; the two must not disagree. */
export function directedFen(text: string, sign: 1n | -1n | null, where: StatementLocation): bigint {
  const fen = parseYuanText(text, where);
  if (sign === null) return fen;
  if (fen < 0n && sign > 0n) {
    throw new StatementParseError(
      `the amount '${text}' is negative but its direction says money in`,
      where,
      ReconciliationErrorCode.STATEMENT_DIRECTION_REQUIRED,
    );
  }
  return (fen < 0n ? -fen : fen) * sign;
}

const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const MD = /^(\d{1,2})[/\-.月](\d{1,2})日?$/;
const WITH_TIME = /^(\S+?)(?:(?:\s+|T)(\d{1,2}:\d{2}(?::\d{2})?))?$/;

/** The year of a date written without one: the period's (a period across a year end takes its months apart). */
export interface StatementPeriod {
  from: { year: number; month: number } | null;
  to: { year: number; month: number } | null;
}

/** A date cell's text in the mapping's format. */
export function parseMappedDate(
  text: string,
  format: DateFormat,
  period: StatementPeriod,
  where: StatementLocation,
): ParsedDate {
  if (format === 'AUTO' || format === 'YYYYMMDD' || format === 'YYYY-MM-DD') {
    try {
      return parseDateText(text, format, where);
    } catch (error) {
      throw dateError(text, format, where, error);
    }
  }
  const whole = WITH_TIME.exec(text.trim());
  const part = whole?.[1] ?? '';
  const time = timeKey(whole?.[2]);
  if (format === 'MM/DD' || format === 'MM-DD') {
    const md = MD.exec(part);
    const year = md ? yearOf(Number(md[1]), period) : null;
    if (!md || year === null) throw dateError(text, format, where);
    return { date: isoDate(year, Number(md[1]), Number(md[2]), text, where), time };
  }
  const dmy = DMY.exec(part);
  const separator = format === 'DD.MM.YYYY' ? '.' : '/';
  if (!dmy || dmy[2] !== separator) throw dateError(text, format, where);
  const [a, b] = [Number(dmy[1]), Number(dmy[3])];
  const [day, month] = format === 'MM/DD/YYYY' ? [b, a] : [a, b];
  return { date: isoDate(Number(dmy[4]), month, day, text, where), time };
}

function yearOf(month: number, period: StatementPeriod): number | null {
  const { from, to } = period;
  if (from && to && from.year !== to.year) return month >= from.month ? from.year : to.year;
  return from?.year ?? to?.year ?? null;
}

function dateError(text: string, format: DateFormat, where: StatementLocation, cause?: unknown): StatementParseError {
  const reason = cause instanceof Error ? cause.message.replace(/^line \d+(, field [^:]*)?: /, '') : null;
  return new StatementParseError(
    reason ?? `'${text}' is not a date in the form ${format}`,
    where,
    ReconciliationErrorCode.STATEMENT_DATE_INVALID,
    { value: text.slice(0, 40), format },
  );
}

/** Footers and notes banks print below (or between) the lines; never transactions. */
const NOTE_ROW =
  /以上数据仅供参考|仅供参考|请以柜台为准|具体内容请以|打印时间|打印日期|制表[人：:]|经办[人：:]|复核[人：:]|温馨提示|备注[：:]|本页|合计|总计|小计|累计|汇总|笔数|共\s*\d+\s*笔/;

/** Whether a row that is no transaction (its date cell is not a date) is a note, footer or totals row. */
export function isNoteRow(cells: readonly string[], mapping: ColumnMapping): boolean {
  const joined = cells.join(' ');
  if (NOTE_ROW.test(joined)) return true;
  return (mapping.skipRowsContaining ?? []).some((text) => text !== '' && joined.includes(text));
}

/** What title rows above the header say: the account, its currency and the period. */
export class TitleFacts {
  account: string | null = null;
  currency: string | null = null;
  period: StatementPeriod = { from: null, to: null };

  read(cells: readonly string[]): void {
    const text = cells.filter((c) => c !== '').join(' ');
    if (this.account === null) {
      const account = /(?:账号|帐号|卡号|账户号码|账户|帐户)\s*[:：]?\s*([0-9][0-9 *-]{4,48}[0-9])/.exec(text);
      const number = account?.[1].replace(/[\s-]/g, '') ?? '';
      // A period written after 账户 (账户 2026-11-01 至 …) is no account number.
      const isDate = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}/.test(account?.[1] ?? '');
      if (!isDate && (number.replace(/\D/g, '').length >= 8 || number.includes('*'))) this.account = number;
    }
    if (this.currency === null) {
      const currency = /(?:币种|币别|货币)\s*[:：]\s*([A-Za-z]{3}|[\u4e00-\u9fa5]{2,3})/.exec(text);
      const code = currency ? normalizeCurrency(currency[1]) : null;
      if (code && KNOWN_CODE.test(code)) this.currency = code;
    }
    const dates = [...text.matchAll(/(\d{4})\s*[年\-/.]\s*(\d{1,2})(?:\s*[月\-/.]\s*(\d{1,2})\s*日?)?/g)];
    if (this.period.from === null && dates.length > 0) {
      const first = dates[0];
      const last = dates[dates.length - 1];
      this.period = {
        from: { year: Number(first[1]), month: Number(first[2]) },
        to: { year: Number(last[1]), month: Number(last[2]) },
      };
    }
  }
}
