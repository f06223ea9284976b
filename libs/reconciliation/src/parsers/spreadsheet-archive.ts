import { promisify } from 'node:util';
import { inflateRaw, type InputType, type ZlibOptions } from 'node:zlib';
import { StatementLimitError, type StatementLimits } from './statement-limits';
import { StatementParseError } from './statement-parse-error';
import { ReconciliationErrorCode } from '../errors';

const inflate = promisify<InputType, ZlibOptions, Buffer>(inflateRaw);

export const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function unreadable(reason: string): StatementParseError {
  return new StatementParseError(
    `the file is not a readable spreadsheet (${reason})`,
    {},
    ReconciliationErrorCode.STATEMENT_MALFORMED,
  );
}

/** The archive's entries from its central directory: names, methods and the sizes the archive declares. */
function readDirectory(zip: Buffer): Entry[] {
  // The end record is in the last 22 bytes, or up to 64 KiB before them when the archive has a comment.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('the archive is incomplete: it has no central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw unreadable('the archive is damaged: its central directory is cut short');
    }
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: Entry = {
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.subarray(at + 46, at + 46 + nameLength),
    };
    if (flags & 0x1) throw unreadable('it is encrypted');
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw unreadable('it is a ZIP64 archive, larger than any statement');
    }
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw unreadable(`the entry ${entry.name.toString('utf8')} uses compression method ${entry.method}`);
    }
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The entry's bytes, inflated off the event loop and never beyond the size its directory declares. */
async function entryData(zip: Buffer, entry: Entry): Promise<Buffer> {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) {
    throw unreadable(`the archive is damaged at the entry ${entry.name.toString('utf8')}`);
  }
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (raw.length < entry.compressedSize) throw unreadable(`the file is cut short in ${entry.name.toString('utf8')}`);
  if (entry.method === STORED) {
    if (entry.size !== entry.compressedSize) throw unreadable(`the entry ${entry.name.toString('utf8')} is damaged`);
    return raw;
  }
  let data: Buffer;
  try {
    // One byte more than declared is enough to catch an entry that lies about its size.
    data = await inflate(raw, { maxOutputLength: entry.size + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw unreadable(`the entry ${entry.name.toString('utf8')} holds more than it declares`);
    }
    throw unreadable(`the entry ${entry.name.toString('utf8')} cannot be inflated`);
  }
  if (data.length !== entry.size) {
    throw unreadable(
      `the entry ${entry.name.toString('utf8')} holds ${data.length} bytes, not the ${entry.size} it declares`,
    );
  }
  return data;
}

/**
 * A spreadsheet archive (.xlsx, or an .et saved as one) checked against the limits and rewritten with every entry
 * stored (not compressed): the sum of the entries' sizes and each entry's compression ratio are checked from the
 * central directory before anything is inflated, and each entry is inflated (asynchronously, off the event loop) to
 * at most the size it declares, so the reader that gets the result inflates nothing and a zip bomb costs no more
 * than its directory. A copy the size of the unzipped workbook is all the memory it takes.
 */
export async function storedArchive(zip: Buffer, limits: StatementLimits): Promise<Buffer> {
  const entries = readDirectory(zip);
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    const ratio =
      entry.compressedSize > 0 ? Math.floor(entry.size / entry.compressedSize) : entry.size > 0 ? Infinity : 0;
    // Small entries are let through whatever their ratio: a few KB of repeated XML compresses very well.
    if (entry.size > 1024 * 1024 && ratio > limits.maxZipRatio) {
      throw StatementLimitError.zipRatio(
        limits.maxZipRatio,
        entry.name.toString('utf8'),
        ratio === Infinity ? 0 : ratio,
      );
    }
  }
  if (total > limits.maxUnzippedBytes) throw StatementLimitError.unzippedTooLarge(limits.maxUnzippedBytes, total);
  // Laid out from the declared sizes (each entry is checked to hold exactly that) and filled entry by entry, so
  // only one inflated entry is held beside the result.
  const namesSize = entries.reduce((sum, entry) => sum + entry.name.length, 0);
  const dataEnd = entries.length * 30 + namesSize + total;
  const out = Buffer.alloc(dataEnd + entries.length * 46 + namesSize + 22);
  let offset = 0;
  let central = dataEnd;
  for (const entry of entries) {
    const data = await entryData(zip, entry);
    out.writeUInt32LE(LOCAL_HEADER, offset);
    out.writeUInt16LE(20, offset + 4);
    out.writeUInt16LE(0x0800, offset + 6); // names in UTF-8
    out.writeUInt16LE(STORED, offset + 8);
    out.writeUInt32LE(entry.crc, offset + 14);
    out.writeUInt32LE(data.length, offset + 18);
    out.writeUInt32LE(data.length, offset + 22);
    out.writeUInt16LE(entry.name.length, offset + 26);
    entry.name.copy(out, offset + 30);
    data.copy(out, offset + 30 + entry.name.length);
    out.writeUInt32LE(DIRECTORY_ENTRY, central);
    out.writeUInt16LE(20, central + 4);
    out.writeUInt16LE(20, central + 6);
    out.writeUInt16LE(0x0800, central + 8);
    out.writeUInt16LE(STORED, central + 10);
    out.writeUInt32LE(entry.crc, central + 16);
    out.writeUInt32LE(data.length, central + 20);
    out.writeUInt32LE(data.length, central + 24);
    out.writeUInt16LE(entry.name.length, central + 28);
    out.writeUInt32LE(offset, central + 42);
    entry.name.copy(out, central + 46);
    offset += 30 + entry.name.length + data.length;
    central += 46 + entry.name.length;
  }
  out.writeUInt32LE(END_OF_DIRECTORY, central);
  out.writeUInt16LE(entries.length, central + 8);
  out.writeUInt16LE(entries.length, central + 10);
  out.writeUInt32LE(central - dataEnd, central + 12);
  out.writeUInt32LE(dataEnd, central + 16);
  return out;
}
