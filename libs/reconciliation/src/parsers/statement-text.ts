import { isUtf8 } from 'node:buffer';
import { type Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { StatementParseError } from './statement-parse-error';
import { LoopTurns } from './text-lines';
import { ReconciliationErrorCode } from '../errors';

// Lines are split in text-lines.ts (with the reading limits), and cell values (placeholders, amounts, dates,
// currencies) read in cell-values.ts; the statement readers take them from here too.
export { splitLines } from './text-lines';
export * from './cell-values';

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
