import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig, loadEnv, type Env } from '@mla/config';
import { createScratchDatabase, dropDatabase } from '@mla/database';
import { findPersonalDataInClear, type PiiFinding } from './pii-scan';
import { testRedisUrl } from './test-servers';

export interface TestEnv {
  config: AppConfig;
  databaseUrl: string;
  /**
   * Drops the suite's database and its Redis keys; first fails the suite if any table holds personal data in clear
   * (an ID number, a mobile or a bank card: see pii-scan.ts).
   */
  cleanup(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and a Redis key prefix of the suite's own. */
export async function createTestEnv(overrides: Partial<Record<keyof Env, string>> = {}): Promise<TestEnv> {
  const template = process.env.MLA_TEST_TEMPLATE_URL;
  if (!template) throw new Error('MLA_TEST_TEMPLATE_URL is not set: run the integration project through Jest');
  const templateName = new URL(template).pathname.slice(1);
  const databaseUrl = await createScratchDatabase(template, 'mla_test', templateName);
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const config = new AppConfig(
    loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '5',
      DATABASE_MIGRATE_ON_BOOT: 'false',
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      WORKER_HEALTH_PORT: '0',
      SWAGGER_ENABLED: 'true',
      ...overrides,
    }),
  );
  return {
    config,
    databaseUrl,
    cleanup: async () => {
      let findings: PiiFinding[];
      try {
        findings = await findPersonalDataInClear(databaseUrl);
      } finally {
        await dropDatabase(databaseUrl);
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
