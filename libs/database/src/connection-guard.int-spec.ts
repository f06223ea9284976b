import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, isInsideTransaction, runOutsideTransaction } from '@mla/core';
import {
  SecondConnectionInTransactionError,
  buildDataSourceOptions,
  installConnectionGuard,
  migrationDatabaseOptions,
} from '@mla/database';
import { testServerUrl } from '../../../test/support/test-servers';

describe('the single-connection guard', () => {
  const open: DataSource[] = [];

  const connect = async (mode: 'throw' | 'log' | 'off', poolWaitMs = 5_000) => {
    const ds = new DataSource({
      ...buildDataSourceOptions({ url: testServerUrl(), poolSize: 2, poolWaitMs }),
      entities: [],
      migrations: [],
    });
    await ds.initialize();
    installConnectionGuard(ds, mode);
    open.push(ds);
    return ds;
  };

  afterAll(async () => {
    await Promise.all(open.map((ds) => ds.destroy()));
  });

  it("lets a transaction's own manager work, and refuses the pool from inside it", async () => {
    const ds = await connect('throw');
    const sum = await ds.transaction(async (tx) => {
      expect(isInsideTransaction()).toBe(true);
      const [a] = (await tx.query('SELECT 1 AS n')) as { n: number }[];
      const [b] = (await tx.query('SELECT 2 AS n')) as { n: number }[];
      return a.n + b.n;
    });
    expect(sum).toBe(3);
    expect(isInsideTransaction()).toBe(false);
    await expect(ds.transaction(() => ds.query('SELECT 1'))).rejects.toBeInstanceOf(SecondConnectionInTransactionError);
    await expect(ds.transaction(() => ds.transaction((inner) => inner.query('SELECT 1')))).rejects.toBeInstanceOf(
      SecondConnectionInTransactionError,
    );
    // Outside a transaction the pool is as before.
    expect(await ds.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });

  it('would otherwise deadlock the pool: N transactions each asking for a second connection', async () => {
    const ds = await connect('off', 300);
    const attempts = await Promise.allSettled(
      [1, 2].map(() =>
        ds.transaction(async (tx) => {
          await tx.query('SELECT pg_sleep(0.05)');
          return ds.query('SELECT 1'); // the mistake: the pool, not tx
        }),
      ),
    );
    // Without the guard both hold one connection and wait for the other's, until the pool wait gives up (the one
    // that gives up first frees a connection for the other).
    const failed = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(String(failed[0].reason)).toMatch(/timeout exceeded when trying to connect/);
  });

  it('allows work that opts out explicitly, and only logs in log mode', async () => {
    const guarded = await connect('throw');
    await expect(
      guarded.transaction(() => runOutsideTransaction(() => guarded.query('SELECT 1 AS n'))),
    ).resolves.toEqual([{ n: 1 }]);
    const logged = await connect('log');
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(logged.transaction(() => logged.query('SELECT 1 AS n'))).resolves.toEqual([{ n: 1 }]);
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      error.mockRestore();
    }
  });

  it('does not follow work the transaction left running after it ended', async () => {
    const ds = await connect('throw');
    let later: Promise<unknown> | undefined;
    await ds.transaction(async (tx) => {
      await tx.query('SELECT 1');
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => ds.query('SELECT 1 AS n'));
    });
    await expect(later).resolves.toEqual([{ n: 1 }]);
  });
});

describe('session limits', () => {
  it('bound statements and idle transactions on the app pool, and not on the migration one', async () => {
    const settings = async (options: Parameters<typeof buildDataSourceOptions>[0]) => {
      const ds = new DataSource({ ...buildDataSourceOptions(options), entities: [], migrations: [] });
      await ds.initialize();
      try {
        return (await ds.query(
          `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
        )) as { statement: string; idle: string }[];
      } finally {
        await ds.destroy();
      }
    };
    expect(await settings({ url: testServerUrl() })).toEqual([{ statement: '30s', idle: '15s' }]);
    expect(
      await settings({ url: testServerUrl(), statementTimeoutMs: 1500, idleInTransactionTimeoutMs: 2500 }),
    ).toEqual([{ statement: '1500ms', idle: '2500ms' }]);
    expect(await settings(migrationDatabaseOptions(testServerUrl()))).toEqual([{ statement: '0', idle: '0' }]);
  });

  it('cancels a statement over the limit with an error the API answers with 503', async () => {
    const ds = new DataSource({
      ...buildDataSourceOptions({ url: testServerUrl(), statementTimeoutMs: 100 }),
      entities: [],
      migrations: [],
    });
    await ds.initialize();
    try {
      const error: unknown = await ds.query('SELECT pg_sleep(2)').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      // The pool recovers by itself.
      expect(await ds.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    } finally {
      await ds.destroy();
    }
  });
});
