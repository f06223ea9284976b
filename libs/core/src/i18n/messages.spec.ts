import { renderMessage, type Messages } from './messages';

const tooLong: Messages = {
  'zh-CN': ['「{field}」不能超过{max}个字符', '「{field}」过长', '填写内容过长'],
  en: ['{field} must be at most {max} characters', '{field} is too long', 'A value is too long'],
};

describe('renderMessage', () => {
  it('fills the fullest template the details allow', () => {
    expect(renderMessage(tooLong, 'zh-CN', { field: 'name', max: 64 })).toBe('「name」不能超过64个字符');
    expect(renderMessage(tooLong, 'en', { field: 'name', max: 64 })).toBe('name must be at most 64 characters');
  });

  it('falls back to a template without the values the details lack', () => {
    expect(renderMessage(tooLong, 'zh-CN', { field: 'name' })).toBe('「name」过长');
    expect(renderMessage(tooLong, 'zh-CN', { field: 'name', max: null })).toBe('「name」过长');
    expect(renderMessage(tooLong, 'zh-CN', { field: '  ', max: 3 })).toBe('填写内容过长');
    expect(renderMessage(tooLong, 'zh-CN')).toBe('填写内容过长');
    expect(renderMessage(tooLong, 'en', [{ field: 'name' }])).toBe('A value is too long');
  });

  it('shows lists, bigints and numbers; never objects', () => {
    const m: Messages = { 'zh-CN': ['规则{codes}未通过', '未通过'], en: ['Rules {codes} failed', 'Failed'] };
    expect(renderMessage(m, 'zh-CN', { codes: ['A', 'B'] })).toBe('规则A、B未通过');
    expect(renderMessage(m, 'en', { codes: ['A', 'B'] })).toBe('Rules A, B failed');
    expect(renderMessage(m, 'en', { codes: 10n })).toBe('Rules 10 failed');
    expect(renderMessage(m, 'en', { codes: { a: 1 } })).toBe('Failed');
    expect(renderMessage(m, 'en', { codes: [{ a: 1 }] })).toBe('Failed');
    expect(renderMessage(m, 'en', { codes: Number.NaN })).toBe('Failed');
  });

  it('uses a single string as it is', () => {
    expect(renderMessage({ 'zh-CN': '服务器内部错误', en: 'Internal error' }, 'zh-CN', { x: 1 })).toBe(
      '服务器内部错误',
    );
  });
});
