import { type Readable } from 'node:stream';
import { parseCamt053Statement } from './camt053-statement';
import { parseCsvStatement } from './csv-statement';
import { parseMt940Statement } from './mt940-statement';
import { type StatementLimits } from './statement-limits';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, type ParsedLine, type ParseEvent, StatementFormat } from './statement-types';
import { type RowIssue } from './tabular-statement';
import { parseXlsxStatement } from './xlsx-statement';
import { ReconciliationErrorCode } from '../errors';
import { looksLikeHtmlTable } from './spreadsheet-reader';

export interface ParseOptions {
  /** The currency of lines whose file says none (the account's; CNY by default). */
  defaultCurrency?: string;
  /** Previewing: a CSV/XLSX row that cannot be read is reported here instead of refusing the file. */
  onIssue?: (issue: RowIssue) => void;
  /** What the file may cost to read (default: the configuration's defaults). */
  limits?: Partial<StatementLimits>;
}

/**
 * The events of a statement file in the given format. CSV and XLSX need a column mapping; without one this throws
 * at once (before reading anything) rather than on the first iteration. Every line carries a currency, and
 * placeholders some banks write for "no reference" (NONREF, NOTPROVIDED …) are no reference or id. `options.limits`
 * (default: the configuration's defaults) bound what the file may cost to read.
 */
export function parseStatement(
  input: Readable,
  format: StatementFormat,
  mapping?: ColumnMapping,
  options: ParseOptions = {},
): AsyncGenerator<ParseEvent> {
  return withLineValues(readerFor(input, format, mapping, options), options.defaultCurrency ?? 'CNY');
}

function readerFor(
  input: Readable,
  format: StatementFormat,
  mapping: ColumnMapping | undefined,
  options: ParseOptions,
): AsyncGenerator<ParseEvent> {
  const limits = options.limits;
  switch (format) {
    case StatementFormat.CSV:
    case StatementFormat.XLSX:
      if (!mapping)
        throw new StatementParseError(
          `a ${format} statement needs a column mapping`,
          { field: 'mapping' },
          ReconciliationErrorCode.MAPPING_REQUIRED,
        );
      return format === StatementFormat.CSV
        ? parseCsvStatement(input, mapping, { onIssue: options.onIssue }, limits)
        : parseXlsxStatement(input, mapping, { onIssue: options.onIssue }, limits);
    case StatementFormat.CAMT053:
      return parseCamt053Statement(input, limits);
    case StatementFormat.MT940:
      return parseMt940Statement(input, limits);
    default:
      throw new StatementParseError(
        `'${String(format)}' is not a statement format`,
        { field: 'format' },
        ReconciliationErrorCode.UNKNOWN_FORMAT,
      );
  }
}

/** What banks write in a reference or id field when there is none. */
const NO_REFERENCE = /^(NONREF|NOTPROVIDED|NOT PROVIDED|NONE|NULL|N\/A|NA|UNKNOWN|无|0+|-+)$/i;

export function withoutPlaceholder(value: string | null): string | null {
  return value !== null && NO_REFERENCE.test(value.trim()) ? null : value;
}

/** A parsed line as stored: its currency said, placeholder references dropped. */
export function lineValues(line: ParsedLine, defaultCurrency: string): ParsedLine {
  return {
    ...line,
    currency: line.currency ?? defaultCurrency,
    bankTransactionId: withoutPlaceholder(line.bankTransactionId),
    reference: withoutPlaceholder(line.reference),
  };
}

async function* withLineValues(
  events: AsyncGenerator<ParseEvent>,
  defaultCurrency: string,
): AsyncGenerator<ParseEvent> {
  try {
    for await (const event of events) {
      yield event.kind === 'line' ? { kind: 'line', line: lineValues(event.line, defaultCurrency) } : event;
    }
  } finally {
    await events.return(undefined);
  }
}

const ZIP_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Guesses the format from the first bytes (a few KB are plenty): a ZIP archive (.xlsx, a zipped .et) or an OLE2
 * compound file (.xls, an OLE2 .et) is a spreadsheet (XLSX), XML with a camt.053 namespace is CAMT053, text starting
 * with '{1:' or ':20:' is MT940, any other text is CSV. Null when the bytes cannot be one of ours (XML of another
 * kind, nothing at all). The file name only decides when there are no bytes.
 */
export function sniffFormat(firstBytes: Buffer, fileName?: string): StatementFormat | null {
  if (firstBytes.length === 0) return fileName ? formatFromName(fileName) : null;
  if (firstBytes.subarray(0, 4).equals(ZIP_HEADER)) return StatementFormat.XLSX;
  if (firstBytes.subarray(0, 4).equals(OLE2_HEADER)) return StatementFormat.XLSX;
  // latin1 keeps every byte as one character, so the ASCII markers are found whatever the real encoding.
  const text = firstBytes
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart();
  if (text.startsWith('<')) {
    if (/urn:iso:std:iso:20022:tech:xsd:camt\.053\./.test(text)) return StatementFormat.CAMT053;
    // An online bank's "Excel" download that is an HTML table.
    return looksLikeHtmlTable(firstBytes) ? StatementFormat.XLSX : null;
  }
  if (text.startsWith('{1:') || text.startsWith(':20:') || /^:20:/m.test(text.slice(0, 2048))) {
    return StatementFormat.MT940;
  }
  return StatementFormat.CSV;
}

function formatFromName(fileName: string): StatementFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'csv':
    case 'txt':
      return StatementFormat.CSV;
    case 'xlsx':
    case 'xls':
    case 'et':
      return StatementFormat.XLSX;
    case 'xml':
      return StatementFormat.CAMT053;
    case 'mt940':
    case 'sta':
    case '940':
      return StatementFormat.MT940;
    default:
      return null;
  }
}
