import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the async context of a running transaction callback, so that the data source can refuse to hand out a
 * second pool connection from inside it (see `installConnectionGuard` in the database library).
 */
export interface TransactionMarker {
  active: boolean;
}

const transactionContext = new AsyncLocalStorage<TransactionMarker | undefined>();

/** Runs `work` as the body of a transaction; the marker ends when it settles. */
export async function runAsTransactionBody<T>(work: () => Promise<T>): Promise<T> {
  const marker: TransactionMarker = { active: true };
  try {
    return await transactionContext.run(marker, work);
  } finally {
    // Continuations the body left behind (timers, after-commit hooks) may use the pool freely.
    marker.active = false;
  }
}

/** True while the current async context runs inside a transaction callback. */
export function isInsideTransaction(): boolean {
  return transactionContext.getStore()?.active === true;
}

/**
 * Runs `fn` outside any enclosing transaction's context, for work that deliberately uses a separate connection
 * and a short transaction of its own (say why at the call site). It is not part of the caller's transaction:
 * it neither waits for its commit nor is undone by its rollback.
 */
export function runOutsideTransaction<T>(fn: () => T): T {
  return transactionContext.run(undefined, fn);
}
