import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root: suites start built processes from here. */
export const ROOT = resolve(__dirname, '../..');

/**
 * The apps and libraries built (swc, as `npm run build` does, without the benchmarks) into a directory of the run's
 * own, for the suites that start the built worker as a real process: built once per run by the first suite that asks,
 * reused by the others, removed by the global teardown. The two Jest workers may ask together: a lock directory lets
 * one build while the other waits. Returns the directory, relative to ROOT (the worker is `<dir>/apps/worker/src/main.js`).
 */
export async function builtApps(): Promise<string> {
  const dir = process.env.MLA_TEST_BUILD_DIR;
  if (!dir) throw new Error('MLA_TEST_BUILD_DIR is not set: run the integration project through Jest');
  const done = resolve(ROOT, dir, '.complete');
  const lock = resolve(ROOT, `${dir}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (existsSync(done)) return dir;
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (mine) {
      try {
        if (!existsSync(done)) {
          rmSync(resolve(ROOT, dir), { recursive: true, force: true });
          await promisify(execFile)(
            'npx',
            ['swc', 'apps', 'libs', '-d', dir, '--ignore', '**/*.spec.ts,**/*.int-spec.ts', '--quiet'],
            { cwd: ROOT },
          );
          writeFileSync(done, '');
        }
        return dir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the build in ${dir}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Removes the run's build (global teardown). */
export function removeBuiltApps(dir: string | undefined): void {
  if (!dir) return;
  rmSync(resolve(ROOT, dir), { recursive: true, force: true });
  rmSync(resolve(ROOT, `${dir}.lock`), { recursive: true, force: true });
}
