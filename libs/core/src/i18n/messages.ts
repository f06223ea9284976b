/**
 * User-facing text: the two languages the API answers in, and message templates with named placeholders.
 * Each context keeps the messages of its error codes beside its `errors.ts` (`messages.ts`), typed as
 * `ErrorCatalogue<ItsErrorCode>` so that adding a code without its messages does not compile.
 */
export type Language = 'zh-CN' | 'en';

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

/** The language used when the client states no preference we can serve. */
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * One message as templates in order of preference: the first whose `{placeholders}` the error's details all
 * fill is shown; the last has no placeholder, so something complete is always shown. A single string is a
 * message without placeholders.
 */
export type MessageTemplates = string | readonly [string, ...string[]];

export interface Messages {
  'zh-CN': MessageTemplates;
  en: MessageTemplates;
}

/** The messages of every code of one error-code enum. */
export type ErrorCatalogue<Code extends string> = Readonly<Record<Code, Messages>>;

/** A display label of one enum value, in both languages. */
export interface Label {
  'zh-CN': string;
  en: string;
}

/** The labels of every value of one fixed list. */
export type LabelCatalogue<Value extends string> = Readonly<Record<Value, Label>>;

/** `{name}`, or `{parent.name}` for a value one object down in the details. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?)\}/g;

function valueAt(values: Record<string, unknown>, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The placeholder names of a template, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

export function templatesOf(messages: Messages, language: Language): readonly string[] {
  const t = messages[language];
  return typeof t === 'string' ? [t] : t;
}

/** Turns a value into display text, or undefined when it cannot be shown (objects, empty strings, null). */
export type ValueFormatter = (name: string, value: unknown, language: Language) => string | undefined;

const MAX_VALUE_LENGTH = 120;

export const plainValue: ValueFormatter = (_name, value, language) => {
  if (typeof value === 'string') {
    const text = value.trim();
    return text ? text.slice(0, MAX_VALUE_LENGTH) : undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) {
    const parts = value.map((v) => plainValue(_name, v, language));
    if (!parts.length || parts.some((p) => p === undefined)) return undefined;
    return parts.join(language === 'zh-CN' ? '、' : ', ');
  }
  return undefined;
};

/**
 * Fills the first template whose placeholders the details fill (details that are not an object fill none).
 * Never shows a raw `{placeholder}` or "undefined": the last template of each message has no placeholder.
 */
export function renderMessage(
  messages: Messages,
  language: Language,
  details?: unknown,
  format: ValueFormatter = plainValue,
): string {
  const values =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as Record<string, unknown>)
      : {};
  const templates = templatesOf(messages, language);
  for (const template of templates) {
    const filled = new Map<string, string>();
    const complete = placeholdersOf(template).every((name) => {
      const value = valueAt(values, name);
      const text = value === undefined ? undefined : format(name, value, language);
      if (text !== undefined) filled.set(name, text);
      return text !== undefined;
    });
    if (complete) return template.replace(PLACEHOLDER, (_m, name: string) => filled.get(name) ?? '');
  }
  // Unreachable for a catalogue that passes its spec; said plainly rather than with a placeholder.
  return templates[templates.length - 1].replace(PLACEHOLDER, '');
}

/** The label of a value in a language; the value itself when the list does not know it. */
export function labelOf<Value extends string>(
  labels: LabelCatalogue<Value>,
  value: string,
  language: Language,
): string {
  return Object.hasOwn(labels, value) ? labels[value as Value][language] : value;
}

/**
 * An error whose details hold sentences for the user (per-field problems): it gives them in a language. Its
 * `details` stay English, for the worker, the CLI and the logs.
 */
export interface LocalisedDetails {
  detailsIn(language: Language): unknown;
}

export function hasLocalisedDetails(error: unknown): error is LocalisedDetails {
  return typeof (error as Partial<LocalisedDetails> | null)?.detailsIn === 'function';
}
