import { dropDatabase } from '@mla/database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.MLA_TEST_TEMPLATE_URL) await dropDatabase(process.env.MLA_TEST_TEMPLATE_URL);
}
