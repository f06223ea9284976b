import { type LocalDate, Money } from '@mla/core';

/** The variables a template may use, with what each holds. */
export const TEMPLATE_VARIABLES = [
  'name',
  'amountDue',
  'dueDate',
  'bank',
  'officerPhone',
  'contractNumber',
  'days',
  'amountPaid',
  'paidDate',
  'paymentReference',
  'lateCount',
  'lateAmount',
  'worstLoans',
  'amountOverdue',
  'fundName',
  'regionName',
  'indicator',
  'measured',
  'target',
  'level',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

/** Characters per SMS segment for text with Chinese (UCS-2): one message, or 67 each once it is split. */
export const SMS_SINGLE_SEGMENT_CHARS = 70;
export const SMS_MULTI_SEGMENT_CHARS = 67;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The variables a body names, in order of first use. */
export function variablesOf(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) seen.add(m[1]);
  return [...seen];
}

/** The variables a body names that are not template variables. */
export function unknownVariables(body: string): string[] {
  return variablesOf(body).filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
}

/** Fills the body's placeholders; a value not given leaves an empty string (templates are checked when saved). */
export function renderTemplate(body: string, values: TemplateValues): string {
  return body.replace(PLACEHOLDER, (_, key: string) => values[key as TemplateVariable] ?? '');
}

/** Characters as a phone counts them (code points). */
export function smsLength(text: string): number {
  return [...text].length;
}

/** SMS segments of a Chinese text: 70 characters fit in one; longer texts go in segments of 67. */
export function smsSegments(text: string): number {
  const n = smsLength(text);
  if (n === 0) return 0;
  return n <= SMS_SINGLE_SEGMENT_CHARS ? 1 : Math.ceil(n / SMS_MULTI_SEGMENT_CHARS);
}

/** The full text a phone shows: the signature in 【】 before the body, as Chinese gateways send it. */
export function smsText(signName: string, body: string): string {
  return `【${signName}】${body}`;
}

/** A date as Chinese letters write it: 2026年3月20日. */
export function chineseDate(date: LocalDate | string): string {
  const [y, m, d] = date.toString().split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An amount in yuan with two decimals and thousands separators: 12,345.60元. */
export function yuanText(amount: Money | bigint): string {
  const yuan = (typeof amount === 'bigint' ? Money.ofFen(amount) : amount).toYuanString();
  const [whole, cents] = yuan.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan.startsWith('-') ? '-' : ''}${grouped}.${cents ?? '00'}元`;
}
