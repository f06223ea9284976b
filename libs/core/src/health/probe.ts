export type ProbeStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, { status: ProbeStatus; latencyMs: number; error?: string }>;
}

/** Runs named checks in parallel, each bounded by a timeout; the report is 'ok' only when all are up. */
export async function runProbes(
  probes: Record<string, () => Promise<unknown>>,
  timeoutMs = 2000,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { status: 'up' as const, latencyMs: Date.now() - started }] as const;
      } catch (error) {
        return [
          name,
          { status: 'down' as const, latencyMs: Date.now() - started, error: (error as Error).message },
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  return { status: entries.every(([, c]) => c.status === 'up') ? 'ok' : 'error', checks };
}
