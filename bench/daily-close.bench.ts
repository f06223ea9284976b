/**
 * Daily close over many installments, beside its floor:
 *   npm run bench:daily-close [-- --loans 120000 --per-loan 10]                 half the installments fall due unpaid
 *   npm run bench:daily-close -- --loans 1000000 --per-loan 12 --late-percent 5  a realistic portfolio: 5% of loans late
 * Builds a scratch database (DATABASE_URL's server, default local), fills it with set-based SQL, then times, on the
 * same rows: the floor (one bare UPDATE marking the same installments overdue, rolled back), and the close (then the
 * same date again, which must change nothing). Not a test: run by hand.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, createScratchDatabase, dropDatabase, runMigrationsWithLock } from '@mla/database';
import { DailyCloseRepository } from '@mla/loans';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      loans: { type: 'string', default: '120000' },
      'per-loan': { type: 'string', default: '10' },
      /** Percent of loans with unpaid installments past due; the others paid every installment due. Default: all. */
      'late-percent': { type: 'string', default: '100' },
    },
  });
  const loans = Number(values.loans);
  const perLoan = Number(values['per-loan']);
  const latePercent = Number(values['late-percent']);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_bench');
  const ds = new DataSource(
    buildDataSourceOptions({ url, poolSize: 4, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 }),
  );
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    // Halfway through the terms: the first half of each loan's installments has fallen due.
    const dueMonths = Math.ceil(perLoan / 2);
    const asOf = `2025-${String(Math.min(12, dueMonths + 1)).padStart(2, '0')}-15`;
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
    // A loan is late when its contract number falls in the first late-percent of each hundred; a punctual loan has
    // paid every installment due by asOf.
    await ds.query(
      `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen, interest_due_fen,
                                 principal_paid_fen, interest_paid_fen, status)
       SELECT l.id, n, (l.value_date + make_interval(months => n - 1))::date, (l.value_date + make_interval(months => n))::date - 1,
              (l.value_date + make_interval(months => n))::date, 30, l.principal_fen / $1, 37500,
              CASE WHEN paid THEN l.principal_fen / $1 ELSE 0 END, CASE WHEN paid THEN 37500 ELSE 0 END,
              CASE WHEN paid THEN 'PAID' ELSE 'PENDING' END
         FROM loans l CROSS JOIN generate_series(1, $1::int) n,
              LATERAL (SELECT (l.value_date + make_interval(months => n))::date < $2::date
                              AND (substring(l.contract_number from 3)::int % 100) >= $3 AS paid) p`,
      [perLoan, asOf, latePercent],
    );
    await ds.query('VACUUM ANALYZE');
    const seeded = Date.now() - t;
    const [{ n, late }] = (await ds.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'PENDING' AND due_date < $1)::int AS late FROM installments`,
      [asOf],
    )) as { n: number; late: number }[];
    console.log(
      `installments: ${n} (${loans} loans × ${perLoan}; ${latePercent}% of loans late), ${late} falling overdue on ${asOf}; seeded in ${seeded} ms`,
    );

    // The floor: the same rows, found the same way, set overdue by one bare UPDATE (rolled back, then vacuumed so the
    // close starts from the same table).
    const floorRuns: number[] = [];
    for (let run = 0; run < 2; run += 1) {
      const runner = ds.createQueryRunner();
      await runner.startTransaction();
      t = Date.now();
      await runner.query(
        `UPDATE installments SET status = 'OVERDUE'
          WHERE status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE') AND due_date < $1::date`,
        [asOf],
      );
      floorRuns.push(Date.now() - t);
      await runner.rollbackTransaction();
      await runner.release();
      await ds.query('VACUUM ANALYZE installments');
    }
    const floor = Math.min(...floorRuns);

    const close = new DailyCloseRepository();
    t = Date.now();
    const first = await ds.transaction((tx) => close.run(tx, asOf));
    const firstMs = Date.now() - t;
    t = Date.now();
    const again = await ds.transaction((tx) => close.run(tx, asOf));
    const againMs = Date.now() - t;
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(`floor (bare UPDATE of the same rows): ${floor} ms (runs: ${floorRuns.join(', ')} ms)`);
    console.log(
      `daily close as of ${asOf}: ${firstMs} ms = ${(firstMs / Math.max(1, floor)).toFixed(2)}× the floor — ${first.installmentsMarkedOverdue} installments overdue, ${first.installmentsAccruingPenalty} charged penalty (${first.penaltyAccruedFen} fen), ${first.loansMarkedOverdue} loans overdue`,
    );
    console.log(
      `same date again: ${againMs} ms — ${again.installmentsMarkedOverdue} marked, ${again.installmentsAccruingPenalty} charged (must be 0 and 0)`,
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
