/**
 * Matching a large statement against many loans: `npm run bench:statement-matching [-- --lines 100000 --loans 1000000]`.
 * Builds a scratch database (DATABASE_URL's server, default local), fills it with set-based SQL (loans with one open
 * installment each, one import of PENDING lines: a few hundred credits that post by loan number or by account and
 * amount, debits that match disbursements by reference, credits from borrowers' accounts of another amount, and
 * the rest in the bank's books only), runs the matching the import job runs, and prints each figure beside its
 * floor: the same lookups as one bare SQL join of the lines to the loans in the same run. Not a test: run by hand.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { OrganisationKind, Role, type Actor } from '@mla/auth';
import { AppConfig, ConfigModule, loadEnv } from '@mla/config';
import {
  DatabaseModule,
  buildDataSourceOptions,
  createScratchDatabase,
  dropDatabase,
  runMigrationsWithLock,
} from '@mla/database';
import { RedisModule } from '@mla/queue';
import { BankAccount, MatchingService, ReconciliationModule } from '@mla/reconciliation';
import { PostingService } from '@mla/loans';

@Module({})
class BenchModule {
  static forConfig(config: AppConfig) {
    return {
      module: BenchModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot('bench'), RedisModule, ReconciliationModule],
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: '100000' },
      loans: { type: 'string', default: '1000000' },
      posted: { type: 'string', default: '400' },
      /** Keeps the scratch database (its URL is printed) to look at plans afterwards. */
      keep: { type: 'boolean', default: false },
    },
  });
  const lines = Number(values.lines);
  const loans = Number(values.loans);
  const posted = Number(values.posted);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_bench');
  const ds = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
  const bank = randomUUID();
  const importId = randomUUID();
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    let t = Date.now();
    await ds.query(
      `INSERT INTO regions (code, name, level) VALUES ('150221', 'bench county', 'COUNTY') ON CONFLICT DO NOTHING`,
    );
    const [org] = (await ds.query(
      `INSERT INTO organisations (id, name, kind, region_code) VALUES ($1, 'bench bank', 'BANK_BRANCH', '150221') RETURNING id`,
      [bank],
    )) as { id: string }[];
    const [user] = (await ds.query(
      `INSERT INTO users (username, display_name, password_hash, organisation_id, roles)
       VALUES ('bench', 'bench', 'x', $1, '{BANK_OFFICER}') RETURNING id`,
      [org.id],
    )) as { id: string }[];
    // Loan g: contract C-g, bank loan number LN-g, disbursement reference FK-g, borrower account hash h(g); one
    // installment due 2026-11-20 owing 1,000.00 + g % 100 yuan.
    await ds.query(
      `INSERT INTO loans (id, contract_number, application_id, applicant_id, bank_organisation_id, region_code, policy_id,
                          principal_fen, annual_rate, lpr_percent, lpr_effective_date, signing_date, term_months,
                          repayment_method, conventions, penalty_uplift, allocation_order, status, value_date,
                          maturity_date, signed_by_user_id, bank_loan_number, disbursement_reference, borrower_account_index)
       SELECT gen_random_uuid(), 'C-' || g, gen_random_uuid(), gen_random_uuid(), $2, '150221', gen_random_uuid(),
              10000000, 0.045, 3.0, '2025-05-20', '2025-11-01', 12, 'EQUAL_PRINCIPAL', '{"dayCount":"ACT_360"}', 0.5,
              '{penalty,interest,principal}', 'ACTIVE', '2025-11-20', '2026-11-20', $3, 'LN-' || g, 'FK-' || g,
              encode(sha256(('acct-' || g)::bytea), 'hex')
         FROM generate_series(1, $1::int) g`,
      [loans, bank, user.id],
    );
    await ds.query(
      `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen, interest_due_fen)
       SELECT l.id, 1, '2026-10-20', '2026-11-19', '2026-11-20', 30,
              100000 + (substring(l.contract_number from 3)::int % 100) * 100, 0
         FROM loans l`,
    );
    const [account] = (await ds.query(
      `INSERT INTO bank_statement_accounts (bank_organisation_id, region_code, account_number, name, created_by_user_id)
       VALUES ($1, '150221', '150221012000000001', 'bench', $2) RETURNING id`,
      [bank, user.id],
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO statement_imports (id, bank_account_id, bank_organisation_id, region_code, file_name, format,
                                      content_sha256, size_bytes, status, uploaded_by_user_id, lines_read, lines_stored)
       VALUES ($1, $2, $3, '150221', 'bench.csv', 'CSV', repeat('0', 64), 0, 'IMPORTED', $4, $5, $5)`,
      [importId, account.id, bank, user.id, lines],
    );
    // Line g (loan k = g * 7919 % loans + 1): the first `posted / 2` pay loan k by its loan number, the next
    // `posted / 2` pay exactly what loan k owes from its borrower's account; 1 in 100 are disbursements (debits by
    // reference FK-k), 1 in 50 come from a borrower's account with another amount (suggestions), the rest are the
    // bank's own (an unknown account, a reference-like word and a payer's name).
    const half = Math.floor(posted / 2);
    await ds.query(
      `INSERT INTO statement_lines (import_id, bank_account_id, line_number, bank_transaction_id, dedupe_key, booking_date,
                                    value_date, amount_fen, counterparty_name, counterparty_account_index, reference,
                                    description, outcome)
       SELECT $1, $2, g + 3, 'T' || g, encode(sha256(('line-' || g)::bytea), 'hex'), '2026-11-18', '2026-11-18',
              CASE WHEN g <= $4 * 2 THEN 100000 + (k % 100) * 100
                   WHEN g % 100 = 0 THEN -10000000
                   WHEN g % 50 = 1 THEN 123456
                   ELSE 5000 + g % 1000 END,
              CASE WHEN g <= $4 * 2 OR g % 50 = 1 THEN '借款人' || k ELSE '某公司' || (g % 5000) END,
              CASE WHEN g > $4 AND g <= $4 * 2 OR g % 50 = 1 THEN encode(sha256(('acct-' || k)::bytea), 'hex')
                   ELSE encode(sha256(('other-' || g)::bytea), 'hex') END,
              CASE WHEN g <= $4 THEN 'LN-' || k
                   WHEN g % 100 = 0 THEN 'FK-' || k
                   ELSE NULL END,
              CASE WHEN g <= $4 * 2 THEN '还款' ELSE '货款 发票 INV' || (100000 + g) END,
              'PENDING'
         FROM generate_series(1, $3::int) g, LATERAL (SELECT (g::bigint * 7919) % $5 + 1 AS k) kk`,
      [importId, account.id, lines, half, loans],
    );
    await ds.query('ANALYZE');
    const seeded = Date.now() - t;

    // The floor: every lookup matching makes, as one bare join of the lines to the loans (by reference, by a
    // reference-like word of the text, by account hash) and to the open installments, in one statement.
    t = Date.now();
    const [floor] = (await ds.query(
      `WITH l AS (SELECT id, reference, counterparty_account_index AS idx,
                         substring(description from '[A-Z]*[0-9]{6,}') AS word
                    FROM statement_lines WHERE import_id = $1),
            hits AS (
              SELECT l.id, lo.id AS loan_id FROM l JOIN loans lo ON lo.bank_loan_number = l.reference
              UNION ALL SELECT l.id, lo.id FROM l JOIN loans lo ON lo.disbursement_reference = l.reference
              UNION ALL SELECT l.id, lo.id FROM l JOIN loans lo ON lo.contract_number = l.reference
              UNION ALL SELECT l.id, lo.id FROM l JOIN loans lo ON lo.contract_number = l.word
              UNION ALL SELECT l.id, lo.id FROM l JOIN loans lo ON lo.borrower_account_index = l.idx)
       SELECT count(DISTINCT h.id)::int AS lines, count(i.id)::int AS installments
         FROM hits h LEFT JOIN installments i ON i.loan_id = h.loan_id AND i.status <> 'PAID'`,
      [importId],
    )) as { lines: number; installments: number }[];
    const floorMs = Date.now() - t;

    const config = new AppConfig(
      loadEnv({
        NODE_ENV: 'production',
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '5',
        DATABASE_MIGRATE_ON_BOOT: 'false',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        JWT_SECRET: randomBytes(32).toString('hex'),
        PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
      }),
    );
    app = await NestFactory.createApplicationContext(BenchModule.forConfig(config), { logger: false });
    const matching = app.get(MatchingService);
    const postings = app.get(PostingService);
    let postingMs = 0;
    let postingCalls = 0;
    const post = postings.post.bind(postings);
    postings.post = async (...args: Parameters<PostingService['post']>) => {
      const started = Date.now();
      try {
        return await post(...args);
      } finally {
        postingMs += Date.now() - started;
        postingCalls += 1;
      }
    };
    const actor: Actor = {
      userId: user.id,
      username: 'bench',
      displayName: 'bench',
      organisationId: bank,
      organisationKind: OrganisationKind.BANK_BRANCH,
      regionCode: '150221',
      organisationIds: [bank],
      roles: [Role.BANK_OFFICER],
    };
    const bankAccount = (await app.get(DataSource).manager.findOneOrFail(BankAccount, {
      where: { id: account.id },
    })) as BankAccount;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    t = Date.now();
    const outcomes = await matching.matchImport(importId, bankAccount, actor);
    const matchMs = Date.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const [{ repayments }] = (await ds.query(
      `SELECT count(*)::int AS repayments FROM repayments WHERE channel = 'STATEMENT_IMPORT'`,
    )) as { repayments: number }[];

    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
    const withoutPosting = matchMs - postingMs;
    console.log(`${lines} lines against ${loans} loans (one open installment each), seeded in ${seeded} ms`);
    console.log(`outcomes: ${JSON.stringify(outcomes)}; repayments posted: ${repayments}`);
    console.log(
      `matching: ${matchMs} ms (${Math.round((lines / matchMs) * 1000)} lines/s) | floor (one bare join, ${floor.lines} lines with a candidate, ${floor.installments} installments): ${floorMs} ms | ratio ${ratio(matchMs, floorMs)}`,
    );
    console.log(
      `  of which posting ${postingCalls} repayments one by one: ${postingMs} ms (${(postingMs / Math.max(1, postingCalls)).toFixed(1)} ms each); the rest: ${withoutPosting} ms | ratio to the floor ${ratio(withoutPosting, floorMs)}`,
    );
    console.log(`peak client rss: ${Math.round(peak / 1024 / 1024)} MiB`);
  } finally {
    await app?.close();
    if (ds.isInitialized) await ds.destroy();
    if (values.keep) console.log(`kept ${url}`);
    else await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
