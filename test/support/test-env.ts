import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppConfig, loadEnv, type Env } from '@mla/config';
import { APP_ROLE, createScratchDatabase, dropDatabase, maintenanceUrl } from '@mla/database';
import { findPersonalDataInClear, type PiiFinding } from './pii-scan';
import { testRedisUrl } from './test-servers';

export interface TestEnv {
  config: AppConfig;
  /** The suite's database as its owner (the role that migrated the template). */
  databaseUrl: string;
  /** The same database as the application's restricted role: what the config's DATABASE_URL says. */
  appDatabaseUrl: string;
  /**
   * Drops the suite's database and its Redis keys; first fails the suite if any table holds personal data in clear
   * (an ID number, a mobile or a bank card: see pii-scan.ts). The drop is left to the server: the suite does not wait
   * for it (see runDatabasePrefix).
   */
  cleanup(): Promise<void>;
}

/**
 * The name every suite database of this run starts with (the template's suffix names the run). A DROP DATABASE waits
 * for a checkpoint, a second or more on a busy machine: the suites issue theirs and go on, and the global teardown drops
 * whatever of the run is left (a drop cut off by a worker's exit).
 */
export function runDatabasePrefix(templateUrl: string): string {
  return `mla_test_${new URL(templateUrl).pathname.slice(1).split('_').pop()}`;
}

/**
 * A suite's database commits without waiting for its WAL to reach the disk (synchronous_commit off: a server crash
 * could lose the last commits, never corrupt anything). No test crashes the server, and the suites commit tens of
 * thousands of times: on a shared disk a flush per commit costs milliseconds each. Per-database settings are not
 * copied from a template, hence set on each clone.
 */
async function commitWithoutFlush(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new Client({ connectionString: maintenanceUrl(databaseUrl) });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template, and a Redis key prefix of the suite's own. */
export async function createTestEnv(overrides: Partial<Record<keyof Env, string>> = {}): Promise<TestEnv> {
  const template = process.env.MLA_TEST_TEMPLATE_URL;
  if (!template) throw new Error('MLA_TEST_TEMPLATE_URL is not set: run the integration project through Jest');
  const templateName = new URL(template).pathname.slice(1);
  const databaseUrl = await createScratchDatabase(template, runDatabasePrefix(template), templateName);
  await commitWithoutFlush(databaseUrl);
  const appUrl = new URL(databaseUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = '';
  const appDatabaseUrl = appUrl.toString();
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const config = new AppConfig(
    loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: appDatabaseUrl,
      DATABASE_MIGRATION_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      // Suites share a loaded machine: a longer pool wait than production's keeps exact-count assertions (every one
      // of 200 parallel requests answered) from turning into 503s when the machine is slow.
      DATABASE_POOL_WAIT_MS: '20000',
      DATABASE_MIGRATE_ON_BOOT: 'false',
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      WORKER_HEALTH_PORT: '0',
      SWAGGER_ENABLED: 'true',
      // A worker started by a suite closes no business date by itself unless the suite asks for it.
      DAILY_CLOSE_CATCH_UP_ON_BOOT: 'false',
      // Every suite signs its demo users in: the least hashing argon2id allows here, not production's.
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_ITERATIONS: '1',
      ...overrides,
    }),
  );
  return {
    config,
    databaseUrl,
    appDatabaseUrl,
    cleanup: async () => {
      let findings: PiiFinding[];
      try {
        findings = await findPersonalDataInClear(databaseUrl);
      } finally {
        // Not awaited (see runDatabasePrefix); a failure leaves the database to the global teardown.
        void dropDatabase(databaseUrl).catch(() => undefined);
      }
      const redis = new Redis(testRedisUrl());
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      if (findings.length) {
        throw new Error(
          `Personal data in clear in the suite's database:\n${findings.map((f) => `  ${f.table}.${f.column}: ${f.kind} ${f.value}`).join('\n')}`,
        );
      }
    },
  };
}
