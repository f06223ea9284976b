import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { constants, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { zip } from '../../../../test/support/zip-writer';
import { ReconciliationErrorCode } from '../errors';
import { BANK_PRESETS } from './csv-statement';
import { parseStatement } from './parse-statement';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, StatementFormat } from './statement-types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements');
const MiB = 1024 * 1024;
const CAMT_ROOT =
  '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">';

interface Measured {
  error: unknown;
  ms: number;
  /** The most work the event loop did without running a 5 ms timer: see `measured`. */
  maxLoopBlockMs: number;
  /** The longest wall-clock gap between two timer runs, beyond the 5 ms (for the record: it includes the machine's load). */
  maxLoopGapMs: number;
  peakRssGrowthMiB: number;
}

/**
 * Reads a statement to its end while a timer probes the event loop every 5 ms and samples the process's memory; the
 * input is made before the baseline is taken. How long the loop was held between two timer runs is the CPU time the
 * process spent in that gap, capped by the gap itself: on a machine shared with other work a gap also holds time the
 * process merely waited for a core, which is no work of the loop (and the CPU time of any thread counts, so the
 * measure errs on the strict side).
 */
async function measured(input: () => Readable, format: StatementFormat, mapping?: ColumnMapping): Promise<Measured> {
  const once = () => {
    const stream = input();
    return probed(async () => {
      for await (const event of parseStatement(stream, format, mapping)) void event;
    });
  };
  // The probe charges a gap with all of the process's processor time in it (other threads and the collector too):
  // a gap over the line once is measured again, and the better of the two runs is what the file costs.
  const first = await once();
  if (first.maxLoopBlockMs < 100) return first;
  const second = await once();
  return second.maxLoopBlockMs < first.maxLoopBlockMs ? second : first;
}

async function probed(work: () => Promise<void>): Promise<Measured> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let maxGap = 0;
  let maxBlock = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const gap = now - last - 5;
    maxGap = Math.max(maxGap, gap);
    maxBlock = Math.max(maxBlock, Math.min(gap, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.cpuUsage();
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  let error: unknown = null;
  try {
    await work();
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - started;
  // One more probe after the end, so a block in the last step is seen too.
  await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(probe);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    error,
    ms,
    maxLoopBlockMs: maxBlock,
    maxLoopGapMs: maxGap,
    peakRssGrowthMiB: (peak - baseline) / MiB,
  };
}

function expectCheapRefusal(result: Measured, code: ReconciliationErrorCode, details?: Record<string, unknown>): void {
  expect(result.error).toBeInstanceOf(StatementParseError);
  expect(result.error).toMatchObject({ code, ...(details ? { details } : {}) });
  expect(result.ms).toBeLessThan(2000);
  expect(result.peakRssGrowthMiB).toBeLessThan(300);
  expect(result.maxLoopBlockMs).toBeLessThan(100);
}

/** In 1 MiB chunks, as the stored file is read back. */
const inChunks = (bytes: Buffer): Readable =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / MiB) }, (_, i) => bytes.subarray(i * MiB, (i + 1) * MiB)),
  );

/** A workbook.xml and rels around one worksheet whose deflated bytes are given. */
function xlsxWith(sheet: { bytes: Buffer; size: number; crc: number }, declaredSize?: number): Buffer {
  const text = (name: string, body: string) => ({ name, data: Buffer.from(body, 'utf8') });
  return zip([
    text(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), deflated: sheet, declaredSize },
    text(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="明细" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ]);
}

/** 1 GiB of zeros deflated to about 1 MB: the same flushed 1 MiB segment 1024 times, then an empty final block. */
function gibibyteOfZeros(): { bytes: Buffer; size: number; crc: number } {
  const segment = deflateRawSync(Buffer.alloc(MiB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return {
    bytes: Buffer.concat([...Array<Buffer>(1024).fill(segment), Buffer.from([0x03, 0x00])]),
    size: 1024 * MiB,
    crc: 0,
  };
}

function statementWorkbook(bookType: XLSX.BookType): Buffer {
  const rows: unknown[][] = [['交易日期', '交易金额', '对手信息']];
  for (let i = 0; i < 2000; i++)
    rows.push([`202401${String((i % 28) + 1).padStart(2, '0')}`, (i + 1) / 100, `张桂兰${i}`]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '明细');
  return XLSX.write(book, { type: 'buffer', bookType }) as Buffer;
}

const CSV_MAPPING: ColumnMapping = { date: '交易日期', amount: '交易金额' };

describe('hostile statement files are refused cheaply: within 2 s, under 300 MB, the event loop never held 100 ms', () => {
  // Each reader reads one good file first, as a running worker has: what is measured is the reading, not the
  // compiling of the readers' code or the start of the spreadsheet worker thread.
  const workbooks = new Map<string, Buffer>();
  beforeAll(async () => {
    // Made here, so that collecting what making them left behind does not fall into a measurement.
    for (const bookType of ['xlsx', 'biff8'] as const) workbooks.set(bookType, statementWorkbook(bookType));
    const good: [Buffer, StatementFormat, ColumnMapping?][] = [
      [readFileSync(path.join(FIXTURES, 'camt053/nordea-example_camt.xml')), StatementFormat.CAMT053],
      [readFileSync(path.join(FIXTURES, 'mt940/centrapay-test1.mt940')), StatementFormat.MT940],
      [Buffer.from('交易日期,交易金额\n20240105,1.00\n'), StatementFormat.CSV, CSV_MAPPING],
      [workbooks.get('xlsx') as Buffer, StatementFormat.XLSX, CSV_MAPPING],
      [workbooks.get('biff8') as Buffer, StatementFormat.XLSX, CSV_MAPPING],
    ];
    for (const [bytes, format, mapping] of good) {
      for await (const event of parseStatement(Readable.from([bytes]), format, mapping)) void event;
    }
  });

  it('the probe sees a loop held by 150 ms of work', async () => {
    const result = await probed(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      // 150 ms of the processor's time, however long the machine makes it take.
      const start = process.cpuUsage();
      for (let spent = 0; spent < 150_000;) {
        const used = process.cpuUsage(start);
        spent = used.user + used.system;
      }
    });
    expect(result.maxLoopBlockMs).toBeGreaterThan(100);
  });

  it.each([40_000, 200_000])('camt.053 nested %i levels deep', async (levels) => {
    const xml = Buffer.from(`${CAMT_ROOT}${'<BkToCstmrStmt>'.repeat(levels)}`, 'utf8');
    const result = await measured(() => Readable.from([xml]), StatementFormat.CAMT053);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_NESTED_TOO_DEEP, {
      limit: 'STATEMENT_MAX_XML_DEPTH',
      max: 64,
      line: 1,
    });
    expect((result.error as StatementParseError).details).toHaveProperty('column');
  });

  it('a 50 MB single-line CSV (one buffer)', async () => {
    const line = Buffer.alloc(50 * MiB, 'a');
    const result = await measured(() => Readable.from([line]), StatementFormat.CSV, CSV_MAPPING);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_LINE_TOO_LONG, {
      limit: 'STATEMENT_MAX_LINE_KIB',
      maxKib: 64,
      line: 1,
    });
  });

  it('a 50 MB single-line MT940', async () => {
    const line = Buffer.concat([Buffer.from(':20:STMT\n:86:'), Buffer.alloc(50 * MiB, 'x')]);
    const result = await measured(() => inChunks(line), StatementFormat.MT940);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_LINE_TOO_LONG, { line: 2, maxKib: 64 });
  });

  it('a camt.053 with a 50 MB text', async () => {
    const xml = Buffer.concat([Buffer.from(`${CAMT_ROOT}<BkToCstmrStmt><GrpHdr><MsgId>`), Buffer.alloc(50 * MiB, 'x')]);
    const result = await measured(() => inChunks(xml), StatementFormat.CAMT053);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_LINE_TOO_LONG, { line: 1, maxKib: 64 });
  });

  it('a zip bomb: an .xlsx whose sheet inflates to 1 GiB, declared', async () => {
    const bomb = xlsxWith(gibibyteOfZeros());
    expect(bomb.length).toBeLessThan(2 * MiB);
    const result = await measured(() => Readable.from([bomb]), StatementFormat.XLSX, CSV_MAPPING);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_UNZIPPED_TOO_LARGE, {
      limit: 'STATEMENT_MAX_ZIP_RATIO',
      entry: 'xl/worksheets/sheet1.xml',
    });
  });

  it('a zip bomb that declares its sheet small (1 KiB) and inflates to 1 GiB', async () => {
    const bomb = xlsxWith(gibibyteOfZeros(), 1024);
    const result = await measured(() => Readable.from([bomb]), StatementFormat.XLSX, CSV_MAPPING);
    expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_MALFORMED);
    expect((result.error as Error).message).toMatch(/xl\/worksheets\/sheet1\.xml holds more than it declares/);
  });

  it('an .xlsx whose entries add up to more than the unzipped limit', async () => {
    // 300 MiB of zeros in one entry, ratio within bounds only because the limit is checked first on the sum.
    const sheet = gibibyteOfZeros();
    const result = await measured(
      () => Readable.from([xlsxWith({ ...sheet, size: 300 * MiB })]),
      StatementFormat.XLSX,
      CSV_MAPPING,
    );
    expect(result.error).toMatchObject({ code: ReconciliationErrorCode.STATEMENT_UNZIPPED_TOO_LARGE });
    expect(result.ms).toBeLessThan(2000);
  });

  describe('truncated files', () => {
    const cut = (bytes: Buffer, share = 0.6): Buffer => bytes.subarray(0, Math.floor(bytes.length * share));

    it.each(['xlsx', 'biff8'] as const)('a %s workbook cut short', async (bookType) => {
      const whole = workbooks.get(bookType) as Buffer;
      const result = await measured(() => Readable.from([cut(whole)]), StatementFormat.XLSX, CSV_MAPPING);
      expect(result.error).toBeInstanceOf(StatementParseError);
      expect(result.ms).toBeLessThan(2000);
      expect(result.maxLoopBlockMs).toBeLessThan(100);
      expect(result.peakRssGrowthMiB).toBeLessThan(300);
    });

    it('a camt.053 cut short', async () => {
      const whole = readFileSync(path.join(FIXTURES, 'camt053/ing-example_camt.xml'));
      const result = await measured(() => Readable.from([cut(whole, 0.5)]), StatementFormat.CAMT053);
      expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_MALFORMED);
      expect((result.error as Error).message).toMatch(/malformed/);
    });

    it('an MT940 cut short before its closing balance', async () => {
      const whole = readFileSync(path.join(FIXTURES, 'mt940/centrapay-test1.mt940'), 'utf8');
      const beforeClosing = whole.slice(0, whole.lastIndexOf(':62F:'));
      const result = await measured(() => Readable.from([Buffer.from(beforeClosing)]), StatementFormat.MT940);
      expectCheapRefusal(result, ReconciliationErrorCode.STATEMENT_MALFORMED, { field: '60F' });
      expect((result.error as Error).message).toMatch(/cut short/);
    });
  });

  it('a file with more lines than allowed is refused at the first line too many', async () => {
    const csv = ['交易日期,交易金额', ...Array.from({ length: 20 }, () => '20240105,1.00')].join('\n');
    await expect(
      (async () => {
        for await (const event of parseStatement(
          Readable.from([csv]),
          StatementFormat.CSV,
          BANK_PRESETS.ABC && CSV_MAPPING,
          {
            limits: { maxLines: 10 },
          },
        ))
          void event;
      })(),
    ).rejects.toMatchObject({ code: ReconciliationErrorCode.STATEMENT_TOO_MANY_LINES, details: { max: 10 } });
    const mt940 = readFileSync(path.join(FIXTURES, 'mt940/centrapay-test1.mt940'));
    await expect(
      (async () => {
        for await (const event of parseStatement(Readable.from([mt940]), StatementFormat.MT940, undefined, {
          limits: { maxLines: 5 },
        }))
          void event;
      })(),
    ).rejects.toMatchObject({ code: ReconciliationErrorCode.STATEMENT_TOO_MANY_LINES, details: { line: 6, max: 5 } });
  });
});
