/**
 * Writes a migration with the SQL that brings a database migrated to the current head in line with the
 * entities: `npm run db:generate -- AddLoanTable`. Review the file; hand-edit what the ORM cannot express.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, migrationDatabaseOptions } from '../data-source-options';
import { runMigrationsWithLock } from '../migration-runner';
import { createScratchDatabase, dropDatabase } from '../scratch-database';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: npm run db:generate -- <VerbObject> (PascalCase, e.g. CreateLoanTables)');
    process.exit(2);
  }
  const server =
    process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createScratchDatabase(server, 'mla_generate');
  const dataSource = new DataSource(buildDataSourceOptions(migrationDatabaseOptions(url, 'microloan-generate')));
  try {
    await dataSource.initialize();
    await runMigrationsWithLock(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('Entities and migrations agree: nothing to generate.');
      return;
    }
    const stamp = Date.now();
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const lines = (qs: { query: string }[]) =>
      qs.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
    const file = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines([...sql.downQueries].reverse())}
  }
}
`;
    const path = join(process.cwd(), 'libs/database/src/migrations', `${stamp}-${name}.ts`);
    writeFileSync(path, file);
    console.log(`Wrote ${path}; add ${name}${stamp} to libs/database/src/migrations/index.ts`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
