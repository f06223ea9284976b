/**
 * A person's name for lists shown to people who do not need it in full: the first and (from three characters) the
 * last character kept, the rest starred (王*梅, 王*, 欧阳**华). Counts characters, not UTF-16 units.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length ? `${chars[0]}*` : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
