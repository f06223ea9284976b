/**
 * Statistics over many loans, beside its floors:
 *   npm run bench:statistics                      1,000,000 loans (4 installments each), the snapshot of one date
 *   npm run bench:statistics -- --loans 100000    a smaller portfolio
 *   npm run bench:statistics -- --seed-only       seed and keep the database (prints its name), then
 *   npm run bench:statistics -- --from NAME       run on a copy of it (no seeding; --loans only labels the figures)
 * Builds a scratch database (DATABASE_URL's server, default local), fills it with set-based SQL (applicants,
 * applications, loans lent through 2025 in 1,000 villages of 9 counties, 5 banks, 50 officers, the ten categories;
 * interest quarterly and principal at maturity, every installment due paid on its due date except 5% of loans,
 * which pay nothing), then times on the same rows:
 * - the snapshot job's first (full) build of 2025-12-30, beside its floor (one aggregate of installments joined to
 *   loans); then the nightly (incremental) case of 2025-12-31, re-computing only the loans something happened to
 *   (rows falling due that day, and 2% of loans touched), beside its floor (the same aggregate over those loans);
 *   then the next night, 2026-01-01 (another 2% touched); then 1,000 back-dated interest-only postings and the
 *   re-computation of the stored days since for those loans; and that date again as a full build, which must give
 *   the same rows;
 * - the report reads (a county's monthly table: its townships for the month and the year to date; its monitoring
 *   table by category over the year), on a year of stored days, each beside its floor (one bare aggregate of the
 *   same snapshot rows). Not a test: run by hand.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, createScratchDatabase, dropDatabase, runMigrationsWithLock } from '@mla/database';
import {
  CHANGED_FLOOR_SQL,
  FLOOR_SQL,
  FLOW_FIGURES,
  STOCK_FIGURES,
  SnapshotDimension,
  SnapshotRepository,
  SnapshotScope,
} from '@mla/statistics';

const AS_OF = '2025-12-31';
/** The day before: the first (full) build, from which the nightly case goes on to AS_OF. */
const DAY_BEFORE = '2025-12-30';
/** The night after AS_OF: a second nightly run. */
const DAY_AFTER = '2026-01-01';
/** The value date of the back-dated postings. */
const BACK_DATED = '2025-12-20';
const COUNTY = '150221';
/** When the seeded rows were entered (before the first build; a nightly run re-computes what changed after). */
const ENTERED = `'2025-06-30 12:00+08'::timestamptz`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = Date.now();
  const result = await work();
  return [result, Date.now() - t];
}

async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
  return (await coldAndBest(runs, work))[1];
}

/** The first run (cold: the rows just written, never read) and the best of the runs. */
async function coldAndBest(runs: number, work: () => Promise<unknown>): Promise<[number, number]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await timed(work))[1]);
  return [times[0], Math.min(...times)];
}

async function seed(ds: DataSource, loans: number): Promise<void> {
  // Region of loan g: province 15, city 1502, county 1502(21..30), township 3 digits, village 3 digits.
  const region = `'15022' || (1 + g % 9)::text || lpad((100 + (g / 10) % 10)::int::text, 3, '0') || lpad((200 + (g / 100) % 10)::int::text, 3, '0')`;
  await ds.query(
    `INSERT INTO applicants (id, name, id_number_ciphertext, id_number_index, id_number_masked, birth_date, sex, female,
                             mobile_ciphertext, mobile_index, mobile_masked, region_code, household_type, category,
                             sub_flags, business_kind, employment_status, organisation_id, created_by_user_id, jobs_created, version,
                             created_at, updated_at)
     SELECT md5('a' || g)::uuid, '张红', 'x', md5('i' || g) || md5('j' || g), '150221********0021', '1985-01-01',
            CASE WHEN g % 10 = 0 THEN 'M' ELSE 'F' END, g % 10 <> 0, 'x', md5('m' || g) || md5('n' || g), '135****5000',
            ${region}, 'RURAL',
            (ARRAY['URBAN_REGISTERED_UNEMPLOYED','EMPLOYMENT_DIFFICULTY','VETERAN','RELEASED_PRISONER','GRADUATE','OVERCAPACITY_WORKER',
                   'RETURNING_MIGRANT_WORKER','ONLINE_MERCHANT','POVERTY_REGISTERED','RURAL_SELF_EMPLOYED'])[1 + g % 10],
            CASE WHEN g % 17 = 0 THEN '{DISABILITY}'::varchar[] ELSE '{}'::varchar[] END,
            'LIVESTOCK', 'FARMER', md5('org')::uuid, md5('u' || g % 50)::uuid, g % 3, 1, ${ENTERED}, ${ENTERED}
       FROM generate_series(1, $1::int) g`,
    [loans],
  );
  await ds.query(
    `INSERT INTO loan_applications (id, number, applicant_id, region_code, organisation_id, bank_organisation_id,
                                    amount_fen, term_months, purpose, repayment_method, status, created_by_user_id,
                                    last_actor_user_id, step_entered_at)
     SELECT md5('p' || g)::uuid, 'SQ-' || g, md5('a' || g)::uuid, ${region}, md5('org')::uuid, md5('b' || g % 5)::uuid,
            10000000, 12, 'LIVESTOCK', 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY', 'CLOSED', md5('u' || g % 50)::uuid,
            md5('u' || g % 50)::uuid, now()
       FROM generate_series(1, $1::int) g`,
    [loans],
  );
  await ds.query(
    `INSERT INTO loans (id, contract_number, application_id, applicant_id, bank_organisation_id, region_code, policy_id,
                        principal_fen, annual_rate, lpr_percent, lpr_effective_date, signing_date, term_months,
                        repayment_method, conventions, penalty_uplift, allocation_order, status, value_date,
                        maturity_date, signed_by_user_id, created_at, updated_at)
     SELECT md5('l' || g)::uuid, 'B-' || g, md5('p' || g)::uuid, md5('a' || g)::uuid, md5('b' || g % 5)::uuid, ${region},
            md5('policy')::uuid, 10000000, 0.045, 3.0, '2024-12-20', d, 12,
            'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY', '{"dayCount":"ACT_360"}', 0.5, '{penalty,interest,principal}',
            'ACTIVE', d, (d + interval '12 months')::date, md5('u' || g % 50)::uuid, ${ENTERED}, ${ENTERED}
       FROM generate_series(1, $1::int) g, LATERAL (SELECT ('2025-01-01'::date + (g % 365))::date AS d) v`,
    [loans],
  );
  // Four quarterly rows; a loan is late (pays nothing) when its number ends in 00..04 of each hundred.
  await ds.query(
    `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen,
                               interest_due_fen, principal_paid_fen, interest_paid_fen, status)
     SELECT l.id, n, (l.value_date + make_interval(months => 3 * (n - 1)))::date,
            (l.value_date + make_interval(months => 3 * n))::date - 1, due, 91,
            CASE WHEN n = 4 THEN l.principal_fen ELSE 0 END, 112500,
            CASE WHEN paid AND n = 4 THEN l.principal_fen ELSE 0 END, CASE WHEN paid THEN 112500 ELSE 0 END,
            CASE WHEN paid THEN 'PAID' ELSE 'PENDING' END
       FROM loans l CROSS JOIN generate_series(1, 4) n,
            LATERAL (SELECT (l.value_date + make_interval(months => 3 * n))::date AS due) dd,
            LATERAL (SELECT due <= $1::date AND (substring(l.contract_number from 3)::int % 100) >= 5 AS paid) p`,
    [AS_OF],
  );
  await ds.query(
    `INSERT INTO repayments (id, loan_id, amount_fen, value_date, channel, external_reference, loan_status_before,
                             posted_by_user_id, posted_at)
     SELECT md5('r' || i.id)::uuid, i.loan_id, i.principal_paid_fen + i.interest_paid_fen, i.due_date, 'AUTO_DEBIT',
            'R-' || i.id, 'ACTIVE', md5('u0')::uuid, (i.due_date + time '10:00') AT TIME ZONE 'Asia/Shanghai'
       FROM installments i WHERE i.status = 'PAID'`,
  );
  await ds.query(
    `INSERT INTO repayment_allocations (repayment_id, installment_id, penalty_fen, interest_fen, principal_fen,
                                        installment_status_before)
     SELECT md5('r' || i.id)::uuid, i.id, 0, i.interest_paid_fen, i.principal_paid_fen, 'PENDING'
       FROM installments i WHERE i.status = 'PAID'`,
  );
  await ds.query(
    `INSERT INTO regions (code, name, level, parent_code)
     SELECT * FROM (VALUES ('150000', '内蒙古自治区', 'province', NULL), ('150200', '包头市', 'city', '150000')) v
     ON CONFLICT DO NOTHING`,
  );
  await ds.query(
    `INSERT INTO regions (code, name, level, parent_code)
     SELECT '15022' || c, '县' || c, 'county', '150200' FROM generate_series(1, 9) c ON CONFLICT DO NOTHING`,
  );
  await ds.query(
    `INSERT INTO regions (code, name, level, parent_code)
     SELECT '150221' || (100 + t)::text, '镇' || t, 'township', '150221' FROM generate_series(0, 9) t ON CONFLICT DO NOTHING`,
  );
  await ds.query('VACUUM ANALYZE');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      loans: { type: 'string', default: '1000000' },
      // Seed a database, keep it and stop (prints its name); then `--from NAME` copies it instead of seeding.
      'seed-only': { type: 'boolean', default: false },
      from: { type: 'string' },
    },
  });
  const loans = Number(values.loans);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, values['seed-only'] ? 'mla_bench_seed' : 'mla_bench', values.from);
  const ds = new DataSource(
    buildDataSourceOptions({ url, poolSize: 4, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 }),
  );
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    const [, seeded] = values.from ? [null, 0] : await timed(() => seed(ds, loans));
    if (values['seed-only']) {
      console.log(`seeded ${loans} loans in ${seeded} ms into ${new URL(url).pathname.slice(1)} (kept)`);
      return;
    }
    const [[{ n }]] = await timed(
      () => ds.query(`SELECT count(*)::int AS n FROM installments`) as Promise<{ n: number }[]>,
    );
    console.log(`${loans} loans, ${n} installments; seeded in ${seeded} ms`);

    const floor = await best(2, () => ds.query(FLOOR_SQL, [AS_OF]));
    const snapshots = new SnapshotRepository();
    const write = (date: string, mode: 'AUTO' | 'FULL' = 'AUTO') =>
      ds.transaction(async (tx) => {
        await snapshots.lock(tx);
        const started = Date.now();
        const how = await snapshots.writeDateHow(tx, date, mode);
        await snapshots.markComputed(tx, date, Date.now() - started, how.rows);
        return how;
      });
    // The first build: every loan's facts and the day's rows.
    const [built, first] = await timed(() => write(DAY_BEFORE));
    console.log(`snapshot floor (one aggregate of installments joined to loans): ${floor} ms`);
    console.log(
      `first (full) build of ${DAY_BEFORE}: ${first} ms = ${(first / Math.max(1, floor)).toFixed(2)}× the floor ` +
        `(${built.rows} rows)`,
    );
    // The nightly case: the next day, on which ~1.1% of loans have a row falling due (and pay it, or turn late
    // later), plus 2% of loans touched since (a status change, a posting): re-computed alone.
    await ds.query(`UPDATE loans SET updated_at = now() WHERE substring(contract_number from 3)::int % 50 = 7`);
    const [nightly, next] = await timed(() => write(AS_OF));
    // Its floor: the same aggregate over the changed loans only (the set found the same way, not timed).
    const changedFloor = await ds.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE stat_changed (loan_id uuid PRIMARY KEY) ON COMMIT DROP`);
      await tx.query(
        `INSERT INTO stat_changed SELECT id FROM loans WHERE substring(contract_number from 3)::int % 50 = 7
         UNION SELECT loan_id FROM installments WHERE due_date = $1::date`,
        [AS_OF],
      );
      await tx.query(`ANALYZE stat_changed`);
      const t = Date.now();
      await tx.query(CHANGED_FLOOR_SQL, [AS_OF]);
      return Date.now() - t;
    });
    console.log(
      `nightly (incremental) ${AS_OF}: ${next} ms for ${nightly.changedLoans} changed loans ` +
        `(${((100 * (nightly.changedLoans ?? 0)) / loans).toFixed(1)}%), ${nightly.rows} rows; floor ${changedFloor} ms ` +
        `(the aggregate over ~those loans' installments) = ${(next / Math.max(1, changedFloor)).toFixed(2)}×; ` +
        `${(next / Math.max(1, floor)).toFixed(2)}× the full floor`,
    );
    // The night after: another 2% touched, the cache as a nightly run leaves it.
    await ds.query(`UPDATE loans SET updated_at = now() WHERE substring(contract_number from 3)::int % 50 = 8`);
    const [second, after] = await timed(() => write(DAY_AFTER));
    console.log(
      `next nightly (incremental) ${DAY_AFTER}: ${after} ms for ${second.changedLoans} changed loans ` +
        `(${((100 * (second.changedLoans ?? 0)) / loans).toFixed(1)}%); ${(after / Math.max(1, floor)).toFixed(2)}× the full floor`,
    );
    // The job looks for back-dated changes before each nightly run: nothing here, what the look costs.
    const [none, check] = await timed(() =>
      ds.transaction(async (tx) => {
        await snapshots.lock(tx);
        return snapshots.rewriteStaleDays(tx);
      }),
    );
    console.log(`look for back-dated changes (${none.loans} found): ${check} ms, part of every nightly job`);
    // A back-dated change: 1,000 of the loans that pay nothing pay 500.00 of interest dated 2025-12-20 (entered now,
    // interest only: no loan event tells of it). The job re-computes those loans on the stored days since.
    await ds.query(
      `WITH picked AS (
         SELECT DISTINCT ON (i.loan_id) i.id, i.loan_id FROM installments i JOIN loans l ON l.id = i.loan_id
          WHERE substring(l.contract_number from 3)::int % 100 < 5 AND i.due_date <= $1::date
            AND i.interest_paid_fen + 50000 <= i.interest_due_fen
          ORDER BY i.loan_id, i.due_date LIMIT 1000),
       paid AS (UPDATE installments i SET interest_paid_fen = i.interest_paid_fen + 50000 FROM picked p
                 WHERE i.id = p.id RETURNING i.id, i.loan_id),
       posted AS (
         INSERT INTO repayments (id, loan_id, amount_fen, value_date, channel, external_reference, loan_status_before,
                                 posted_by_user_id)
         SELECT md5('late' || p.id)::uuid, p.loan_id, 50000, $1::date, 'TRANSFER', 'LATE-' || p.id, 'OVERDUE',
                md5('u0')::uuid FROM paid p RETURNING id)
       INSERT INTO repayment_allocations (repayment_id, installment_id, penalty_fen, interest_fen, principal_fen,
                                         installment_status_before)
       SELECT md5('late' || p.id)::uuid, p.id, 0, 50000, 0, 'OVERDUE' FROM paid p`,
      [BACK_DATED],
    );
    const [stale, rewrite] = await timed(() =>
      ds.transaction(async (tx) => {
        await snapshots.lock(tx);
        return snapshots.rewriteStaleDays(tx);
      }),
    );
    console.log(
      `back-dated interest on ${stale.loans} loans dated ${BACK_DATED}: ${rewrite} ms to re-compute ` +
        `${stale.days.length} stored days (${stale.days.map((d) => d.date).join(', ')}) for them`,
    );
    // The same date again, as a full build, must give the same rows as the incremental one.
    await ds.query(`CREATE TABLE bench_incremental AS SELECT * FROM statistics_snapshots WHERE business_date = $1`, [
      DAY_AFTER,
    ]);
    const [, again] = await timed(() => write(DAY_AFTER, 'FULL'));
    const [{ diff }] = (await ds.query(
      `SELECT count(*)::int AS diff FROM (
         (SELECT * FROM bench_incremental EXCEPT SELECT * FROM statistics_snapshots WHERE business_date = $1)
         UNION ALL
         (SELECT * FROM statistics_snapshots WHERE business_date = $1 EXCEPT SELECT * FROM bench_incremental)) d`,
      [DAY_AFTER],
    )) as { diff: number }[];
    console.log(`same date again as a full build: ${again} ms; rows differing from the incremental run: ${diff}`);
    if (diff !== 0) throw new Error(`the incremental snapshot differs from the full build in ${diff} rows`);
    await ds.query(`DELETE FROM statistics_snapshots WHERE business_date IN ($1, $2)`, [DAY_BEFORE, DAY_AFTER]);
    await ds.query(`DELETE FROM statistics_snapshot_dates WHERE business_date IN ($1, $2)`, [DAY_BEFORE, DAY_AFTER]);

    // A year of stored days (copies of the date's rows) for the report reads.
    const [, copied] = await timed(() =>
      ds.query(
        `INSERT INTO statistics_snapshots
         SELECT (s.business_date - d)::date, s.scope_kind, s.scope_key, s.dimension_kind, s.dimension_key,
                ${[...FLOW_FIGURES, ...STOCK_FIGURES].map((f) => `s.${f.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`).join(', ')}
           FROM statistics_snapshots s CROSS JOIN generate_series(1, 364) d WHERE s.business_date = $1`,
        [AS_OF],
      ),
    );
    await ds.query(
      `INSERT INTO statistics_snapshot_dates (business_date, computed_at, duration_ms, row_count)
       SELECT ($1::date - d)::date, now(), 0, 0 FROM generate_series(1, 364) d ON CONFLICT DO NOTHING`,
      [AS_OF],
    );
    await ds.query('VACUUM ANALYZE statistics_snapshots');
    const [[{ total }]] = await timed(
      () => ds.query(`SELECT count(*)::int AS total FROM statistics_snapshots`) as Promise<{ total: number }[]>,
    );
    console.log(`a year of stored days: ${total} snapshot rows (copied in ${copied} ms)`);

    const townships = (
      (await ds.query(`SELECT code FROM regions WHERE parent_code = $1`, [COUNTY])) as { code: string }[]
    ).map((r) => r.code);
    const tx = ds.manager;
    const month = { from: '2025-12-01', to: AS_OF };
    const year = { from: '2025-01-01', to: AS_OF };
    const [monthlyCold, monthly] = await coldAndBest(5, async () => {
      for (const p of [month, year]) {
        await snapshots.periodTotals(
          tx,
          SnapshotScope.REGION,
          townships,
          SnapshotDimension.TOTAL,
          p.from,
          p.to,
          FLOW_FIGURES,
          STOCK_FIGURES,
        );
      }
    });
    const monthlyFloor = await best(5, async () => {
      for (const p of [month, year]) {
        await ds.query(
          `SELECT scope_key, sum(loans_made_fen) FROM statistics_snapshots
            WHERE scope_kind = 'REGION' AND scope_key = ANY($1::text[]) AND dimension_kind = 'TOTAL'
              AND business_date BETWEEN $2 AND $3 GROUP BY scope_key`,
          [townships, p.from, p.to],
        );
      }
    });
    const [monitoringCold, monitoring] = await coldAndBest(5, () =>
      snapshots.periodTotals(
        tx,
        SnapshotScope.REGION,
        [COUNTY],
        SnapshotDimension.CATEGORY,
        year.from,
        year.to,
        FLOW_FIGURES,
        STOCK_FIGURES,
      ),
    );
    const monitoringFloor = await best(5, () =>
      ds.query(
        `SELECT dimension_key, sum(loans_made_fen) FROM statistics_snapshots
          WHERE scope_kind = 'REGION' AND scope_key = $1 AND dimension_kind = 'CATEGORY'
            AND business_date BETWEEN $2 AND $3 GROUP BY dimension_key`,
        [COUNTY, year.from, year.to],
      ),
    );
    console.log(
      `monthly table (${townships.length} townships, month and year to date): cold ${monthlyCold} ms, ` +
        `best ${monthly} ms; floor ${monthlyFloor} ms (${(monthly / Math.max(1, monthlyFloor)).toFixed(2)}×)`,
    );
    console.log(
      `monitoring table (a county by category, a year): cold ${monitoringCold} ms, best ${monitoring} ms; ` +
        `floor ${monitoringFloor} ms (${(monitoring / Math.max(1, monitoringFloor)).toFixed(2)}×)`,
    );
    console.log(`client rss: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    if (!values['seed-only']) await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
