import { isUtf8 } from 'node:buffer';
import { type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { BadInputError, LocalDate, MAX_FEN } from '@mla/core';
import { StatementParseError, type StatementLocation } from './statement-parse-error';
import { LoopTurns } from './text-lines';
import { ReconciliationErrorCode } from '../errors';

// Lines are split in text-lines.ts (with the reading limits); the statement readers take them from here too.
export { splitLines } from './text-lines';

/**
 * The encodings a statement file may be read with; AUTO sniffs the first bytes (not UTF-8: GB18030), AUTO_SWIFT
 * too but takes text that is not UTF-8 for GB18030 only when it looks like Chinese, else for Latin-1 (Windows-1252).
 */
export type TextEncoding = 'AUTO' | 'AUTO_SWIFT' | 'UTF-8' | 'GB18030';
type DetectedEncoding = 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE' | 'WINDOWS-1252';

// Enough of the file to hold title lines and the header; an ASCII-only start is read further (up to 1 MB)
// because only non-ASCII bytes can tell UTF-8 from GBK.
const SNIFF_MIN_BYTES = 64 * 1024;
const SNIFF_MAX_BYTES = 1024 * 1024;
const NON_ASCII = /[\x80-\xff]/;

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new StatementParseError(
    'the input stream must carry bytes or text',
    {},
    ReconciliationErrorCode.STATEMENT_TEXT_INVALID,
  );
}

/** The length of the bytes without a character cut off at their end (a UTF-8 sequence still missing bytes). */
function completeUtf8Length(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? length - back : length;
  }
  return length;
}

/** UTF-16 only with a BOM; else UTF-8 when the sample is valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
function detectEncoding(sample: Buffer, complete: boolean, swift = false): DetectedEncoding {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'UTF-16LE';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'UTF-16BE';
  // A multi-byte character cut at the end of an incomplete sample is not an error.
  if (isUtf8(complete ? sample : sample.subarray(0, completeUtf8Length(sample)))) return 'UTF-8';
  return !swift || looksLikeGbk(sample) ? 'GB18030' : 'WINDOWS-1252';
}

/**
 * Strict UTF-8 (bytes that stop being UTF-8 later in the file are an error, not silent U+FFFD; a BOM is dropped),
 * checked with the native validator and decoded natively: a character cut between chunks waits for the next one.
 */
function utf8Decoder(): ChunkDecoder {
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  return {
    write: (chunk) => {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeUtf8Length(bytes);
      if (!isUtf8(bytes.subarray(0, complete))) throw new Error('not UTF-8');
      carry = Buffer.from(bytes.subarray(complete));
      let text = bytes.toString('utf8', 0, complete);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      return text;
    },
    end: () => {
      if (carry.length > 0) throw new Error('ends inside a character');
      return '';
    },
  };
}

/**
 * Whether bytes that are not UTF-8 read as Chinese: GBK writes each character as two high bytes (trail 0xA1 and up
 * for the common ones), Latin-1 text has single high bytes between ASCII letters (Müller, Société).
 */
export function looksLikeGbk(sample: Buffer): boolean {
  let pairs = 0;
  let singles = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] < 0x81) continue;
    const next = sample[i + 1] ?? 0;
    if (sample[i] <= 0xfe && next >= 0xa1 && next <= 0xfe) {
      pairs += 1;
      i += 1;
    } else singles += 1;
  }
  return pairs > singles;
}

function decoderFor(encoding: DetectedEncoding): ChunkDecoder {
  if (encoding === 'UTF-8') return utf8Decoder();
  const names: Record<Exclude<DetectedEncoding, 'UTF-8'>, string> = {
    GB18030: 'gb18030',
    'UTF-16LE': 'utf16le',
    'UTF-16BE': 'utf16be',
    'WINDOWS-1252': 'win1252',
  };
  const decoder = iconv.getDecoder(names[encoding]);
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/** Bytes decoded at a time: a large chunk is cut so that no single step holds the event loop for long. */
const DECODE_SLICE_BYTES = 64 * 1024;
function* slices(buffer: Buffer): Generator<Buffer> {
  for (let start = 0; start < buffer.length; start += DECODE_SLICE_BYTES) {
    yield buffer.subarray(start, start + DECODE_SLICE_BYTES);
  }
}

/**
 * The input's text, decoded in slices of at most 64 KiB (never the whole file at once), giving the event loop a turn
 * between slices when the reading ran long. Ends the input when the consumer stops early.
 */
export async function* decodeText(input: Readable, encoding: TextEncoding = 'AUTO'): AsyncGenerator<string> {
  const iterator: AsyncIterator<unknown> = input[Symbol.asyncIterator]();
  const turns = new LoopTurns();
  try {
    const head: Buffer[] = [];
    let size = 0;
    let done = false;
    let sawNonAscii = false;
    const sniffing = encoding === 'AUTO' || encoding === 'AUTO_SWIFT';
    if (sniffing) {
      while (size < SNIFF_MIN_BYTES || (!sawNonAscii && size < SNIFF_MAX_BYTES)) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        const chunk = toBuffer(next.value);
        // Only the sniffed part is looked at, however large the chunk.
        sawNonAscii ||= NON_ASCII.test(chunk.subarray(0, Math.max(0, SNIFF_MAX_BYTES - size)).toString('latin1'));
        head.push(chunk);
        size += chunk.length;
      }
    }
    const first = head.length === 1 ? head[0] : Buffer.concat(head);
    const detected: DetectedEncoding = sniffing
      ? detectEncoding(first.subarray(0, SNIFF_MAX_BYTES), done && size <= SNIFF_MAX_BYTES, encoding === 'AUTO_SWIFT')
      : encoding;
    const decoder = decoderFor(detected);
    let offset = 0;
    const decode = (chunk: Buffer): string => {
      try {
        return decoder.write(chunk);
      } catch {
        throw new StatementParseError(
          `the file is not valid ${detected} text (bytes ${offset}–${offset + chunk.length})`,
          {},
          ReconciliationErrorCode.STATEMENT_TEXT_INVALID,
        );
      } finally {
        offset += chunk.length;
      }
    };
    for (const slice of slices(first)) {
      const text = decode(slice);
      if (text) yield text;
      await turns.take();
    }
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      for (const slice of slices(toBuffer(next.value))) {
        const text = decode(slice);
        if (text) yield text;
        await turns.take();
      }
    }
    let tail: string;
    try {
      tail = decoder.end();
    } catch {
      throw new StatementParseError(
        `the file is not valid ${detected} text (it ends inside a character)`,
        {},
        ReconciliationErrorCode.STATEMENT_TEXT_INVALID,
      );
    }
    if (tail) yield tail;
  } finally {
    // Destroys the input if we stopped before its end; a no-op once it has ended.
    await iterator.return?.();
  }
}

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
