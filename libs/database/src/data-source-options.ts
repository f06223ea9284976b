import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { APPLICANTS_ENTITIES } from '@mla/applicants';
import { AUTH_ENTITIES } from '@mla/auth';
import { CALENDAR_ENTITIES } from '@mla/calendar';
import { LOAN_POLICIES_ENTITIES } from '@mla/loan-policies';
import { QUEUE_ENTITIES } from '@mla/queue';
import { LOANS_ENTITIES } from '@mla/loans';
import { GUARANTEE_FUNDS_ENTITIES } from '@mla/guarantee-funds';
import { RECONCILIATION_ENTITIES } from '@mla/reconciliation';
import { STATISTICS_ENTITIES } from '@mla/statistics';
import { SUBSIDIES_ENTITIES } from '@mla/subsidies';
import { NOTIFICATIONS_ENTITIES } from '@mla/notifications';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Business dates stay 'YYYY-MM-DD' strings: pg would otherwise turn a DATE into a Date at local midnight.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/** Every entity of every bounded context. Contexts export their own lists; this is the one place they meet. */
export const ENTITIES = [
  ...AUTH_ENTITIES,
  ...CALENDAR_ENTITIES,
  ...QUEUE_ENTITIES,
  ...LOAN_POLICIES_ENTITIES,
  ...APPLICANTS_ENTITIES,
  ...LOANS_ENTITIES,
  ...GUARANTEE_FUNDS_ENTITIES,
  ...RECONCILIATION_ENTITIES,
  ...SUBSIDIES_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...STATISTICS_ENTITIES,
];

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** How long a caller waits for a free pool connection before failing (ms; 0: forever). */
  poolWaitMs?: number;
  /** Longest statement the server runs before cancelling it (ms; 0: no limit, as for migrations). */
  statementTimeoutMs?: number;
  /** Longest a session may sit idle inside an open transaction before the server ends it (ms; 0: no limit). */
  idleInTransactionTimeoutMs?: number;
}

/** Bounds used when the caller gives none: a busy pool or a stuck statement fails instead of hanging. */
export const DEFAULT_DATABASE_TIMEOUTS = {
  poolWaitMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 15_000,
} as const;

/**
 * The one description of the database, used by the apps, the CLI commands and the tests. Migrations run
 * without statement or idle limits (`migrationDatabaseOptions`): an index build may take minutes.
 */
export function buildDataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // Failures surface as exceptions (and a 500 is logged with its request id); no second copy on stdout.
    logging: false,
    applicationName: options.applicationName ?? 'microloan',
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_DATABASE_TIMEOUTS.poolWaitMs,
      // Sent in the startup packet: they hold for every session of the pool.
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs,
      idle_in_transaction_session_timeout:
        options.idleInTransactionTimeoutMs ?? DEFAULT_DATABASE_TIMEOUTS.idleInTransactionTimeoutMs,
    },
  };
}

/** Options for a data source that only runs migrations: the owner role's URL, no statement or idle limits. */
export function migrationDatabaseOptions(url: string, applicationName = 'microloan-migrate'): DatabaseOptions {
  return { url, poolSize: 2, applicationName, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 };
}
