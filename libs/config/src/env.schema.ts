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

/** 32 random bytes, base64-encoded: `openssl rand -base64 32` or `npm run key:generate`. */
const key32 = z
  .string()
  .min(1)
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: 'must be 32 random bytes encoded as base64 (44 characters); generate one with `npm run key:generate`',
  });

/** The one schema for the process environment. Unknown variables are ignored; known ones are validated. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: int(2, 200).default(10),
  DATABASE_MIGRATE_ON_BOOT: bool.default(true),
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
  SWAGGER_ENABLED: bool.default(true),
  /** The largest bank statement file accepted for import, in MiB. */
  STATEMENT_MAX_MIB: int(1, 2_048).default(200),
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
  /** Statement imports run at once by one worker (one per bank at a time). */
  RECONCILIATION_CONCURRENCY: int(1, 32).default(4),
  /** Days either side of a due date within which a credit of exactly the amount due matches it (tier 2). */
  MATCH_DATE_WINDOW_DAYS: int(0, 60).default(10),
});

export type Env = z.infer<typeof envSchema>;
