/**
 * `npm run daily-close [-- --date YYYY-MM-DD]`: marks overdue installments and loans and accrues penalty for all
 * loans as of the date (default: today in Asia/Shanghai). Safe to run twice for the same date.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { LocalDate } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import { createCliContext } from './cli.module';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { date: { type: 'string' } } });
  const app = await createCliContext();
  try {
    const started = process.hrtime.bigint();
    const result = await app.get(DailyCloseService).run(values.date ? LocalDate.parse(values.date) : undefined);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      JSON.stringify({ ...result, penaltyAccruedFen: result.penaltyAccruedFen.toString(), elapsedMs: Math.round(ms) }),
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
