import { dropDatabase } from '@mla/database';
import { removeBuiltApps } from './built-apps';

export default async function globalTeardown(): Promise<void> {
  removeBuiltApps(process.env.MLA_TEST_BUILD_DIR);
  if (process.env.MLA_TEST_TEMPLATE_URL) await dropDatabase(process.env.MLA_TEST_TEMPLATE_URL);
}
