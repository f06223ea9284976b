import 'reflect-metadata';
import { AppConfig, ConfigError } from '@mla/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const config = AppConfig.fromProcess();
  const app = await createApi(config);
  await app.listen(config.env.PORT, process.env.HOST ?? '0.0.0.0');
}

main().catch((error: unknown) => {
  // A configuration problem is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
