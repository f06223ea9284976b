import { jsonDepth } from './json-body';
import { isCleanText, uncleanFields } from './text-hygiene';

const bytes = (text: string) => Buffer.from(text);

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth(bytes('{}'))).toBe(1);
    expect(jsonDepth(bytes('{"a":[{"b":[]}]}'))).toBe(4);
    expect(jsonDepth(bytes('{"a":"[[[[{{{{\\"[[["}'))).toBe(1);
  });

  it('stops counting once past the limit, without recursion', () => {
    expect(jsonDepth(bytes('['.repeat(1_000_000)), 32)).toBe(33);
  });
});

describe('text hygiene', () => {
  it('finds NUL and unpaired surrogates, and accepts pairs', () => {
    expect(isCleanText('王秀英 😀')).toBe(true);
    expect(isCleanText('a\u0000')).toBe(false);
    expect(isCleanText('\ud800')).toBe(false);
    expect(isCleanText('x\udc00')).toBe(false);
  });

  it('names every field that holds one, keys included', () => {
    expect(uncleanFields({ a: 'ok', b: ['x', '\u0000'], c: { d: '\ud800' }, ['\u0000']: 1 })).toEqual([
      'b[1]',
      'c.d',
      '<key>',
    ]);
    expect(uncleanFields('\u0000', 'id')).toEqual(['id']);
  });
});
