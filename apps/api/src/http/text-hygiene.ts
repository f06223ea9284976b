/**
 * Text the database cannot store or that is not text at all: NUL (PostgreSQL refuses it in text columns) and
 * UTF-16 surrogates that are not part of a pair (not valid Unicode; they cannot be encoded as UTF-8).
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const FORBIDDEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isCleanText(value: string): boolean {
  return !FORBIDDEN.test(value);
}

/**
 * Paths (`confirmations[0].reference`) of every string, key included, that holds NUL or a lone surrogate. The
 * value was parsed from a depth-bounded body, so recursion is safe; `seen` guards against anything else.
 */
export function uncleanFields(value: unknown, path = '', seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return isCleanText(value) ? [] : [path || 'value'];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => uncleanFields(item, `${path}[${i}]`, seen));
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const keyPath = path ? `${path}.${key}` : key;
    if (!isCleanText(key)) return [path ? `${path}.<key>` : '<key>'];
    return uncleanFields(item, keyPath, seen);
  });
}
