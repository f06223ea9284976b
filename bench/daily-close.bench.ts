/**
 * Daily close over many installments: `npm run bench:daily-close [-- --loans 10000 --per-loan 10]`.
 * Builds a scratch database (DATABASE_URL's server, default local), fills it with set-based SQL, runs the close
 * twice (the second run must change nothing) and prints the figures. Not a test: run by hand.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, createScratchDatabase, dropDatabase, runMigrationsWithLock } from '@mla/database';
import { DailyCloseRepository } from '@mla/loans';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { loans: { type: 'string', default: '10000' }, 'per-loan': { type: 'string', default: '10' } },
  });
  const loans = Number(values.loans);
  const perLoan = Number(values['per-loan']);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_bench');
  const ds = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    let t = Date.now();
    await ds.query(
      `INSERT INTO loans (id, contract_number, application_id, applicant_id, bank_organisation_id, region_code, policy_id,
                          principal_fen, annual_rate, lpr_percent, lpr_effective_date, signing_date, term_months,
                          repayment_method, conventions, penalty_uplift, allocation_order, status, value_date, maturity_date, signed_by_user_id)
       SELECT gen_random_uuid(), 'B-' || g, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '150221', gen_random_uuid(),
              10000000, 0.045, 3.0, '2025-05-20', '2025-01-01', $2, 'EQUAL_PRINCIPAL', '{"dayCount":"ACT_360"}', 0.5, '{penalty,interest,principal}', 'ACTIVE',
              '2025-01-01', ('2025-01-01'::date + make_interval(months => $2::int))::date, gen_random_uuid()
         FROM generate_series(1, $1::int) g`,
      [loans, perLoan],
    );
    await ds.query(
      `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen, interest_due_fen)
       SELECT l.id, n, (l.value_date + make_interval(months => n - 1))::date, (l.value_date + make_interval(months => n))::date - 1,
              (l.value_date + make_interval(months => n))::date, 30, l.principal_fen / $1, 37500
         FROM loans l CROSS JOIN generate_series(1, $1::int) n`,
      [perLoan],
    );
    await ds.query('ANALYZE');
    const seeded = Date.now() - t;
    const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM installments')) as { n: number }[];
    const close = new DailyCloseRepository();
    // Halfway through the terms, so about half the installments fall due unpaid.
    const asOf = `2025-${String(Math.min(12, Math.ceil(perLoan / 2) + 1)).padStart(2, '0')}-15`;
    t = Date.now();
    const first = await ds.transaction((tx) => close.run(tx, asOf));
    const firstMs = Date.now() - t;
    t = Date.now();
    const again = await ds.transaction((tx) => close.run(tx, asOf));
    const againMs = Date.now() - t;
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`installments: ${n} (${loans} loans × ${perLoan}), seeded in ${seeded} ms`);
    console.log(
      `daily close as of ${asOf}: ${firstMs} ms — ${first.installmentsMarkedOverdue} installments overdue, ${first.installmentsAccruingPenalty} accruing penalty (${first.penaltyAccruedFen} fen), ${first.loansMarkedOverdue} loans overdue`,
    );
    console.log(
      `same date again: ${againMs} ms — ${again.installmentsMarkedOverdue} marked, ${again.installmentsAccruingPenalty} accrued (must be 0 and 0)`,
    );
    console.log(`client rss: ${rss} MiB`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
