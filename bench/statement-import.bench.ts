/**
 * Reading a large bank statement: `npm run bench:statement-import [-- --mib 50]`.
 * Generates a rural credit cooperative CSV export of that size on the fly (GBK, two title lines, debit and credit
 * columns, thousands separators), streams it through the CSV statement parser, and prints lines, time and the
 * process's peak RSS, sampled every 50 ms: the file is never held in memory whole. Not a test: run by hand.
 */
import 'reflect-metadata';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mib: { type: 'string', default: '50' } } });
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
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
