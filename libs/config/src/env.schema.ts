import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .min(1)
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A calendar date 'YYYY-MM-DD' that exists. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'must be a date that exists',
    },
  );

/** A decimal fraction from 0 to 1 with at most 6 places, e.g. '0.05'; kept as written (no binary rounding). */
const fraction = z
  .string()
  .trim()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'must be a decimal fraction from 0 to 1, e.g. 0.05');

/** A 5-field cron pattern (minute hour day-of-month month day-of-week): digits, '*', ',', '-', '/'. */
const cron = z
  .string()
  .trim()
  .regex(/^[\d*,/-]+( [\d*,/-]+){4}$/, "must be a 5-field cron pattern, e.g. '30 0 * * *'");

/** 32 random bytes, base64-encoded: `openssl rand -base64 32` or `npm run key:generate`. */
const key32 = z
  .string()
  .min(1)
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: 'must be 32 random bytes encoded as base64 (44 characters); generate one with `npm run key:generate`',
  });

/** The one schema for the process environment. Unknown variables are ignored; known ones are validated. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:']),
    DATABASE_POOL_SIZE: int(2, 200).default(10),
    DATABASE_MIGRATE_ON_BOOT: bool.default(true),
    /** The owner role that runs migrations (CLI and migrate-on-boot); DATABASE_URL is then the restricted app role. */
    DATABASE_MIGRATION_URL: url(['postgres:', 'postgresql:']).optional(),
    /** How long a request waits for a free pool connection before answering 503. */
    DATABASE_POOL_WAIT_MS: int(100, 600_000).default(5_000),
    /** The server cancels a statement running longer than this (0: no limit). */
    DATABASE_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
    /** The server ends a session idle this long inside an open transaction (0: no limit). */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(0, 3_600_000).default(15_000),
    /**
     * What happens when code inside a transaction asks the pool for a second connection: throw (the default
     * outside production), log an error (the default in production), or off.
     */
    DATABASE_CONNECTION_GUARD: z.enum(['throw', 'log', 'off']).optional(),
    REDIS_URL: url(['redis:', 'rediss:']),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('mla'),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_ACCESS_TTL_SECONDS: int(60, 86_400).default(900),
    PII_ENCRYPTION_KEY: key32,
    PORT: int(1, 65_535).default(3000),
    WORKER_HEALTH_PORT: int(0, 65_535).default(3001),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_MAX_ATTEMPTS: int(1, 1_000).default(5),
    LOGIN_WINDOW_SECONDS: int(1, 86_400).default(300),
    /** The OpenAPI page and document; off by default in production, on otherwise. */
    SWAGGER_ENABLED: bool.optional(),
    /** The largest bank statement file accepted for import, in MiB. */
    STATEMENT_MAX_MIB: int(1, 2_048).default(200),
    /** The largest sample a statement preview reads (held in memory only, never stored), in KiB. */
    STATEMENT_PREVIEW_MAX_KIB: int(1, 65_536).default(2_048),
    // Reading limits that make a hostile statement file cheap to refuse (each refusal names the limit and where).
    /** The longest line of a text statement (CSV, MT940), and the longest run of text or tag in camt.053 XML, in KiB. */
    STATEMENT_MAX_LINE_KIB: int(1, 65_536).default(64),
    /** The most lines (CSV, MT940), XML lines (camt.053) or sheet rows (spreadsheets) one statement file may have. */
    STATEMENT_MAX_LINES: int(1, 100_000_000).default(2_000_000),
    /** The deepest element nesting of a camt.053 file (a real one needs about 12). */
    STATEMENT_MAX_XML_DEPTH: int(8, 10_000).default(64),
    /** The most a spreadsheet (.xlsx, .et) may hold once unzipped, and the largest .xls read, in MiB. */
    STATEMENT_MAX_UNZIPPED_MIB: int(1, 4_096).default(256),
    /** The highest compression ratio of one entry of a spreadsheet archive (a zip bomb has thousands). */
    STATEMENT_MAX_ZIP_RATIO: int(2, 100_000).default(200),
    /** Time and memory given to reading one spreadsheet (a worker thread, stopped when it goes over). */
    STATEMENT_SPREADSHEET_TIMEOUT_SECONDS: int(1, 3_600).default(120),
    STATEMENT_SPREADSHEET_MEMORY_MIB: int(64, 16_384).default(1_024),
    /**
     * Days an imported statement's raw file (encrypted) is kept as evidence after its import finished; 0 deletes it
     * as soon as the import succeeds. The hourly housekeeping job purges them.
     */
    STATEMENT_FILE_RETENTION_DAYS: int(0, 3_650).default(30),
    /**
     * Lock time of a queue job in ms: a job whose worker died is taken up again after about twice this. Lower only in
     * tests.
     */
    QUEUE_LOCK_MS: int(1_000, 600_000).default(30_000),
    /**
     * Statement imports run at once by one worker (one per bank at a time); at most what the pool serves, three
     * connections each (the worker lowers it and says so).
     */
    RECONCILIATION_CONCURRENCY: int(1, 32).default(4),
    /** Days either side of a due date within which a credit of exactly the amount due matches it (tier 2). */
    MATCH_DATE_WINDOW_DAYS: int(0, 60).default(10),
    /** The earliest LPR effective date accepted (2019-08-20: the first publication of the reformed LPR). */
    LPR_EARLIEST_DATE: isoDate.default('2019-08-20'),
    /** Days past today an LPR may take effect when recorded (it is published monthly, on the 20th). */
    LPR_MAX_DAYS_AHEAD: int(0, 92).default(31),
    /**
     * Days a repayment posted over HTTP may be back-dated (value date before today, Asia/Shanghai) and still post at
     * once; older ones wait, with their reason, for a second person with the loan-servicing permission to approve.
     * Statement imports are exempt (the statement is the evidence).
     */
    BACKDATE_APPROVAL_DAYS: int(0, 3_650).default(30),
    /**
     * A working-day deadline reaching into a year whose official holiday arrangement is not known yet (neither the
     * bundled calendar nor the administrators' table holds it): WEEKDAYS counts Monday to Friday there (and warns;
     * enter the State Council's notice when it is published), REFUSE answers CALENDAR_YEAR_UNKNOWN.
     */
    CALENDAR_UNKNOWN_YEAR: z.enum(['WEEKDAYS', 'REFUSE']).default('WEEKDAYS'),
    /** Years past today a loan policy version may start or end (a plan, but not an open-ended guess). */
    POLICY_MAX_YEARS_AHEAD: int(1, 30).default(5),
    /** When the worker's nightly close tick runs, as a 5-field cron pattern in Asia/Shanghai time. */
    DAILY_CLOSE_CRON: cron.default('30 0 * * *'),
    /**
     * The worker queues the close of the dates missed while it was down as soon as it starts, instead of waiting for
     * the next tick.
     */
    DAILY_CLOSE_CATCH_UP_ON_BOOT: bool.default(true),
    /** A borrower's promise to pay recorded with a contact may name a date at most this many days after it. */
    CONTACT_PROMISE_MAX_DAYS: int(1, 366).default(90),
    /** The call list's "due soon": loans with an installment falling due within this many days (a query may ask). */
    CALL_LIST_DUE_SOON_DAYS: int(0, 60).default(7),
    /**
     * The bands of the statistics early warnings (预警), as decimal fractions. Volume and count targets compare the
     * year end projected from the year so far with the target: projected ÷ target at or above ATTENTION is 关注, at
     * or above WARNING is 预警, below it 严重. Rate targets: a gap (target − measured) up to RATE_GAP_ATTENTION is 关注,
     * up to RATE_GAP_WARNING 预警, more 严重. Thresholds: crossed at all is 预警, by more than THRESHOLD_SEVERE times
     * the line 严重.
     */
    STATISTICS_WARNING_PROJECTED_ATTENTION: fraction.default('0.9'),
    /**
     * How many days back each loan's statistics figures are kept by version: a back-dated change within them is
     * re-computed for its loans alone; a stored day before them is re-computed in full. Older versions no longer in
     * force are deleted by the nightly job.
     */
    STATISTICS_HISTORY_DAYS: int(31, 3_660).default(400),
    STATISTICS_WARNING_PROJECTED_WARNING: fraction.default('0.8'),
    STATISTICS_WARNING_RATE_GAP_ATTENTION: fraction.default('0.02'),
    STATISTICS_WARNING_RATE_GAP_WARNING: fraction.default('0.05'),
    STATISTICS_WARNING_THRESHOLD_SEVERE: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,6})?$/, 'must be a decimal such as 1.5')
      .refine((v) => Number(v) > 1, 'must be more than 1')
      .default('1.5'),
    /** Finished jobs kept per queue (the newest this many, and none older than QUEUE_KEEP_COMPLETED_HOURS). */
    QUEUE_KEEP_COMPLETED: int(0, 100_000).default(1_000),
    QUEUE_KEEP_COMPLETED_HOURS: int(1, 24 * 90).default(24),
    /** Failed jobs kept per queue for inspection and retry (the newest this many, none older than the days). */
    QUEUE_KEEP_FAILED: int(1, 100_000).default(5_000),
    QUEUE_KEEP_FAILED_DAYS: int(1, 365).default(30),
    /** How long /health waits for the queue figures before it reports them unknown (Redis slow). */
    HEALTH_QUEUE_TIMEOUT_MS: int(50, 10_000).default(500),
    /** The queue dashboard's cookie lifetime (issued to a signed-in system administrator). */
    QUEUE_DASHBOARD_TTL_SECONDS: int(60, 3_600).default(600),
    /** How messages to borrowers go out: `log` (development, the quickstart: logged, not sent) or `sms` (the gateway). */
    NOTIFY_CHANNEL: z.enum(['log', 'sms']).default('log'),
    /** The SMS gateway's send endpoint (required with NOTIFY_CHANNEL=sms). */
    NOTIFY_SMS_URL: url(['http:', 'https:']).optional(),
    /** The access key id and secret the gateway issued; requests (and its receipts) are signed with HMAC-SHA256. */
    NOTIFY_SMS_ACCESS_KEY_ID: z.string().min(1).max(128).optional(),
    NOTIFY_SMS_ACCESS_KEY_SECRET: z.string().min(16, 'must be at least 16 characters').max(256).optional(),
    /** How long one gateway request may take before it counts as failed (and is retried). */
    NOTIFY_SMS_TIMEOUT_MS: int(100, 60_000).default(5_000),
    /** Gateway calls per message before a 5xx or a timeout becomes a permanent failure. */
    NOTIFY_SEND_ATTEMPTS: int(1, 20).default(5),
    /** The first retry's delay; each next one doubles (exponential backoff). */
    NOTIFY_RETRY_DELAY_MS: int(10, 3_600_000).default(10_000),
    /** Messages one worker sends at once. */
    NOTIFY_SEND_CONCURRENCY: int(1, 500).default(20),
    /**
     * At most this many of a worker's concurrent sends share one claiming statement and one recording statement (the
     * gateway calls stay one per message).
     */
    NOTIFY_SEND_BATCH: int(1, 1_000).default(100),
    /**
     * A message left sending or waiting for a retry this long with no change (its job gave up on a fault of ours, e.g.
     * the database down longer than the retries) is queued again in a new round by the next dispatch; the gateway's
     * idempotency key keeps it from being delivered twice. Longer than the retries' backoff.
     */
    NOTIFY_STUCK_AFTER_MINUTES: int(10, 1_440).default(60),
    /**
     * Password hashing (argon2id): memory in KiB and passes. The defaults are OWASP's minimum (19 MiB, 2 passes),
     * and production refuses less; tests lower them, since every suite signs its demo users in. Hashes made with
     * other settings still verify (each hash carries its own).
     */
    PASSWORD_HASH_MEMORY_KIB: int(1_024, 1_048_576).default(19_456),
    PASSWORD_HASH_ITERATIONS: int(1, 10).default(2),
    /** When the morning selection of reminders runs, 5-field cron in Asia/Shanghai time (after the nightly close). */
    NOTIFY_MORNING_CRON: cron.default('0 8 * * *'),
    /**
     * How many days back the morning selection looks for a reminder whose day it missed (the worker was down, or the
     * morning did not run): the latest offset reached in that window is still sent once; older ones are not.
     */
    NOTIFY_CATCH_UP_DAYS: int(0, 31).default(3),
    /** How often messages whose wait is over (quiet hours, the daily cap) are queued again. */
    NOTIFY_DISPATCH_CRON: cron.default('*/5 * * * *'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (env.PASSWORD_HASH_MEMORY_KIB < 19_456 || env.PASSWORD_HASH_ITERATIONS < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PASSWORD_HASH_MEMORY_KIB'],
        message: 'production needs at least 19456 KiB and 2 iterations (PASSWORD_HASH_ITERATIONS)',
      });
    }
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFY_CHANNEL !== 'sms') return;
    for (const key of ['NOTIFY_SMS_URL', 'NOTIFY_SMS_ACCESS_KEY_ID', 'NOTIFY_SMS_ACCESS_KEY_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NOTIFY_CHANNEL=sms' });
    }
  })
  .transform((env) => ({ ...env, SWAGGER_ENABLED: env.SWAGGER_ENABLED ?? env.NODE_ENV !== 'production' }));

export type Env = z.infer<typeof envSchema>;
