import 'reflect-metadata';
import { AppConfig, ConfigError } from '@mla/config';
import { startWorker } from './bootstrap';

async function main(): Promise<void> {
  const config = AppConfig.fromProcess();
  const worker = await startWorker(config);
  // enableShutdownHooks closes the Nest context on SIGTERM/SIGINT: BullMQ workers stop fetching and wait for
  // the jobs they hold. The health server goes with it.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void worker.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
