import { BadInputError, CommonErrorCode } from '../errors/domain-error';

/** A page of a keyset-paginated list: pass `nextCursor` back as `cursor` for the next page; null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Opaque cursors: base64url JSON of the sort key of the last row seen. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string, fields: (keyof T)[]): T {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (parsed && typeof parsed === 'object' && fields.every((f) => ['string', 'number'].includes(typeof parsed[f]))) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list returned', { field: 'cursor' });
}

/** Fetch limit + 1 rows; this cuts the extra one off and builds the cursor from the last row kept. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, nextCursor: more && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
