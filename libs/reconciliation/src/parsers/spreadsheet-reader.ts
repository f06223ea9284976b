import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { CFB_MAGIC, storedArchive, ZIP_MAGIC } from './spreadsheet-archive';
import { StatementLimitError, type StatementLimits } from './statement-limits';
import { StatementParseError } from './statement-parse-error';
import { decodeText, type TextEncoding } from './statement-text';
import { type Cell } from './tabular-statement';
import { ReconciliationErrorCode } from '../errors';

/** One non-empty row of the first sheet: its row number in the sheet (1-based) and its cells. */
export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

/** A row as the worker sends it: dates as their UTC milliseconds. */
interface SentRow {
  rowNumber: number;
  cells: (Cell | { utcMs: number })[];
}

const cellFrom = (cell: Cell | { utcMs: number }): Cell =>
  cell !== null && typeof cell === 'object' && 'utcMs' in cell ? new Date(cell.utcMs) : cell;

type FromWorker =
  | { kind: 'rows'; rows: SentRow[]; done: boolean }
  | { kind: 'tooManyRows'; rowNumber: number }
  | { kind: 'unreadable'; reason: string };

interface ParseRequest {
  kind: 'parse';
  bytes: Uint8Array;
  /** An "Excel" export that is an HTML table, as text (`bytes` is then empty). */
  html: string | null;
  /** The date column's header: of an HTML page's tables, the first holding it is read. */
  headerHint: string | null;
  maxRows: number;
  batch: number;
}

/**
 * Runs in the worker thread (its source is handed to the Worker as text, so it uses nothing from this module and
 * only `require`s what it needs). Loads SheetJS once (the worker is kept for the next file: loading it takes a good
 * part of a second), then for each file parses the whole workbook in memory (so the result never depends on the
 * order of the archive's entries) and hands out the first sheet's rows in batches, one batch per request. Cells:
 * text, numbers, booleans, error texts, and dates (date-formatted numbers) as the UTC milliseconds of the calendar
 * date and time shown.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the worker's source must stand alone */
function workbookWorker(): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const XLSX = require((workerData as { xlsxPath: string }).xlsxPath) as typeof import('@e965/xlsx');
  const port = parentPort as import('node:worker_threads').MessagePort;
  type Row = import('@e965/xlsx').CellObject[] | undefined;
  let data: Row[] = [];
  let next = 0;
  let batch = 0;
  let date1904 = false;
  const cellOf = (cell: import('@e965/xlsx').CellObject | undefined): unknown => {
    if (!cell || cell.v === undefined || cell.v === null) return null;
    if (cell.t === 'e') return cell.w ?? null;
    if (cell.t === 'n' && typeof cell.v === 'number' && typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
      const parts = XLSX.SSF.parse_date_code(cell.v, { date1904 });
      // As milliseconds: a Date made in the worker is not a Date of every realm it may arrive in.
      if (parts) return { utcMs: Date.UTC(parts.y, parts.m - 1, parts.d, parts.H, parts.M, parts.S) };
    }
    return cell.v;
  };
  const parse = (request: ParseRequest): void => {
    data = [];
    next = 0;
    batch = request.batch;
    let workbook: import('@e965/xlsx').WorkBook;
    try {
      // As a Buffer: SheetJS slices its input record by record, and a Uint8Array's slice is a copy (a 12 MB .xls
      // then took gigabytes outside the heap limit), a Buffer's a view.
      const input =
        request.html ?? Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      workbook = XLSX.read(input, {
        type: request.html === null ? 'buffer' : 'string',
        // An HTML table's cells are text as the bank wrote them (account numbers keep their zeros, dates their form).
        raw: request.html !== null,
        dense: true,
        // An HTML page may hold a title table before the data's: each table is a sheet.
        sheets: request.html === null ? 0 : undefined,
        sheetRows: request.maxRows + 1,
        cellDates: false,
        cellNF: true,
        cellHTML: false,
        cellFormula: false,
        cellStyles: false,
      });
    } catch (error) {
      port.postMessage({ kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    type Sheet = { '!data'?: Row[]; '!merges'?: import('@e965/xlsx').Range[] };
    const sheets = workbook.SheetNames.map((n) => workbook.Sheets[n] as Sheet);
    const holdsHeader = (s: Sheet): boolean =>
      (s['!data'] ?? [])
        .slice(0, 100)
        .some((row) => row?.some((cell) => typeof cell?.v === 'string' && cell.v.trim() === request.headerHint));
    const sheet =
      (request.html !== null && request.headerHint !== null ? sheets.find(holdsHeader) : undefined) ?? sheets[0];
    data = sheet?.['!data'] ?? [];
    if (request.html !== null) {
      // A cell spanning rows (rowspan: one date for two transactions) stands in each row it spans.
      for (const merge of sheet?.['!merges'] ?? []) {
        if (merge.e.r === merge.s.r) continue;
        const top = data[merge.s.r]?.[merge.s.c];
        if (!top) continue;
        for (let r = merge.s.r + 1; r <= merge.e.r; r += 1) {
          const row = (data[r] ??= []);
          for (let c = merge.s.c; c <= merge.e.c; c += 1) row[c] ??= { ...top };
        }
      }
    }
    date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
    if (data.length > request.maxRows) {
      data = [];
      port.postMessage({ kind: 'tooManyRows', rowNumber: request.maxRows + 1 });
      return;
    }
    send();
  };
  const send = (): void => {
    const rows: { rowNumber: number; cells: unknown[] }[] = [];
    while (next < data.length && rows.length < batch) {
      const row = data[next];
      next += 1;
      if (!row || row.length === 0) continue;
      rows.push({ rowNumber: next, cells: Array.from(row, cellOf) });
    }
    const done = next >= data.length;
    if (done) data = [];
    port.postMessage({ kind: 'rows', rows, done });
  };
  port.on('message', (message: ParseRequest | 'next') => (message === 'next' ? send() : parse(message)));
  port.postMessage({ kind: 'ready' });
}
/* eslint-enable @typescript-eslint/no-require-imports */

const WORKER_SOURCE = `(${workbookWorker.toString()})()`;
const ROWS_PER_BATCH = 2000;
/** How often the process's memory is sampled while a workbook is parsed. */
const MEMORY_SAMPLE_MS = 20;

/**
 * Calls `onOver` once the process's resident memory has grown by more than `limitMib` above `baselineRss`. The worker's heap limit does not see what SheetJS holds outside the V8 heap (buffers, the isolate itself),
 * so the process's RSS is what bounds a read. It is the whole process's: a read beside another one counts the other's
 * growth too, which refuses early rather than late.
 */
function watchMemory(baselineRss: number, limitMib: number, onOver: () => void): () => void {
  const ceiling = baselineRss + limitMib * 1024 * 1024;
  const sampler = setInterval(() => {
    if (process.memoryUsage.rss() <= ceiling) return;
    clearInterval(sampler);
    onOver();
  }, MEMORY_SAMPLE_MS);
  return () => clearInterval(sampler);
}

/**
 * One worker thread kept warm between files (per heap limit), so that only the first spreadsheet a process reads
 * pays for loading SheetJS. A worker stopped for a file (time, memory) or that failed is not kept.
 */
const idleWorkers = new Map<number, Worker>();

function takeWorker(memoryMib: number): Worker {
  const idle = idleWorkers.get(memoryMib);
  if (idle) {
    idleWorkers.delete(memoryMib);
    return idle;
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { xlsxPath: require.resolve('@e965/xlsx') },
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMib,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.floor(memoryMib / 16))),
    },
    stdout: false,
    stderr: false,
  });
  return worker;
}

function keepWorker(memoryMib: number, worker: Worker): void {
  if (idleWorkers.has(memoryMib)) {
    void worker.terminate();
    return;
  }
  // An idle worker never keeps the process alive, and one that ends is forgotten.
  worker.unref();
  idleWorkers.set(memoryMib, worker);
  worker.once('exit', () => {
    if (idleWorkers.get(memoryMib) === worker) idleWorkers.delete(memoryMib);
  });
}

/** Bytes from the start of the file, as much as fits in `bytes` (for the format check). */
function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

/** How far into a file the HTML check looks for a table. */
const HTML_SNIFF_BYTES = 64 * 1024;

/**
 * Many online banks' "Excel" exports (.xls) are an HTML page holding a table: its start (after a byte-order mark and
 * blanks) is markup, and a table opens in its first 64 KiB.
 */
export function looksLikeHtmlTable(file: Buffer): boolean {
  const head = file
    .subarray(0, HTML_SNIFF_BYTES)
    .toString('latin1')
    .replace(/^(\xEF\xBB\xBF|\xFF\xFE|\xFE\xFF)/, '');
  return /^\s*</.test(head) && /<table[\s>]/i.test(head);
}

/** The charset an HTML page declares (`<meta charset>` or its content type), as a text encoding; else detected. */
function htmlEncoding(file: Buffer): TextEncoding {
  const declared = /<meta[^>]*charset\s*=\s*["']?\s*([\w-]+)/i.exec(file.subarray(0, 4096).toString('latin1'))?.[1];
  if (!declared) return 'AUTO';
  if (/^utf-?8$/i.test(declared)) return 'UTF-8';
  if (/^(gbk|gb2312|gb18030|cp936|x-gbk)$/i.test(declared)) return 'GB18030';
  return 'AUTO';
}

/**
 * What the worker thread gets: an .xlsx (or a zipped .et) rewritten with its entries stored and checked against the
 * unzipped-size limits; an .xls (or an OLE2 .et, BIFF8 inside) as it is, its size bounded by the same limit; an
 * HTML-table "Excel" export as its text, decoded by its declared charset (else UTF-8 or GB18030 as detected).
 */
async function workbookBytes(file: Buffer, limits: StatementLimits): Promise<{ bytes: Buffer; html: string | null }> {
  if (startsWith(file, ZIP_MAGIC)) return { bytes: await storedArchive(file, limits), html: null };
  if (startsWith(file, CFB_MAGIC) || looksLikeHtmlTable(file)) {
    if (file.length > limits.maxUnzippedBytes)
      throw StatementLimitError.unzippedTooLarge(limits.maxUnzippedBytes, file.length);
    if (startsWith(file, CFB_MAGIC)) return { bytes: file, html: null };
    let html = '';
    for await (const piece of decodeText(Readable.from([file]), htmlEncoding(file))) html += piece;
    return { bytes: Buffer.alloc(0), html };
  }
  throw new StatementParseError(
    'the file is not a spreadsheet (.xlsx, .xls or .et)',
    {},
    ReconciliationErrorCode.STATEMENT_MALFORMED,
  );
}

/**
 * The first sheet's non-empty rows, read in a worker thread with a time and memory limit (the worker's heap, and the
 * process's resident memory above what it was before, sampled every 20 ms): the event loop is never held by the
 * parsing, and a workbook that needs too long or too much is stopped and refused. Rows come in batches as the
 * consumer asks for them. Nothing is written to disk.
 */
export async function* readSheetRows(
  file: Buffer,
  limits: StatementLimits,
  headerHint: string | null = null,
): AsyncGenerator<SheetRow> {
  const { bytes, html } = await workbookBytes(file, limits);
  // From before the worker is taken: a worker started for this file is part of what reading it costs.
  const baselineRss = process.memoryUsage.rss();
  const worker = takeWorker(limits.spreadsheetMemoryMib);
  worker.ref();
  let settle: ((message: FromWorker | Error) => void) | null = null;
  let parsed = false;
  let failure: Error | null = null;
  const inbox: (FromWorker | Error)[] = [];
  const deliver = (message: FromWorker | Error): void => {
    if (settle) {
      const resolve = settle;
      settle = null;
      resolve(message);
    } else inbox.push(message);
  };
  const onMessage = (message: FromWorker | { kind: 'ready' }): void => {
    if (message.kind === 'ready') return;
    // The limits are on parsing the workbook; handing out its rows then waits on the consumer, not on the file.
    if (!parsed) {
      clearTimeout(timer);
      stopWatching();
    }
    parsed = true;
    deliver(message);
  };
  const onError = (error: Error & { code?: string }): void => {
    failure ??=
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? StatementLimitError.spreadsheetTooCostly(limits, 'memory', 'heap')
        : new StatementParseError(
            `the spreadsheet could not be read (${error.message})`,
            {},
            ReconciliationErrorCode.STATEMENT_MALFORMED,
          );
    deliver(failure);
  };
  const onExit = (): void =>
    deliver(
      failure ??
        new StatementParseError('the spreadsheet reader stopped', {}, ReconciliationErrorCode.STATEMENT_MALFORMED),
    );
  const timer = setTimeout(() => {
    failure = StatementLimitError.spreadsheetTooCostly(limits, 'time');
    deliver(failure);
    void worker.terminate();
  }, limits.spreadsheetTimeoutMs);
  const stopWatching = watchMemory(baselineRss, limits.spreadsheetMemoryMib, () => {
    failure ??= StatementLimitError.spreadsheetTooCostly(limits, 'memory', 'process');
    deliver(failure);
    void worker.terminate();
  });
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  const receive = (): Promise<FromWorker | Error> => {
    const queued = inbox.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (settle = resolve));
  };
  let reusable = false;
  try {
    // Handed over, not copied, when the bytes are a buffer of their own.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const request: ParseRequest = {
      kind: 'parse',
      bytes: owned ? new Uint8Array(bytes.buffer) : bytes,
      html,
      headerHint,
      maxRows: limits.maxLines,
      batch: ROWS_PER_BATCH,
    };
    worker.postMessage(request, owned ? [bytes.buffer as ArrayBuffer] : []);
    for (;;) {
      const message = await receive();
      if (message instanceof Error) throw message;
      if (message.kind === 'unreadable') {
        reusable = true;
        throw new StatementParseError(
          `the file is not a readable spreadsheet (${message.reason})`,
          {},
          ReconciliationErrorCode.STATEMENT_MALFORMED,
        );
      }
      if (message.kind === 'tooManyRows') {
        reusable = true;
        throw StatementLimitError.tooManyLines(limits.maxLines, message.rowNumber);
      }
      for (const row of message.rows) yield { rowNumber: row.rowNumber, cells: row.cells.map(cellFrom) };
      if (message.done) {
        reusable = true;
        return;
      }
      worker.postMessage('next');
    }
  } finally {
    clearTimeout(timer);
    stopWatching();
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    // A worker left in the middle of a file (the consumer stopped early) is not reused: it would send its rows.
    if (reusable && failure === null) keepWorker(limits.spreadsheetMemoryMib, worker);
    else await worker.terminate();
  }
}
