import type { Response } from 'supertest';
import type { ApiHarness } from './api-harness';

/** Parallel requests per batch. */
export const N = 50;

/**
 * Every batch of N parallel requests on a pool of 2 finishes well within this (a few seconds on an idle machine);
 * a pool deadlock would not finish at all, or only through 5-second pool waits, request after request.
 */
export const BATCH_LIMIT_MS = 30_000;

/** The pool settings of the concurrency suites: two connections, and a 503 after 5 s without one. */
export const SMALL_POOL = { DATABASE_POOL_SIZE: '2', DATABASE_POOL_WAIT_MS: '5000' } as const;

export interface BatchRecord {
  name: string;
  ms: number;
  statuses: Record<number, number>;
}

export interface BatchOptions {
  /**
   * Contended batches (many copies of one request on one target): exactly this many succeed, and every other
   * request is refused as a conflict or a rule (409 or 422, or a 503 when the database was too busy).
   */
  exactly?: number;
  /** Contended batches where a bounded number may succeed: at least one and at most this many. */
  atMost?: number;
  /** What the losers of a contended batch may be answered; 409 and 422 unless said otherwise. */
  losers?: number[];
}

/**
 * Sends one request per item at once; checks that none is a 500, every refusal has the error shape with a code,
 * and all are answered in time. Without options, valid requests on distinct targets: the pool of two serves
 * (nearly) all of them. Returns the successful ones with their items.
 */
export function batcher(records: BatchRecord[]) {
  return async function batch<T>(
    name: string,
    items: T[],
    send: (item: T, i: number) => Promise<Response>,
    ok: number,
    options: BatchOptions = {},
  ): Promise<{ item: T; res: Response }[]> {
    const started = Date.now();
    const responses = await Promise.all(items.map((item, i) => send(item, i)));
    const ms = Date.now() - started;
    const statuses: Record<number, number> = {};
    for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    records.push({ name, ms, statuses });
    const unexpected = responses.filter(
      (r) => r.status !== ok && !(r.status >= 400 && r.status < 500) && r.status !== 503,
    );
    expect({ name, unexpected: unexpected.map((r) => [r.status, r.body]) }).toEqual({ name, unexpected: [] });
    for (const r of responses.filter((x) => x.status >= 400)) {
      // The standard error shape, with a code saying what happened.
      expect({ name, body: r.body }).toMatchObject({
        name,
        body: { statusCode: r.status, code: expect.any(String), requestId: expect.any(String) },
      });
    }
    expect({ name, ms: ms < BATCH_LIMIT_MS }).toEqual({ name, ms: true });
    const passed = responses.map((res, i) => ({ item: items[i], res })).filter((x) => x.res.status === ok);
    // A 503 says why: the database was too busy to answer in time (a slow, shared machine); the client retries.
    for (const r of responses.filter((x) => x.status === 503)) expect(r.body.code).toBe('SERVICE_UNAVAILABLE');
    if (options.exactly !== undefined || options.atMost !== undefined) {
      // One target: the losers are told it is taken or no longer possible, never that their request was bad.
      const losers = responses.filter((r) => r.status !== ok && r.status !== 503);
      const allowed = options.losers ?? [409, 422];
      expect({ name, losers: losers.filter((r) => !allowed.includes(r.status)).map((r) => r.body) }).toEqual({
        name,
        losers: [],
      });
      if (options.exactly !== undefined) {
        expect({ name, passed: passed.length }).toEqual({ name, passed: options.exactly });
      } else {
        expect(passed.length).toBeGreaterThanOrEqual(1);
        expect(passed.length).toBeLessThanOrEqual(options.atMost!);
      }
    } else {
      // Valid requests: the pool of two serves (nearly) all of them. On failure, the first refusals say why.
      const enough = passed.length >= Math.ceil(items.length / 2);
      const refused = enough ? [] : responses.filter((r) => r.status !== ok).slice(0, 3);
      expect({ name, enough, refused: refused.map((r) => [r.status, r.body]) }).toEqual({
        name,
        enough: true,
        refused: [],
      });
    }
    return passed;
  };
}

/** Asks /health every 100 ms until stopped. */
export function pollHealth(h: ApiHarness): { statuses: number[]; stop: () => Promise<void> } {
  const statuses: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      statuses.push((await h.http.get('/health')).status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    statuses,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** 0 … n − 1. */
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
