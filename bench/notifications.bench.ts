/**
 * Reminders through BullMQ to a local SMS gateway: `npm run bench:notifications [-- --messages 100000 --workers 2]`.
 * Writes that many loans, each with an installment due in a week and its PENDING reminder under the county's rule
 * (quiet hours, a daily cap; one envelope encrypted once and shared, a phone hash each) into a scratch database,
 * starts the built worker that many times (NOTIFY_CHANNEL=sms, pointed at an in-process HTTP sink that
 * delivers each message id once), queues the dispatch, and times until every message is delivered: messages per
 * second and duplicates (requests the sink saw again for an id it had delivered: must be 0). The floor: the same number of signed POSTs to the
 * same sink made directly with bounded concurrency. Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).
 * Not a test: run by hand after `npm run build`.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@mla/core';
import { buildDataSourceOptions, createScratchDatabase, dropDatabase, runMigrationsWithLock } from '@mla/database';
import { EnvelopeCipher, signRequest } from '@mla/notifications';
import { NotificationJob, QueueName, redisConnectionOptions } from '@mla/queue';

const KEY_ID = 'bench-key';
const SECRET = 'bench-secret-0123456789abcdef';

/** A gateway that answers at once and delivers each outId once. */
function startSink(): Promise<{ url: string; delivered: Set<string>; duplicates: () => number; close: () => void }> {
  const delivered = new Set<string>();
  let duplicates = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { outId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { outId: string };
      if (delivered.has(outId)) duplicates += 1;
      else delivered.add(outId);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'OK', bizId: `biz-${outId}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`,
        delivered,
        duplicates: () => duplicates,
        close: () => {
          server.closeAllConnections();
          server.close();
        },
      }),
    ),
  );
}

async function untilAsync(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '100000' },
      workers: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '100' },
    },
  });
  const n = Number(values.messages);
  const workers = Number(values.workers);
  const concurrency = Number(values.concurrency);
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const url = await createScratchDatabase(server, 'mla_bench');
  const ds = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
  const piiKey = randomBytes(32).toString('base64');
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const children: ChildProcess[] = [];
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the workers.
  const workerNodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const sink = await startSink();
  const queue = new Queue(QueueName.NOTIFICATIONS, { connection: redisConnectionOptions(redisUrl), prefix });
  try {
    await ds.initialize();
    await runMigrationsWithLock(ds);
    // N reminders as the morning selection writes them: loan g has one installment due in a week, and its reminder
    // (DUE_SOON, 7 days before) follows the county's rule: quiet hours (two hours from now, so the run is outside
    // them but each send still checks them), a daily cap of 3 per phone, each borrower her own phone. Every send
    // checks that its installment is still owed.
    await ds.query(
      `INSERT INTO regions (code, name, level) VALUES ('150221', 'bench county', 'COUNTY') ON CONFLICT DO NOTHING`,
    );
    const [org] = (await ds.query(
      `INSERT INTO organisations (name, kind, region_code) VALUES ('bench bank', 'BANK_BRANCH', '150221') RETURNING id`,
    )) as { id: string }[];
    const [user] = (await ds.query(
      `INSERT INTO users (username, display_name, password_hash, organisation_id, roles)
       VALUES ('bench', 'bench', 'x', $1, '{LOAN_OFFICER}') RETURNING id`,
      [org.id],
    )) as { id: string }[];
    await ds.query(
      `INSERT INTO loans (id, contract_number, application_id, applicant_id, bank_organisation_id, region_code, policy_id,
                          principal_fen, annual_rate, lpr_percent, lpr_effective_date, signing_date, term_months,
                          repayment_method, conventions, penalty_uplift, allocation_order, status, value_date,
                          maturity_date, signed_by_user_id)
       SELECT gen_random_uuid(), 'C-' || g, gen_random_uuid(), gen_random_uuid(), $2, '150221', gen_random_uuid(),
              10000000, 0.045, 3.0, '2025-05-20', current_date - 358, 12, 'EQUAL_PRINCIPAL', '{"dayCount":"ACT_360"}',
              0.5, '{penalty,interest,principal}', 'ACTIVE', current_date - 358, current_date + 7, $3
         FROM generate_series(1, $1::int) g`,
      [n, org.id, user.id],
    );
    await ds.query(
      `INSERT INTO installments (loan_id, number, period_start, period_end, due_date, days, principal_due_fen, interest_due_fen)
       SELECT l.id, 1, current_date - 23, current_date + 6, current_date + 7, 30, 10000000, 37500 FROM loans l`,
    );
    const shanghaiHour = (new Date().getUTCHours() + 8) % 24;
    const at = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    const [rule] = (await ds.query(
      `INSERT INTO notification_rules (region_code, version, effective_from, days_before, days_after, recipients,
          quiet_start, quiet_end, daily_cap_per_phone, channel, created_by_user_id)
       VALUES ('150221', 1, current_date - 30, '{7,3,1}', '{1,7,30}', '{BORROWER}', $1, $2, 3, 'SMS', $3) RETURNING id`,
      [at(shanghaiHour + 2), at(shanghaiHour + 3), user.id],
    )) as { id: string }[];
    const envelope = new EnvelopeCipher(new PiiCipher(piiKey)).seal({
      phone: '13500135000',
      values: {
        name: '张红',
        bank: '测试农商行',
        contractNumber: 'C-1',
        dueDate: '2026年12月9日',
        amountDue: '100,375.00元',
      },
    });
    await ds.query(
      `INSERT INTO notification_messages (dedupe_key, kind, recipient_kind, channel, region_code, loan_id, installment_id,
          rule_id, rule_version, template_id, template_version, scheduled_date, offset_days, due_date, amount_fen,
          phone_index, phone_masked, envelope_ciphertext, status, not_before)
       SELECT 'bench/' || i.id, 'DUE_SOON', 'BORROWER', 'SMS', '150221', i.loan_id, i.id, $2, 1, t.id, t.version,
              current_date, -7, i.due_date, 10037500, encode(sha256(i.id::text::bytea), 'hex'), '135****5000', $1::text,
              'PENDING', now() - interval '1 minute'
         FROM installments i, notification_templates t
        WHERE t.kind = 'DUE_SOON' AND t.version = 1`,
      [envelope, rule.id],
    );
    await ds.query('ANALYZE');
    for (let i = 0; i < workers; i += 1) {
      const child = spawn(process.execPath, [...workerNodeArgs, 'dist/apps/worker/src/main.js'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          DATABASE_URL: url,
          DATABASE_MIGRATE_ON_BOOT: 'false',
          DATABASE_POOL_SIZE: '20',
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: prefix,
          JWT_SECRET: randomBytes(32).toString('hex'),
          PII_ENCRYPTION_KEY: piiKey,
          WORKER_HEALTH_PORT: '0',
          LOG_LEVEL: 'warn',
          DAILY_CLOSE_CATCH_UP_ON_BOOT: 'false',
          NOTIFY_CHANNEL: 'sms',
          NOTIFY_SMS_URL: sink.url,
          NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
          NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
          NOTIFY_SEND_CONCURRENCY: String(concurrency),
        },
      });
      children.push(child);
    }
    // Ready when every worker's connection is registered with the queue (its log is not read: a pipe nobody drains
    // would block it).
    await untilAsync(async () => (await queue.getWorkersCount()) >= workers, 120_000, 'the workers to start');
    const t0 = Date.now();
    await queue.add(NotificationJob.DISPATCH, { requestedAt: 'bench' });
    let lastReport = Date.now();
    await untilAsync(
      () => {
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          console.error(`${sink.delivered.size} of ${n} delivered after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        }
        return Promise.resolve(sink.delivered.size >= n);
      },
      60 * 60_000,
      'every message delivered',
    );
    const seconds = (Date.now() - t0) / 1000;
    const rate = n / seconds;
    const duplicates = sink.duplicates();
    // Each delivered id is a row marked SENT once: the rows agree with the sink.
    const [{ sent }] = (await ds.query(
      `SELECT count(*)::int AS sent FROM notification_messages WHERE status = 'SENT'`,
    )) as { sent: number }[];

    // The floor: the same number of signed POSTs straight to the sink, `concurrency × workers` at a time. It starts
    // after the run, so it has the machine to itself too.
    const floorSink = await startSink();
    const body = (i: number) =>
      JSON.stringify({
        phoneNumbers: '13500135000',
        outId: `floor-${i}`,
        templateCode: 'X',
        templateParam: '{}',
        signName: 'x',
      });
    const t1 = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency * workers }, async () => {
        while (next < n) {
          const i = next++;
          const b = body(i);
          const res = await fetch(floorSink.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...signRequest(KEY_ID, SECRET, 'POST', '/sms/send', b, Date.now()),
            },
            body: b,
          });
          await res.arrayBuffer();
        }
      }),
    );
    const floorRate = n / ((Date.now() - t1) / 1000);
    floorSink.close();
    console.log(
      JSON.stringify(
        {
          messages: n,
          workers,
          concurrencyPerWorker: concurrency,
          seconds: Number(seconds.toFixed(1)),
          messagesPerSecond: Math.round(rate),
          rowsSent: sent,
          duplicates,
          floorPostsPerSecond: Math.round(floorRate),
          ratioToFloor: Number((rate / floorRate).toFixed(2)),
        },
        null,
        2,
      ),
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    sink.close();
    await ds.destroy().catch(() => undefined);
    await dropDatabase(url).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
