/** An account number as compared: upper case, without spaces and dashes. */
function compact(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Whether an account a statement names is the chosen account. The file may write it as MT940 does (BIC/number,
 * number/currency), as an IBAN that ends with the number, or masked (6228****1234: the visible ends must agree).
 */
export function sameAccount(fileAccount: string, chosen: string): boolean {
  const wanted = compact(chosen);
  if (wanted === '') return false;
  const whole = compact(fileAccount);
  const parts = [whole, ...whole.split('/')].filter((part) => part !== '');
  return parts.some((part) => {
    if (part === wanted) return true;
    // An IBAN: country, check digits, then the domestic number.
    if (/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(part) && part.length > wanted.length && part.endsWith(wanted)) return true;
    const masked = /^([A-Z0-9]*)\*+([A-Z0-9]*)$/.exec(part);
    if (!masked) return false;
    const [, head, tail] = masked;
    return (
      tail.length >= 4 && wanted.startsWith(head) && wanted.endsWith(tail) && wanted.length > head.length + tail.length
    );
  });
}

/** An account number as it may be shown (an account is sensitive): its first and last four characters only. */
export function maskAccountIdentifier(account: string): string {
  const text = compact(account);
  if (text.length <= 8) return '****';
  return `${text.slice(0, 4)}****${text.slice(-4)}`;
}
