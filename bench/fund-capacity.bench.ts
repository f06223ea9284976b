/**
 * The capacity check of a large guarantee fund: `npm run bench:fund-capacity [-- --guarantees 10000 --runs 200]`.
 * Every guarantee issued reads the fund's position under its row lock: deposit and liability summed from the
 * ledger, and last year's repayment rate at maturity over the fund's loans (the leverage rule). This seeds a fund with
 * that many guaranteed loans (12 monthly installments each in the previous year, nine in ten paid on time, one
 * reserve and up to twelve release entries per guarantee), then times the first read of the year (which takes the
 * yearly leverage assessment) and the steady-state read under the fund's lock, and prints the figures.
 * Not a test: run by hand.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { LocalDate } from '@mla/core';
import { buildDataSourceOptions, createScratchDatabase, dropDatabase, runMigrationsWithLock } from '@mla/database';
import { FundPositionService, GuaranteeRepository, LedgerRepository, type GuaranteeFund } from '@mla/guarantee-funds';
import { LoanExposureService } from '@mla/loans';

/** The position read needs only the data source and its repositories; the rest of the services are not needed. */
function positionService(ds: DataSource): FundPositionService {
  const exposure = new LoanExposureService(ds, null as never, null as never, null as never, null as never);
  return new FundPositionService(ds, new LedgerRepository(), new GuaranteeRepository(), exposure);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      guarantees: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '200' },
      keep: { type: 'boolean', default: false },
    },
  });
  const n = Number(values.guarantees);
  const runs = Number(values.runs);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_bench');
  const ds = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    let t = Date.now();
    const [fund] = (await ds.query(
      `INSERT INTO guarantee_funds (code, name, sponsor, region_code, agency_organisation_id, deposit_bank_name,
                                    deposit_account_number, base_leverage, raised_leverage, raise_threshold_rate,
                                    fund_share, compensation_basis, compensation_trigger_days, leverage_alert_rate,
                                    compensation_alert_rate, status, created_by_user_id)
       VALUES ('BENCH', 'bench fund', 'bench', '150221', gen_random_uuid(), 'bank', '1', 5, 10, 0.9, 0.8,
               'PRINCIPAL_AND_INTEREST', 90, 0.9, 0.05, 'OPEN', gen_random_uuid())
       RETURNING id`,
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO loans (id, contract_number, application_id, applicant_id, bank_organisation_id, region_code, policy_id,
                          principal_fen, annual_rate, lpr_percent, lpr_effective_date, signing_date, term_months,
                          repayment_method, conventions, penalty_uplift, allocation_order, status, value_date, maturity_date, signed_by_user_id)
       SELECT gen_random_uuid(), 'B-' || g, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '150221', gen_random_uuid(),
              12000000, 0.045, 3.0, '2024-12-20', '2024-12-31', 12, 'EQUAL_PRINCIPAL', '{"dayCount":"ACT_360"}', 0.5,
              '{penalty,interest,principal}', 'ACTIVE', '2025-01-01', '2026-01-01', gen_random_uuid()
         FROM generate_series(1, $1::int) g`,
      [n],
    );
    await ds.query(
      `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen, interest_due_fen)
       SELECT l.id, m, ('2025-01-01'::date + make_interval(months => m - 1))::date,
              ('2025-01-01'::date + make_interval(months => m))::date - 1,
              ('2025-01-01'::date + make_interval(months => m))::date - 1, 30, 1000000, 45000
         FROM loans l CROSS JOIN generate_series(1, 12) m`,
    );
    // Nine loans in ten pay every installment on its due date.
    await ds.query(
      `INSERT INTO repayments (id, loan_id, amount_fen, value_date, channel, external_reference, loan_status_before, posted_by_user_id)
       SELECT gen_random_uuid(), i.loan_id, 1045000, i.due_date, 'TRANSFER', 'R-' || i.id, 'ACTIVE', gen_random_uuid()
         FROM installments i JOIN loans l ON l.id = i.loan_id
        WHERE substr(l.contract_number, length(l.contract_number)) <> '0'`,
    );
    await ds.query(
      `INSERT INTO repayment_allocations (repayment_id, installment_id, penalty_fen, interest_fen, principal_fen, installment_status_before)
       SELECT r.id, i.id, 0, 45000, 1000000, 'PENDING'
         FROM repayments r JOIN installments i ON i.loan_id = r.loan_id AND i.due_date = r.value_date`,
    );
    await ds.query(
      `INSERT INTO guarantees (contract_number, fund_id, application_id, loan_id, region_code, bank_organisation_id,
                               amount_fen, fund_share, status, issued_on, issued_by_user_id)
       SELECT 'BENCH-DB-2024-' || l.contract_number, $1, l.application_id, l.id, '150221', l.bank_organisation_id,
              l.principal_fen, 0.8, 'ACTIVE', '2024-12-31', gen_random_uuid()
         FROM loans l`,
      [fund.id],
    );
    await ds.query(
      `INSERT INTO guarantee_fund_entries (fund_id, account, kind, amount_fen, value_date, booked_by_username)
       VALUES ($1, 'DEPOSIT', 'CONTRIBUTION', $2::bigint, '2024-12-01', 'bench')`,
      [fund.id, String(BigInt(n) * 12000000n)],
    );
    await ds.query(
      `INSERT INTO guarantee_fund_entries (fund_id, account, kind, amount_fen, value_date, guarantee_id, loan_id, booked_by_username)
       SELECT $1, 'LIABILITY', 'RESERVE', g.amount_fen, '2024-12-31', g.id, g.loan_id, 'bench' FROM guarantees g`,
      [fund.id],
    );
    await ds.query(
      `INSERT INTO guarantee_fund_entries (fund_id, account, kind, amount_fen, value_date, guarantee_id, loan_id, repayment_id, booked_by_username)
       SELECT $1, 'LIABILITY', 'RELEASE_REPAYMENT', -1000000, r.value_date, g.id, g.loan_id, r.id, 'bench'
         FROM repayments r JOIN guarantees g ON g.loan_id = r.loan_id`,
      [fund.id],
    );
    await ds.query('ANALYZE');
    const seeded = Date.now() - t;
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM guarantee_fund_entries) AS entries,
              (SELECT count(*)::int FROM installments) AS installments`,
    )) as { entries: number; installments: number }[];

    const positions = positionService(ds);
    const row = (await ds.query(`SELECT * FROM guarantee_funds WHERE id = $1`, [fund.id])) as Record<string, unknown>[];
    const entity = {
      id: fund.id,
      baseLeverage: String(row[0].base_leverage),
      raisedLeverage: String(row[0].raised_leverage),
      raiseThresholdRate: String(row[0].raise_threshold_rate),
    } as GuaranteeFund;
    const today = LocalDate.parse('2026-03-01');
    t = performance.now();
    const first = await positions.position(entity, today);
    const assessMs = performance.now() - t;
    const timings: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      await ds.transaction(async (tx) => {
        await tx.query(`SELECT id FROM guarantee_funds WHERE id = $1 FOR UPDATE`, [fund.id]);
        await positions.position(entity, today, tx);
      });
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))].toFixed(1);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(
      `fund: ${n} guarantees, ${counts.entries} ledger entries, ${counts.installments} installments; seeded in ${seeded} ms`,
    );
    console.log(
      `position: deposit ${first.depositFen} fen, liability ${first.liabilityFen} fen, leverage ${first.leverage.leverage} (2025 repaid at maturity ${first.leverage.repaymentRate})`,
    );
    console.log(
      `first read of the year (takes the leverage assessment over every installment): ${assessMs.toFixed(0)} ms`,
    );
    console.log(`locked position read × ${runs}: median ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`);
    console.log(
      `guarantees per second one fund can issue (bounded by this read under its lock): ~${Math.round(1000 / Number(pct(50)))}`,
    );
    console.log(`client rss: ${rss} MiB`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    if (values.keep) console.log(`kept ${url}`);
    else await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
