/**
 * `npm run db:drift`: migrates a scratch database from empty and fails (exit 1) when the entities ask for any
 * schema change the migrations do not make. Run in CI.
 */
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrationDatabaseOptions } from '../data-source-options';
import { pendingSchemaChanges, runMigrationsWithLock } from '../migration-runner';
import { createScratchDatabase, dropDatabase } from '../scratch-database';

async function main(): Promise<number> {
  const server =
    process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_drift');
  const dataSource = new DataSource(buildDataSourceOptions(migrationDatabaseOptions(url, 'microloan-drift')));
  try {
    await dataSource.initialize();
    const { applied } = await runMigrationsWithLock(dataSource);
    const drift = await pendingSchemaChanges(dataSource);
    if (drift.length > 0) {
      console.error(`Schema drift: after ${applied.length} migrations the entities still need:`);
      for (const sql of drift) console.error(`  ${sql}`);
      console.error('Write a migration (npm run db:generate -- <VerbObject>) or fix the entity.');
      return 1;
    }
    console.log(`No drift: ${applied.length} migrations apply on an empty database and match the entities.`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
