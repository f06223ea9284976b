import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { isInsideTransaction, runAsTransactionBody } from '@mla/core';

/**
 * One use case is one transaction on one connection. Code that asks the pool for a second connection while its
 * transaction holds the first deadlocks the pool under load: with N parallel requests on a pool of N, every
 * request holds one connection and waits forever for another. This guard makes that mistake visible at once.
 *
 * While the callback of `dataSource.transaction(...)` runs, its async context carries a marker; acquiring a
 * pool connection from that context is the mistake. In tests (and development) it throws; in production it
 * logs an error with the stack and lets the call through, since a request that succeeds slowly is better
 * than one refused for a defect that only starves the pool under load.
 */
export type ConnectionGuardMode = 'throw' | 'log' | 'off';

export class SecondConnectionInTransactionError extends Error {
  constructor() {
    super(
      'A second database connection was requested while a transaction holds one: inside dataSource.transaction(...) ' +
        'every read and write must go through the transaction manager (pass `tx` on), not a repository, service or ' +
        'DataSource bound to the pool',
    );
    this.name = 'SecondConnectionInTransactionError';
  }
}

type ConnectCallback = (err: Error | undefined, client?: unknown, release?: () => void) => void;
interface PoolLike {
  connect(callback?: ConnectCallback): Promise<unknown> | undefined;
}

/** Installs the guard on an initialised data source (once). */
export function installConnectionGuard(dataSource: DataSource, mode: ConnectionGuardMode): void {
  if (mode === 'off') return;
  const logger = new Logger('Database');
  const manager = dataSource.manager as EntityManager & { __connectionGuard?: true };
  if (manager.__connectionGuard) return;
  manager.__connectionGuard = true;

  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    const index = args.findIndex((a) => typeof a === 'function');
    if (index < 0) return transaction(...args);
    const work = args[index] as (tx: EntityManager) => Promise<unknown>;
    const wrapped = [...args];
    wrapped[index] = (tx: EntityManager) => runAsTransactionBody(() => work(tx));
    return transaction(...wrapped);
  };

  const pool = (dataSource.driver as unknown as { master?: PoolLike }).master;
  if (!pool) return;
  const connect = pool.connect.bind(pool);
  pool.connect = (callback?: ConnectCallback) => {
    if (isInsideTransaction()) {
      const error = new SecondConnectionInTransactionError();
      if (mode === 'throw') {
        if (callback) {
          process.nextTick(() => callback(error));
          return undefined;
        }
        return Promise.reject(error);
      }
      logger.error({ err: error }, error.message);
    }
    return connect(callback);
  };
}
