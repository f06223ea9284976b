import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { RequestValidationError } from './validation';

/** Deeper JSON than this is refused before it is parsed (nothing the API accepts nests half as deep). */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_BYTES = '1mb';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The nesting depth of a JSON text, counted over its bytes without recursion; stops once past `limit`. */
export function jsonDepth(bytes: Uint8Array, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i += 1;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function malformed(
  rule: 'jsonDepth' | 'utf8' | 'jsonShape' | 'jsonSyntax',
  message: string,
  limits?: Record<string, string>,
): RequestValidationError {
  return new RequestValidationError([{ field: 'body', rule, english: message, ...(limits ? { limits } : {}) }]);
}

/** Parses a JSON body that has been read as bytes (bounded in size), after bounding its depth. */
function parseJson(req: Request, _res: Response, next: NextFunction): void {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw)) return next();
  if (raw.length === 0) {
    req.body = {};
    return next();
  }
  if (jsonDepth(raw) > MAX_JSON_DEPTH) {
    return next(
      malformed('jsonDepth', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, {
        max: String(MAX_JSON_DEPTH),
      }),
    );
  }
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return next(malformed('utf8', 'The JSON body is not valid UTF-8'));
  }
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[')
    return next(malformed('jsonShape', 'The JSON body must be an object or an array'));
  try {
    req.body = JSON.parse(text) as unknown;
    // Kept for signature checks over the exact bytes (the gateway's delivery receipts).
    (req as typeof req & { rawBody?: Buffer }).rawBody = raw;
  } catch (error) {
    return next(malformed('jsonSyntax', `The JSON body is not valid JSON: ${(error as Error).message}`));
  }
  next();
}

/**
 * The JSON body parser of the API: at most 1 MiB, at most 32 levels deep (checked on the bytes before parsing,
 * so a hostile body cannot exhaust the stack of anything that walks it), UTF-8 only. Other content types (CSV
 * and statement uploads) are left to their routes.
 */
export function jsonBodyParser(): RequestHandler[] {
  return [express.raw({ type: ['application/json', 'application/*+json'], limit: MAX_JSON_BYTES }), parseJson];
}
