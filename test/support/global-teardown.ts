import { Client } from 'pg';
import { dropDatabase, maintenanceUrl, withDatabase } from '@mla/database';
import { removeBuiltApps } from './built-apps';
import { runDatabasePrefix } from './test-env';

/** Drops the suite databases of the run still there (their suites do not wait for their drops), then the template. */
async function dropRunDatabases(templateUrl: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl(templateUrl) });
  await client.connect();
  let names: string[];
  try {
    const rows = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [`${runDatabasePrefix(templateUrl)}_`],
    );
    names = rows.rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
  await Promise.all(names.map((name) => dropDatabase(withDatabase(templateUrl, name))));
}

export default async function globalTeardown(): Promise<void> {
  removeBuiltApps(process.env.MLA_TEST_BUILD_DIR);
  const template = process.env.MLA_TEST_TEMPLATE_URL;
  if (!template) return;
  await dropRunDatabases(template);
  await dropDatabase(template);
}
