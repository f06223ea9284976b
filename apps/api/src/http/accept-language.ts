import { DEFAULT_LANGUAGE, type Language } from '@mla/core';

interface Preference {
  tag: string;
  q: number;
  order: number;
}

const MAX_HEADER_LENGTH = 1024;
const MAX_ENTRIES = 32;

function parse(header: string): Preference[] {
  return header
    .slice(0, MAX_HEADER_LENGTH)
    .split(',')
    .slice(0, MAX_ENTRIES)
    .map((part, order) => {
      const [range, ...params] = part.split(';').map((p) => p.trim());
      let q = 1;
      for (const param of params) {
        const m = /^q\s*=\s*([0-9](?:\.[0-9]{0,3})?)$/i.exec(param);
        if (m) q = Math.min(1, Number(m[1]));
        else if (/^q\s*=/i.test(param)) q = 0; // a malformed weight counts as "not acceptable"
      }
      return { tag: range.toLowerCase(), q, order };
    })
    .filter((p) => p.tag !== '' && p.q > 0);
}

function languageOf(tag: string): Language | undefined {
  const primary = tag.split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The language of the answer from an Accept-Language header (RFC 9110 §12.5.4): the served language the client
 * weighs highest (ties keep the header's order); zh-CN when the header is missing, names nothing we serve, or
 * only `*`. Any Chinese (zh, zh-TW, zh-Hans) is answered in zh-CN, the one Chinese we write; any English in en.
 */
export function negotiateLanguage(header: string | readonly string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : (header as string | undefined);
  if (!text) return DEFAULT_LANGUAGE;
  const ranked = parse(text).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const p of ranked) {
    if (p.tag === '*') return DEFAULT_LANGUAGE;
    const language = languageOf(p.tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}
