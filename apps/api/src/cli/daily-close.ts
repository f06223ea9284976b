/**
 * `npm run daily-close [-- --date YYYY-MM-DD]`: the nightly close (overdue, penalty, days past due, compensation
 * alerts) for all loans as of the date (default: today in Asia/Shanghai), run here rather than queued, and stored as
 * a run with trigger CLI. Earlier dates still open close first; a date already closed changes nothing.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { parseDateField } from '@mla/core';
import { DailyCloseService, DailyCloseTrigger } from '@mla/loans';
import { createCliContext } from './cli.module';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { date: { type: 'string' } } });
  const date = values.date === undefined ? undefined : parseDateField('date', values.date);
  const app = await createCliContext();
  try {
    const run = await app.get(DailyCloseService).run(date, { trigger: DailyCloseTrigger.CLI });
    console.log(
      JSON.stringify({
        businessDate: run.businessDate,
        status: run.status,
        trigger: run.trigger,
        durationMs: run.durationMs,
        figures: run.figures,
      }),
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
