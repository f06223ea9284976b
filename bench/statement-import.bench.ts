/**
 * Reading a large bank statement: `npm run bench:statement-import [-- --mib 50 --sheet-rows 60000]`.
 * Generates a rural credit cooperative CSV export of that size on the fly (GBK, two title lines, debit and credit
 * columns, thousands separators), streams it through the CSV statement parser, and prints lines, time and the
 * process's peak RSS, sampled every 50 ms: the file is never held in memory whole. Then the same export as an .xlsx
 * and a legacy .xls of `--sheet-rows` rows (the .xls format holds 65,536 at most), each read by the import's path
 * (archive checked and stored, parsed in the worker thread, rows mapped) beside its floor: SheetJS reading the same
 * bytes on the main thread and walking the rows. Not a test: run by hand.
 */
import 'reflect-metadata';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { BANK_PRESETS, StatementFormat, parseStatement } from '@mla/reconciliation';

function* rows(targetBytes: number): Generator<Buffer> {
  yield iconv.encode(
    '土默特右旗农村信用合作联社 账户交易明细\r\n账号: 150221012000000001 币种: 人民币\r\n' +
      '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言\r\n',
    'gb18030',
  );
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const fen = (i % 9_999_999) + 1;
    const amount = `"${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}"`;
    const line = `202611${day},093000,还款,,${amount},,张桂兰,62284800000${String(i).padStart(8, '0')},RC${i},妇女创业担保贷款还款\r\n`;
    const chunk = iconv.encode(line, 'gb18030');
    bytes += chunk.length;
    yield chunk;
  }
}

function workbook(rows: number, bookType: XLSX.BookType): Buffer {
  const data: unknown[][] = [
    ['土默特右旗农村信用合作联社 账户交易明细'],
    ['交易日期', '交易时间', '摘要', '借方发生额', '贷方发生额', '余额', '对方户名', '对方账号', '流水号', '附言'],
  ];
  for (let i = 0; i < rows; i++) {
    const fen = (i % 9_999_999) + 1;
    data.push([
      `202611${String((i % 28) + 1).padStart(2, '0')}`,
      '093000',
      '还款',
      null,
      fen / 100,
      null,
      '张桂兰',
      `62284800000${String(i).padStart(8, '0')}`,
      `RC${i}`,
      '妇女创业担保贷款还款',
    ]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(data), '明细');
  return XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Buffer;
}

/**
 * The work's time, and how far the process's RSS rose above what it was when the work began, sampled every 10 ms on
 * this thread: it sees the import path (parsed in the worker thread), not the floor's synchronous read.
 */
async function timed(work: () => Promise<number>): Promise<{ ms: number; count: number; rssMiB: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const count = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ms, count, rssMiB: Math.round((peak - baseline) / 1024 / 1024) };
}

async function spreadsheets(rows: number): Promise<void> {
  for (const bookType of ['xlsx', 'biff8'] as const) {
    const madeFrom = performance.now();
    const bytes = workbook(rows, bookType);
    const madeMs = performance.now() - madeFrom;
    const floor = await timed(async () => {
      const book = XLSX.read(bytes, { type: 'buffer', dense: true });
      const data = (book.Sheets[book.SheetNames[0]] as { '!data'?: unknown[][] })['!data'] ?? [];
      return data.filter((row) => row && row.length > 0).length;
    });
    const ours = await timed(async () => {
      let lines = 0;
      for await (const event of parseStatement(Readable.from([bytes]), StatementFormat.XLSX, BANK_PRESETS.RCC)) {
        if (event.kind === 'line') lines += 1;
      }
      return lines;
    });
    const name = bookType === 'xlsx' ? '.xlsx' : '.xls (BIFF8)';
    console.log(`${name}: written by SheetJS in ${(madeMs / 1000).toFixed(1)} s (not measured below)`);
    console.log(
      `${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, ${ours.count} lines; ` +
        `floor (SheetJS on the main thread, ${floor.count} rows) ${Math.round(floor.ms)} ms, ` +
        `import path ${Math.round(ours.ms)} ms, +${ours.rssMiB} MiB RSS; ratio ${(ours.ms / floor.ms).toFixed(2)}×`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mib: { type: 'string', default: '50' }, 'sheet-rows': { type: 'string', default: '60000' } },
  });
  const target = Number(values.mib) * 1024 * 1024;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  let lines = 0;
  let totalFen = 0n;
  for await (const event of parseStatement(Readable.from(rows(target)), StatementFormat.CSV, BANK_PRESETS.RCC)) {
    if (event.kind !== 'line') continue;
    lines += 1;
    totalFen += event.line.amountFen;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`file: ${values.mib} MiB generated on the fly (GBK CSV, ${lines} lines, ${totalFen} fen in all)`);
  console.log(`parsed in ${(ms / 1000).toFixed(1)} s (${Math.round(lines / (ms / 1000))} lines/s)`);
  console.log(`peak RSS: ${Math.round(peak / 1024 / 1024)} MiB`);
  const sampler2 = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  await spreadsheets(Math.min(65_000, Number(values['sheet-rows'])));
  clearInterval(sampler2);
  console.log(`peak RSS with the spreadsheets: ${Math.round(peak / 1024 / 1024)} MiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
