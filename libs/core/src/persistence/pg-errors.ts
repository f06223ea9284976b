/** PostgreSQL error codes the use cases turn into domain errors. The driver error may be wrapped (TypeORM). */
function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return { code: e?.driverError?.code ?? e?.code, constraint: e?.driverError?.constraint ?? e?.constraint };
}

/** unique_violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** foreign_key_violation. */
export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error).code === '23503';
}

/** SQLSTATEs meaning the database could not serve this request in time; the client may retry. */
const UNAVAILABLE_CODES = new Set([
  '57014', // query_canceled: statement_timeout (or a cancel request)
  '25P03', // idle_in_transaction_session_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'ECONNREFUSED', // the server is not listening (a network error from the driver)
  'ECONNRESET',
]);

/**
 * The database was busy or gone rather than the request wrong: no free pool connection within the wait, a
 * statement or an idle transaction timed out, the connection was terminated, or the server refused a session.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown; message?: unknown } };
  if (e === null || typeof e !== 'object') return false;
  const code = (e.driverError?.code ?? e.code) as string | undefined;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = String(e.driverError?.message ?? e.message ?? '');
  return (
    message.includes('timeout exceeded when trying to connect') ||
    message.startsWith('Connection terminated') ||
    message === 'Client has encountered a connection error and is not queryable'
  );
}
