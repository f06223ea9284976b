import { type DataSource } from 'typeorm';

/** Any constant shared by every process that migrates this database ("MLA-MIGR" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x4d4c412d4d494752n;

export interface MigrationReport {
  applied: string[];
  waitedForLockMs: number;
}

/**
 * Applies pending migrations while holding a session-level advisory lock, so an api and a worker that boot
 * together never run the same migration twice: the second one waits, then finds nothing pending. The lock holds
 * one connection while the migrations use another, so the pool needs at least two.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<MigrationReport> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  const started = Date.now();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY.toString()]);
    const waitedForLockMs = Date.now() - started;
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((m) => m.name), waitedForLockMs };
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY.toString()])
      .catch(() => undefined);
    await lockRunner.release();
  }
}

/**
 * The SQL that would bring the schema in line with the entities after all migrations ran. Empty means
 * entities and migrations agree; anything else is drift (an entity changed without a migration, or the reverse).
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
