/**
 * What the logs may say about a request or an error. URLs keep their path and the names of their query
 * parameters, never the values (`?idNumber=…` is how applicants are searched). Database errors keep their
 * SQLSTATE, table, column and constraint, never the failing row, the parameters or the values echoed in the
 * message (`invalid input syntax for type uuid: "…"`).
 */

const REDACTED = '[redacted]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An ID number, a mobile number or a bank account is a long run of digits (an ID may end in X). */
const LONG_DIGITS = /\d{11,}/;
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_.[\]-]{0,63}$/;

/** `/applicants?idNumber=11010519491231002X&limit=20` → `/applicants?idNumber=*&limit=*`. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const safePath = path
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return REDACTED;
      }
      return !UUID.test(decoded) && LONG_DIGITS.test(decoded) ? REDACTED : segment;
    })
    .join('/');
  if (q < 0) return safePath;
  const keys = url
    .slice(q + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const raw = part.split('=')[0];
      let key: string;
      try {
        key = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        return `${REDACTED}=*`;
      }
      return `${SAFE_KEY.test(key) ? key : REDACTED}=*`;
    });
  return keys.length ? `${safePath}?${keys.join('&')}` : safePath;
}

/** A database error message may quote the offending value at its end: keep the sentence, drop the value. */
function redactMessage(message: string): string {
  return message.replace(/:\s*"[\s\S]*$/, `: ${REDACTED}`).replace(/\(([^)]*)\)=\([\s\S]*\)/g, `($1)=(${REDACTED})`);
}

const SAFE_DB_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'schema', 'dataType', 'routine'];

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  [key: string]: unknown;
}

function isDatabaseError(e: Record<string, unknown>): boolean {
  return (
    'driverError' in e ||
    'query' in e ||
    'parameters' in e ||
    'detail' in e ||
    (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e)
  );
}

/**
 * The error serializer of every log line: type, message, stack and a few safe fields; for database errors
 * only what names the problem, never the data.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return error;
  const e = error as Error & Record<string, unknown>;
  const type = e.constructor?.name ?? 'Error';
  const message = typeof e.message === 'string' ? e.message : String(e.message);
  if (isDatabaseError(e)) {
    const driver = (e.driverError as Record<string, unknown> | undefined) ?? e;
    const safeMessage = redactMessage(message);
    const out: SerializedError = { type, message: safeMessage };
    if (typeof e.stack === 'string') {
      const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
      out.stack = [`${type}: ${safeMessage}`, ...frames].join('\n');
    }
    for (const field of SAFE_DB_FIELDS) {
      const value = driver[field] ?? e[field];
      if (typeof value === 'string' || typeof value === 'number') out[field] = value;
    }
    return out;
  }
  const out: SerializedError = { type, message };
  if (typeof e.stack === 'string') out.stack = e.stack;
  for (const field of ['code', 'kind', 'statusCode', 'status']) {
    const value = e[field];
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}
