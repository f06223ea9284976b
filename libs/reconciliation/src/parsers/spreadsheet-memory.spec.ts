import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ReconciliationErrorCode } from '../errors';

const ROOT = path.resolve(__dirname, '../../../..');

interface ProbeResult {
  lines: number;
  error: { code: string; details: Record<string, unknown> } | null;
  peakGrowthMiB: number;
}

/** Reads a workbook of `rows` lines in a fresh process under a memory limit (see spreadsheet-memory.probe.ts). */
async function probe(rows: number, limitMib: number): Promise<ProbeResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      './test/support/ts-register.js',
      path.join(__dirname, 'spreadsheet-memory.probe.ts'),
      String(rows),
      String(limitMib),
    ],
    { cwd: ROOT, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout) as ProbeResult;
}

/**
 * The spreadsheet reader is bounded by the memory of the whole process, not only its worker's heap. Each read runs
 * in a process of its own: in a long-lived test process a read may be served from memory freed before and never grow
 * the process, so the watch could not be provoked there.
 */
describe('the spreadsheet reader is bounded by the memory limit of the whole process, not only its heap', () => {
  it('stops a workbook whose reading grows the process beyond the limit, and refuses it as too costly', async () => {
    const result = await probe(30_000, 64);
    expect(result.error?.code).toBe(ReconciliationErrorCode.STATEMENT_SPREADSHEET_TOO_COSTLY);
    // The watch on the process's resident memory stopped it, before the worker's heap limit did.
    expect(result.error?.details).toMatchObject({
      limit: 'STATEMENT_SPREADSHEET_MEMORY_MIB',
      memoryMib: 64,
      measured: 'process',
    });
    expect(result.lines).toBe(0);
    // The reader samples the process every 20 ms: it stops a little beyond the limit, far from what a whole read takes.
    expect(result.peakGrowthMiB).toBeLessThan(64 + 48);
  });

  it('reads the same workbook whole under the default limit', async () => {
    const result = await probe(30_000, 1024);
    expect(result.error).toBeNull();
    expect(result.lines).toBe(30_000);
    expect(result.peakGrowthMiB).toBeLessThan(1024);
  });
});
