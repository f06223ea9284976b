import { ReconciliationErrorCode } from '../errors';
import { BalanceChain } from './balance-chain';
import { StatementParseError, type StatementLocation } from './statement-parse-error';
import { isoDate, isPlaceholder, textOrNull, timeKey, type ParsedDate } from './statement-text';
import { type ColumnMapping, type ParsedLine, type StatementSummary } from './statement-types';
import { FIELDS, MONEY_FIELDS, assertUsableMapping, type Field } from './column-mapping';
import {
  DirectionValues,
  TitleFacts,
  currencyCode,
  directedFen,
  isNoteRow,
  parseMappedDate,
  splitCurrency,
  unmappedDirectionHeader,
} from './tabular-values';

export { assertUsableMapping, mappingProblem } from './column-mapping';

/** One cell of a CSV row (always text) or of a spreadsheet row (text, number, date or boolean). */
export type Cell = string | number | boolean | Date | null | undefined;

interface Column {
  index: number;
  header: string;
}

interface BalancePoint {
  /** Date and time, so that string order is time order. */
  key: string;
  date: string;
  amountFen: bigint;
  balanceFen: bigint;
}

/** A row the reader could not take, kept (instead of refusing the file) when previewing a mapping. */
export interface RowIssue {
  line: number | null;
  error: StatementParseError;
}

/** NUL, or a UTF-16 surrogate without its pair (what undecodable bytes can become). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell.trim();
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/**
 * A spreadsheet number to yuan text. Excel keeps 15 significant digits, so toPrecision(15) drops only binary noise
 * (0.1 + 0.2 → '0.300000000000000'); the text is then parsed exactly like a CSV cell, so a real third decimal is refused.
 */
function numberToYuanText(value: number, where: StatementLocation): string {
  const text = Number.isFinite(value) ? value.toPrecision(15) : '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    throw new StatementParseError(
      `${value} is not an amount`,
      where,
      ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
      {
        value: String(value),
      },
    );
  }
  return text;
}

function utcTimeKey(date: Date): string {
  return [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join('');
}

/**
 * The row logic shared by CSV and XLSX: skips title lines up to the header row (the first row with the mapping's date
 * header), maps columns by header text, turns rows into lines and works out the opening and closing balances.
 *
 * Opening/closing: exports list lines oldest first or (BOC) newest first, so the earliest and latest lines are found
 * by (booking date, time); lines with the same date and time are taken in file order, or in reverse file order when the
 * file as a whole runs newest first. Opening = earliest line's balance − its amount; closing = latest line's balance.
 * Both stay null unless every line has a balance and all lines share one currency. Only four candidate lines are
 * kept, never the whole file.
 */
export class TabularStatementReader {
  private columns: Partial<Record<Field, Column>> | null = null;
  private headers: string[] = [];
  private rows = 0;
  private dataRows = 0;
  private emptyMoneyRows = 0;
  private linesRead = 0;
  private allHaveBalance = true;
  private firstKey: string | null = null;
  private lastKey: string | null = null;
  private earliestFirst: BalancePoint | null = null;
  private earliestLast: BalancePoint | null = null;
  private latestFirst: BalancePoint | null = null;
  private latestLast: BalancePoint | null = null;
  private currency: string | null | undefined = undefined;
  private mixedCurrencies = false;
  private readonly title = new TitleFacts();
  private readonly directions: DirectionValues;
  private readonly balances = new BalanceChain();
  // Statements repeat the same date for many lines; parsing it once per run of lines is enough.
  private lastDateText: string | null = null;
  private lastDate: ParsedDate | null = null;

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly options: { refuseExtraCells?: boolean; onIssue?: (issue: RowIssue) => void } = {},
  ) {
    assertUsableMapping(mapping);
    this.directions = new DirectionValues(mapping);
  }

  /** The header text of a column index, once the header row is known (for error messages). */
  headerAt(index: number): string | undefined {
    return this.headers[index] || undefined;
  }

  /**
   * A line for a data row; null for title lines, the header row, empty rows, notes and footers, and rows that move
   * no money. When previewing (`onIssue`), a row that cannot be read is reported there instead of refusing the file.
   */
  row(cells: readonly Cell[], lineNumber: number): ParsedLine | null {
    if (cells.every((cell) => cellText(cell) === '')) return null;
    this.rows += 1;
    if (this.columns === null) {
      this.readHeader(cells, lineNumber);
      return null;
    }
    if (!this.options.onIssue) return this.readLine(cells, lineNumber);
    try {
      return this.readLine(cells, lineNumber);
    } catch (error) {
      if (!(error instanceof StatementParseError)) throw error;
      this.options.onIssue({ line: lineNumber, error });
      return null;
    }
  }

  /** The summary at the end of the file; throws if the file had no rows, no header row, or no lines. */
  summary(lastLineNumber: number): StatementSummary {
    if (this.rows === 0) throw new StatementParseError('the file is empty', {}, ReconciliationErrorCode.FILE_EMPTY);
    if (this.columns === null) {
      throw new StatementParseError(
        `no header row with the column '${this.mapping.date}' was found`,
        {
          line: lastLineNumber,
          field: this.mapping.date,
        },
        ReconciliationErrorCode.STATEMENT_COLUMN_MISSING,
      );
    }
    this.assertAmountsRead();
    const descending = this.firstKey !== null && this.lastKey !== null && this.firstKey > this.lastKey;
    // Balances in two currencies are two accounts' balances: no single opening or closing.
    const balanced = this.allHaveBalance && !this.mixedCurrencies;
    const opening = balanced ? (descending ? this.earliestLast : this.earliestFirst) : null;
    const closing = balanced ? (descending ? this.latestFirst : this.latestLast) : null;
    return {
      accountIdentifier: this.title.account,
      currency: this.mixedCurrencies ? null : (this.currency ?? null),
      statementId: null,
      openingBalanceFen: opening ? opening.balanceFen - opening.amountFen : null,
      openingDate: opening?.date ?? null,
      closingBalanceFen: closing?.balanceFen ?? null,
      closingDate: closing?.date ?? null,
    };
  }

  /**
   * A mapping that names the wrong amount columns reads rows whose amounts are all empty: no lines, or lines from a
   * few rows only. Refused, naming the columns, rather than imported as an empty or thin statement.
   */
  private assertAmountsRead(): void {
    const columns = this.columns ?? {};
    const money = MONEY_FIELDS.flatMap((field) => (columns[field] ? [columns[field].header] : []));
    const emptyMostly = this.dataRows > 0 && this.emptyMoneyRows * 2 > this.dataRows;
    if (emptyMostly) {
      const error = new StatementParseError(
        `the amount columns ${money.join(', ')} are empty on ${this.emptyMoneyRows} of ${this.dataRows} rows`,
        { field: money.join(', ') },
        ReconciliationErrorCode.STATEMENT_COLUMNS_EMPTY,
        { columns: money, emptyRows: this.emptyMoneyRows, rows: this.dataRows },
      );
      if (!this.options.onIssue) throw error;
      this.options.onIssue({ line: null, error });
    } else if (this.linesRead === 0 && !this.options.onIssue) {
      throw new StatementParseError('the file holds no transactions', {}, ReconciliationErrorCode.STATEMENT_NO_LINES);
    }
  }

  private readHeader(cells: readonly Cell[], lineNumber: number): void {
    const headers = cells.map(cellText);
    if (!headers.includes(this.mapping.date)) {
      this.title.read(headers);
      return;
    }
    const columns: Partial<Record<Field, Column>> = {};
    for (const field of FIELDS) {
      const header = this.mapping[field];
      if (header === undefined) continue;
      const index = headers.indexOf(header);
      if (index < 0) {
        throw new StatementParseError(
          `the header row has no column '${header}'`,
          { line: lineNumber, field: header },
          ReconciliationErrorCode.STATEMENT_COLUMN_MISSING,
        );
      }
      columns[field] = { index, header };
    }
    const direction = unmappedDirectionHeader(headers, this.mapping);
    if (direction !== null) {
      // Its amounts are unsigned: read as signed, every debit would be a credit.
      throw new StatementParseError(
        `the file has a direction column '${direction}' that the mapping does not name`,
        { line: lineNumber, field: direction },
        ReconciliationErrorCode.STATEMENT_DIRECTION_REQUIRED,
        { column: direction },
      );
    }
    this.headers = headers;
    this.columns = columns;
  }

  private readLine(cells: readonly Cell[], line: number): ParsedLine | null {
    const columns = this.columns ?? {};
    const where = (field: Field): StatementLocation => ({ line, field: columns[field]?.header });
    const cell = (field: Field): Cell => {
      const column = columns[field];
      return column ? cells[column.index] : undefined;
    };
    const text = (field: Field): string | null => textOrNull(cellText(cell(field)));
    // In CSV a non-empty cell beyond the header is almost always an amount like 1,234.00 written without quotes,
    // which would otherwise be read as 1 yuan.
    if (this.options.refuseExtraCells && cells.slice(this.headers.length).some((extra) => cellText(extra) !== '')) {
      throw new StatementParseError(
        `the row has ${cells.length} cells but the header only ${this.headers.length} (a comma outside quotes?)`,
        { line },
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    }

    // A NUL or an unpaired UTF-16 half is no text a bank writes: the file is damaged or not what it says it is.
    for (const [index, value] of cells.entries()) {
      if (typeof value === 'string' && UNSTORABLE_TEXT.test(value)) {
        throw new StatementParseError(
          'the cell holds a NUL byte or characters that are not valid text',
          {
            line,
            field: this.headers[index] || `第${index + 1}列`,
          },
          ReconciliationErrorCode.STATEMENT_TEXT_INVALID,
        );
      }
    }

    // Notes, footers and totals rows (以上数据仅供参考…, 合计, a row with figures in the money columns only).
    const dateCell = cell('date');
    if (!(dateCell instanceof Date) && typeof dateCell !== 'number' && !/^\d/.test(cellText(dateCell))) {
      if (isNoteRow(cells.map(cellText), this.mapping) || this.onlyMoney(cells)) return null;
    }
    this.dataRows += 1;
    const booked = this.date(dateCell, where('date'));
    const named = text('currency');
    let currency = named === null ? null : currencyCode(named, where('currency'));
    const money = (field: Field, required: boolean, sign: 1n | -1n | null = null): bigint => {
      const read = this.money(cell(field), where(field), required, sign);
      if (read.currency !== null) {
        if (currency !== null && currency !== read.currency) {
          throw new StatementParseError(
            `the amount is in ${read.currency} but the row says ${currency}`,
            where(field),
            ReconciliationErrorCode.STATEMENT_CURRENCY_INVALID,
            { value: read.currency },
          );
        }
        currency = read.currency;
      }
      return read.fen;
    };
    let amountFen: bigint;
    if (columns.amount) {
      const amountText = cellText(cell('amount'));
      const sign =
        columns.direction && !isPlaceholder(amountText) && !/^[+-]?[0.]+$/.test(amountText)
          ? this.directions.sign(cellText(cell('direction')), where('direction'))
          : null;
      amountFen = money('amount', true, sign);
    } else {
      amountFen = money('credit', false) - money('debit', false);
    }
    if (amountFen === 0n) {
      // e.g. ABC's 利息税 +0.00: nothing moved
      this.emptyMoneyRows += 1;
      return null;
    }
    const invert = this.mapping.invertSigns === true;
    if (invert) amountFen = -amountFen;
    const balanceRead =
      columns.balance && textOrNull(cellText(cell('balance'))) !== null ? money('balance', true) : null;
    const balanceFen = balanceRead !== null && invert ? -balanceRead : balanceRead;
    currency ??= this.title.currency;
    if (this.mapping.checkBalances !== false && columns.balance)
      this.checkBalance(currency, line, amountFen, balanceFen);
    const time = columns.time ? this.time(cell('time')) : booked.time;
    const transactionId = text('transactionId');

    if (this.currency === undefined) this.currency = currency;
    else if (this.currency !== currency) this.mixedCurrencies = true;
    this.track(`${booked.date} ${time}`, booked.date, amountFen, balanceFen);
    this.linesRead += 1;
    return {
      lineNumber: line,
      // ABC writes 0000000000 for system postings (interest); that is no id and would collide across lines.
      bankTransactionId: transactionId !== null && /^0+$/.test(transactionId) ? null : transactionId,
      bookingDate: booked.date,
      valueDate: null,
      amountFen,
      currency,
      counterpartyName: text('counterpartyName'),
      counterpartyAccount: text('counterpartyAccount'),
      reference: text('reference'),
      description: text('description'),
      balanceAfterFen: balanceFen,
    };
  }

  /** The running balance; a preview reports a break and still shows the line. */
  private checkBalance(currency: string | null, line: number, amountFen: bigint, balanceFen: bigint | null): void {
    try {
      this.balances.add(currency, line, amountFen, balanceFen);
    } catch (error) {
      if (!this.options.onIssue || !(error instanceof StatementParseError)) throw error;
      this.options.onIssue({ line, error });
    }
  }

  /** A totals row: no date, figures in the money columns only. */
  private onlyMoney(cells: readonly Cell[]): boolean {
    const columns = this.columns ?? {};
    const money = new Set(
      [...MONEY_FIELDS, 'balance' as const].flatMap((field) => (columns[field] ? [columns[field].index] : [])),
    );
    return cells.every((value, index) => money.has(index) || cellText(value) === '');
  }

  private date(value: Cell, where: StatementLocation): ParsedDate {
    const format = this.mapping.dateFormat ?? 'AUTO';
    if (value instanceof Date) {
      // Spreadsheet dates carry no zone: the spreadsheet reader builds them in UTC.
      const iso = isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), cellText(value), where);
      return { date: iso, time: utcTimeKey(value) };
    }
    const text = cellText(value);
    if (text === this.lastDateText && this.lastDate) return this.lastDate;
    if (text === '')
      throw new StatementParseError('the date is missing', where, ReconciliationErrorCode.STATEMENT_VALUE_MISSING);
    const parsed = parseMappedDate(text, format, this.title.period, where);
    this.lastDateText = text;
    this.lastDate = parsed;
    return parsed;
  }

  private time(value: Cell): string {
    if (value instanceof Date) return utcTimeKey(value);
    if (typeof value === 'number' && value >= 0 && value < 1) {
      // An Excel time without a time format: a fraction of a day. Only used to order lines.
      const seconds = Math.round(value * 86_400);
      return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
        .map((n) => String(n).padStart(2, '0'))
        .join('');
    }
    return timeKey(cellText(value));
  }

  /**
   * Fen of an amount cell (a currency written before it is taken off and returned); an empty (or '--') debit/credit
   * cell is 0, an empty single amount is an error. With a direction's sign the amount is unsigned.
   */
  private money(
    value: Cell,
    where: StatementLocation,
    required: boolean,
    sign: 1n | -1n | null = null,
  ): { fen: bigint; currency: string | null } {
    if (typeof value === 'number') {
      return { fen: directedFen(numberToYuanText(value, where), sign, where), currency: null };
    }
    if (value instanceof Date || typeof value === 'boolean') {
      throw new StatementParseError(
        `'${cellText(value)}' is not an amount`,
        where,
        ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
        {
          value: cellText(value),
        },
      );
    }
    const text = cellText(value);
    if (isPlaceholder(text)) {
      if (required)
        throw new StatementParseError('the amount is missing', where, ReconciliationErrorCode.STATEMENT_VALUE_MISSING);
      return { fen: 0n, currency: null };
    }
    const split = splitCurrency(text, where);
    return { fen: directedFen(split.text, sign, where), currency: split.currency };
  }

  private track(key: string, date: string, amountFen: bigint, balanceFen: bigint | null): void {
    this.firstKey ??= key;
    this.lastKey = key;
    if (balanceFen === null) {
      this.allHaveBalance = false;
      return;
    }
    const point: BalancePoint = { key, date, amountFen, balanceFen };
    if (this.earliestFirst === null || key < this.earliestFirst.key) this.earliestFirst = point;
    if (this.earliestLast === null || key <= this.earliestLast.key) this.earliestLast = point;
    if (this.latestFirst === null || key > this.latestFirst.key) this.latestFirst = point;
    if (this.latestLast === null || key >= this.latestLast.key) this.latestLast = point;
  }
}
