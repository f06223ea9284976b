import { CommonErrorCode, LANGUAGES, placeholdersOf, templatesOf, type Messages } from '@mla/core';
import { GuaranteeErrorCode } from '@mla/guarantee-funds';
import { LoanErrorCode } from '@mla/loans';
import { CATALOGUES, ERROR_CODES, ERROR_MESSAGES, mergeCatalogues } from './error-codes';
import { renderError } from './error-messages';
import { VALIDATION_RULE_MESSAGES } from './validation-messages';

/** Latin words a Chinese sentence may hold: names of formats and standards, not English prose. */
const LATIN_ALLOWED =
  /\b(LPR|JSON|UTF|ISO|MiB|KiB|UUID|SWIFT|MT940|MT942|camt|CSV|Excel|XLSX|Content|Type|application|octet|stream|null|true|false|YYYY|MM|DD|T16)\b/g;

/** Details that fill every placeholder of a template (`{contact.regionName}` one level down). */
function fill(template: string): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const name of placeholdersOf(template)) {
    const [head, tail] = name.split('.');
    if (tail) details[head] = { ...(details[head] as object), [tail]: `v-${tail}` };
    else details[head] = `v-${head}`;
  }
  return details;
}

const LEAKS = /\{|\}|undefined|null(?!\b)|NaN|\[object/;

function everyMessage(): [string, Messages][] {
  return [
    ...[...ERROR_MESSAGES.entries()],
    ...Object.entries(VALIDATION_RULE_MESSAGES).map(([rule, m]): [string, Messages] => [`rule:${rule}`, m]),
  ];
}

describe('the error message catalogue', () => {
  it('has a zh-CN and an English message for every code the API documents', () => {
    for (const code of ERROR_CODES) {
      const messages = ERROR_MESSAGES.get(code);
      expect({ code, zh: messages?.['zh-CN'], en: messages?.en }).toEqual({
        code,
        zh: expect.anything(),
        en: expect.anything(),
      });
    }
    expect([...ERROR_MESSAGES.keys()].sort()).toEqual(ERROR_CODES);
  });

  it('ends every message with a template that needs no detail (a field rule always knows its field)', () => {
    for (const [code, messages] of everyMessage()) {
      for (const language of LANGUAGES) {
        const templates = templatesOf(messages, language);
        const needs = placeholdersOf(templates[templates.length - 1]).filter(
          (name) => !(code.startsWith('rule:') && name === 'field'),
        );
        expect({ code, language, last: needs }).toEqual({
          code,
          language,
          last: [],
        });
      }
    }
  });

  it('renders every template with its details, without them and with unusable ones: no placeholder or undefined leaks', () => {
    const emptyish: unknown[] = [
      undefined,
      {},
      [],
      [{ field: 1 }],
      { field: null, min: undefined },
      { field: { a: 1 } },
      'x',
    ];
    for (const [code, messages] of ERROR_MESSAGES) {
      for (const language of LANGUAGES) {
        for (const template of templatesOf(messages, language)) {
          const rendered = renderError(code, language, fill(template));
          expect({ code, rendered }).toEqual({ code, rendered: expect.not.stringMatching(LEAKS) });
          expect(rendered.length).toBeGreaterThan(3);
        }
        for (const details of emptyish) {
          const rendered = renderError(code, language, details);
          expect({ code, rendered }).toEqual({ code, rendered: expect.not.stringMatching(LEAKS) });
        }
      }
    }
  });

  it('fills the fullest template the details allow', () => {
    expect(renderError(LoanErrorCode.CONTRACT_NUMBER_TAKEN, 'zh-CN', { contractNumber: 'HT-2026-001' })).toBe(
      '合同编号HT-2026-001已被使用',
    );
    expect(renderError(LoanErrorCode.CONTRACT_NUMBER_TAKEN, 'zh-CN', { field: 'contractNumber' })).toBe(
      '合同编号已被使用',
    );
    expect(
      renderError(GuaranteeErrorCode.BEFORE_TRIGGER, 'en', { daysPastDue: 40, triggerDays: 90, guarantee: 'G1' }),
    ).toBe('The loan is 40 days past due; the fund compensates after 90');
    // A list of field problems names its fields.
    expect(renderError('INVALID_POLICY', 'zh-CN', [{ field: 'individualMaxYuan' }, { field: 'minAge' }])).toBe(
      '贷款政策填写有误：individualMaxYuan、最低年龄',
    );
    // A field is named as clerks call it in Chinese, and as the API names it in English.
    expect(renderError('INVALID_RATE', 'zh-CN', { field: 'annualRatePercent' })).toBe(
      '「年利率（%）」须为百分比数值，如 4.35',
    );
    expect(renderError('INVALID_RATE', 'en', { field: 'annualRatePercent' })).toBe(
      'annualRatePercent must be a percentage such as 4.35',
    );
  });

  it('shows fixed-list values by their label', () => {
    expect(renderError('PERMISSION_DENIED', 'zh-CN', { permission: 'loan:sign' })).toBe(
      '您的角色无权执行此操作（需要“签订贷款合同”权限）',
    );
    expect(
      renderError('ROLE_NOT_ALLOWED_FOR_ORGANISATION', 'zh-CN', {
        role: 'BANK_OFFICER',
        organisationKind: 'WOMENS_FEDERATION',
      }),
    ).toBe('妇联的人员不能担任“银行信贷员”角色');
  });

  it('writes Chinese in Chinese: no English prose in a zh-CN template', () => {
    for (const [code, messages] of everyMessage()) {
      for (const template of templatesOf(messages, 'zh-CN')) {
        expect({ code, template, han: /[\u4e00-\u9fff]/.test(template) }).toEqual({ code, template, han: true });
        const prose = template.replace(/\{[^}]*\}/g, '').replace(LATIN_ALLOWED, '');
        expect({ code, template, words: prose.match(/[A-Za-z]{2,}/g) }).toEqual({ code, template, words: null });
      }
    }
  });

  it('falls back by kind, then to a generic sentence, for a code outside the catalogue', () => {
    expect(renderError('NO_SUCH_CODE', 'zh-CN', undefined, 'conflict')).toBe(
      renderError(CommonErrorCode.CONFLICT, 'zh-CN'),
    );
    expect(renderError('NO_SUCH_CODE', 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses two contexts that say the same code differently', () => {
    const a = { codes: { X: 'X' }, messages: { X: { 'zh-CN': '甲', en: 'a' } } };
    const b = { codes: { X: 'X' }, messages: { X: { 'zh-CN': '乙', en: 'b' } } };
    expect(() => mergeCatalogues([a, a])).not.toThrow();
    expect(() => mergeCatalogues([a, b])).toThrow(/X has different messages/);
    expect(() => mergeCatalogues(CATALOGUES)).not.toThrow();
  });
});
