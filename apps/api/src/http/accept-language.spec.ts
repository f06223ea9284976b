import { negotiateLanguage } from './accept-language';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW,en;q=0.5', 'zh-CN'],
    ['en;q=0.9,zh;q=0.8', 'en'],
    ['zh;q=0.8,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7', 'en'],
    ['fr-FR,de;q=0.9', 'zh-CN'],
    ['*', 'zh-CN'],
    ['*;q=0.5,en;q=0.4', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['en;q=0,zh;q=0.1', 'zh-CN'],
    ['en;q=0.000', 'zh-CN'],
    ['en;q=1.0', 'en'],
    ['en ; q = 0.5', 'en'],
    ['en;q=abc', 'zh-CN'],
    ['en;q=0.5,zh;q=0.5', 'en'],
    ['zh;q=0.5,en;q=0.5', 'zh-CN'],
    [' , ;q=1, en', 'en'],
  ])('%p → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('reads a header given more than once', () => {
    expect(negotiateLanguage(['fr', 'en;q=0.5'])).toBe('en');
  });

  it('stays bounded on a huge header', () => {
    expect(negotiateLanguage(`${'xx,'.repeat(100_000)}en`)).toBe('zh-CN');
  });
});
