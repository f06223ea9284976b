/** `npm run db:migrate`: applies pending migrations under the advisory lock, as the owner role. */
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrationDatabaseOptions } from '../data-source-options';
import { runMigrationsWithLock } from '../migration-runner';

async function main(): Promise<void> {
  // The owner role when the app connects as a restricted one; else the one URL there is.
  const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_MIGRATION_URL or DATABASE_URL is required but not set (e.g. postgres://postgres@127.0.0.1:5432/microloan)',
    );
    process.exit(2);
  }
  const dataSource = new DataSource(buildDataSourceOptions(migrationDatabaseOptions(url)));
  await dataSource.initialize();
  try {
    const report = await runMigrationsWithLock(dataSource);
    console.log(
      report.applied.length === 0
        ? 'Database is up to date.'
        : `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
