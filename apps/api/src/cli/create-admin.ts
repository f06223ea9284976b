/**
 * `npm run admin:create -- --username admin --display-name "…" --organisation "…" --region 150000 --region-name "…"`
 * Creates the first system administrator. The password comes from ADMIN_PASSWORD or standard input: there is no
 * default password.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { AdminBootstrapService } from '@mla/auth';
import { DomainError } from '@mla/core';
import { createCliContext } from './cli.module';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password for the new administrator: ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  throw new Error('No password given: set ADMIN_PASSWORD or pipe it on standard input');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string', default: 'admin' },
      'display-name': { type: 'string', default: 'System administrator' },
      organisation: { type: 'string', default: 'System operator' },
      region: { type: 'string', default: '100000' },
      'region-name': { type: 'string', default: '中华人民共和国' },
      force: { type: 'boolean', default: false },
    },
  });
  const password = await readPassword();
  const app = await createCliContext();
  try {
    const user = await app.get(AdminBootstrapService).createFirstAdmin({
      username: values.username as string,
      displayName: values['display-name'] as string,
      password,
      organisationName: values.organisation as string,
      regionCode: values.region as string,
      regionName: values['region-name'] as string,
      force: values.force as boolean,
    });
    console.log(`Created system administrator "${user.username}" (${user.id}).`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DomainError || error instanceof Error ? error.message : error);
  process.exit(1);
});
