import { DataSource } from 'typeorm';
import { buildDataSourceOptions, createScratchDatabase, runMigrationsWithLock } from '@mla/database';
import { testServerUrl } from './test-servers';

/**
 * Once per run: a database migrated from empty, used as the template every suite clones (CREATE DATABASE …
 * TEMPLATE is much faster than migrating again). Its name reaches the workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const url = await createScratchDatabase(testServerUrl(), 'mla_template');
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
  await dataSource.initialize();
  try {
    await runMigrationsWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.MLA_TEST_TEMPLATE_URL = url;
}
