import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The headers of a signed gateway request (and of a signed delivery receipt). */
export interface SignedHeaders {
  'x-access-key-id': string;
  'x-timestamp': string;
  'x-nonce': string;
  'x-signature': string;
}

/**
 * The string signed: method, path, timestamp (ms), nonce and the SHA-256 of the body, one per line. HMAC-SHA256
 * with the access key secret, base64: the shape of the usual Chinese SMS gateways' request signatures.
 */
export function stringToSign(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  const digest = createHash('sha256').update(body, 'utf8').digest('hex');
  return [method.toUpperCase(), path, timestamp, nonce, digest].join('\n');
}

export function signature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

export function signRequest(
  keyId: string,
  secret: string,
  method: string,
  path: string,
  body: string,
  nowMs: number,
  nonce: string = randomUUID(),
): SignedHeaders {
  const timestamp = String(nowMs);
  return {
    'x-access-key-id': keyId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signature(secret, stringToSign(method, path, timestamp, nonce, body)),
  };
}

/**
 * Whether a request carries a valid signature made within `maxSkewMs` of `nowMs`. Constant-time comparison; a
 * replayed nonce is the caller's to refuse (receipts are idempotent, so a replay changes nothing).
 */
export function verifySignature(
  secret: string,
  keyId: string,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  path: string,
  body: string,
  nowMs: number,
  maxSkewMs = 5 * 60_000,
): boolean {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ts = header('x-timestamp');
  const nonce = header('x-nonce');
  const given = header('x-signature');
  if (header('x-access-key-id') !== keyId || !ts || !nonce || !given || !/^\d{10,16}$/.test(ts)) return false;
  if (Math.abs(nowMs - Number(ts)) > maxSkewMs) return false;
  const expected = Buffer.from(signature(secret, stringToSign(method, path, ts, nonce, body)));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
