/**
 * A person's name for lists shown to many users: the first character (the surname, for Chinese names) kept, every
 * other character masked, e.g. '王秀英' → '王**', '张红' → '张*'. Never throws; an empty name stays empty.
 */
export function maskPersonName(name: string): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
