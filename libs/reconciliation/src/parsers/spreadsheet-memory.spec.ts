import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { ReconciliationErrorCode } from '../errors';
import { parseStatement } from './parse-statement';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, StatementFormat } from './statement-types';

const MiB = 1024 * 1024;
const MAPPING: ColumnMapping = { date: '交易日期', amount: '交易金额' };

/** An .xlsx export of `rows` lines (written as .xlsx: SheetJS writes BIFF8 far too slowly for a test). */
function workbook(rows: number): Buffer {
  const data: unknown[][] = [['交易日期', '交易金额', '对方户名', '对方账号', '附言']];
  for (let i = 0; i < rows; i++)
    data.push([
      `202611${String((i % 28) + 1).padStart(2, '0')}`,
      (i + 1) / 100,
      '张桂兰',
      `62284800000${String(i).padStart(8, '0')}`,
      '妇女创业担保贷款还款',
    ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(data), '明细');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

async function read(
  bytes: Buffer,
  spreadsheetMemoryMib: number,
): Promise<{ lines: number; error: unknown; peakGrowthMiB: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  let lines = 0;
  let error: unknown = null;
  try {
    const events = parseStatement(Readable.from([bytes]), StatementFormat.XLSX, MAPPING, {
      limits: { spreadsheetMemoryMib },
    });
    for await (const event of events) if (event.kind === 'line') lines += 1;
  } catch (caught) {
    error = caught;
  } finally {
    clearInterval(sampler);
  }
  return { lines, error, peakGrowthMiB: (Math.max(peak, process.memoryUsage.rss()) - baseline) / MiB };
}

describe('the spreadsheet reader is bounded by the memory limit of the whole process, not only its heap', () => {
  const bytes = workbook(30_000);

  it('stops a workbook whose reading grows the process beyond the limit, and refuses it as too costly', async () => {
    const result = await read(bytes, 64);
    expect(result.error).toBeInstanceOf(StatementParseError);
    const error = result.error as StatementParseError;
    expect(error.code).toBe(ReconciliationErrorCode.STATEMENT_SPREADSHEET_TOO_COSTLY);
    // The watch on the process's resident memory stopped it, before the worker's heap limit did.
    expect(error.details).toMatchObject({
      limit: 'STATEMENT_SPREADSHEET_MEMORY_MIB',
      memoryMib: 64,
      measured: 'process',
    });
    expect(result.lines).toBe(0);
    // Sampled every 20 ms: the process stops a little beyond the limit, far from what the whole read takes.
    expect(result.peakGrowthMiB).toBeLessThan(64 + 48);
  });

  it('reads the same workbook whole under the default limit', async () => {
    const result = await read(bytes, 1024);
    expect(result.error).toBeNull();
    expect(result.lines).toBe(30_000);
    // How much the process grows depends on what it freed before (a run of suites can read it with no growth at all):
    // the refusal above is told apart by what stopped it (measured: 'process'), not by this figure.
    expect(result.peakGrowthMiB).toBeLessThan(1024);
  });
});
