import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  APP_ROLE,
  buildDataSourceOptions,
  createScratchDatabase,
  maintenanceUrl,
  migrationDatabaseOptions,
  runMigrationsWithLock,
} from '@mla/database';
import { testServerUrl } from './test-servers';

/**
 * The application's restricted role as a login role (no password: the test server trusts local connections),
 * so that suites connect as the application does in production. Roles are cluster-wide and several runs may
 * share the server: created once, tolerating a concurrent creation.
 */
async function ensureAppLoginRole(serverUrl: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl(serverUrl) });
  await client.connect();
  try {
    await client.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
          END;
        END IF;
        IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          ALTER ROLE ${APP_ROLE} LOGIN;
        END IF;
      END $$`);
  } finally {
    await client.end();
  }
}

/**
 * Once per run: a database migrated from empty, used as the template every suite clones (CREATE DATABASE …
 * TEMPLATE is much faster than migrating again). Its name reaches the workers through the environment, as does the
 * name of the run's build directory.
 */
export default async function globalSetup(): Promise<void> {
  await ensureAppLoginRole(testServerUrl());
  const url = await createScratchDatabase(testServerUrl(), 'mla_template');
  const dataSource = new DataSource(buildDataSourceOptions(migrationDatabaseOptions(url)));
  await dataSource.initialize();
  try {
    await runMigrationsWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.MLA_TEST_TEMPLATE_URL = url;
  // Where the suites that start the built worker find it: built once, by the first of them (see built-apps.ts).
  process.env.MLA_TEST_BUILD_DIR = `dist-e2e-${randomBytes(4).toString('hex')}`;
}
