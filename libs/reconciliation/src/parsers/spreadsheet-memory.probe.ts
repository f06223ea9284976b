/**
 * Reads a generated .xlsx export in a process of its own and prints what happened, as JSON: the memory watch of the
 * spreadsheet reader measures the whole process, so its test needs a process whose memory nothing else has grown or
 * freed before. Usage: node -r ./test/support/ts-register.js spreadsheet-memory.probe.ts <rows> <limitMib>
 */
import { Readable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { parseStatement } from './parse-statement';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, StatementFormat } from './statement-types';

const MiB = 1024 * 1024;
const MAPPING: ColumnMapping = { date: '交易日期', amount: '交易金额' };

/** An .xlsx export of `rows` lines (SheetJS writes BIFF8 far too slowly for a test). */
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

async function main(): Promise<void> {
  const [rows, limitMib] = process.argv.slice(2).map(Number);
  const bytes = workbook(rows);
  // The writer's garbage is collected before the baseline where the process allows it (--expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  let lines = 0;
  let error: { code: string; details: unknown } | null = null;
  try {
    const events = parseStatement(Readable.from([bytes]), StatementFormat.XLSX, MAPPING, {
      limits: { spreadsheetMemoryMib: limitMib },
    });
    for await (const event of events) if (event.kind === 'line') lines += 1;
  } catch (caught) {
    if (!(caught instanceof StatementParseError)) throw caught;
    error = { code: caught.code, details: caught.details };
  } finally {
    clearInterval(sampler);
  }
  const peakGrowthMiB = (Math.max(peak, process.memoryUsage.rss()) - baseline) / MiB;
  process.stdout.write(JSON.stringify({ lines, error, peakGrowthMiB }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
