/** `npm run seed:demo`: the demo county and its users. Refuses to run in production. */
import 'reflect-metadata';
import { createCliContext } from './cli.module';
import { DemoSeeder } from './demo-seeder';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.error('seed-demo refuses to run with NODE_ENV=production: demo users share a published password.');
    process.exit(2);
  }
  const app = await createCliContext();
  try {
    const data = await app.get(DemoSeeder).seed();
    console.log(JSON.stringify({ demoLogins: data.logins }));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
