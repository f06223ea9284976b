import { LocalDate } from '@mla/core';
import { chineseDate, renderTemplate, smsSegments, smsText, unknownVariables, yuanText } from './render';

describe('template rendering', () => {
  it('fills the variables of a Chinese reminder', () => {
    const body =
      '{name}您好，您在{bank}的贷款（合同号{contractNumber}）将于{dueDate}到期，应还{amountDue}。如有疑问请联系{officerPhone}。';
    expect(
      renderTemplate(body, {
        name: '王秀英',
        bank: '某县农村信用合作联社',
        contractNumber: 'HT-2026-001',
        dueDate: chineseDate(LocalDate.parse('2026-03-20')),
        amountDue: yuanText(1234560n),
        officerPhone: '0471-1234567',
      }),
    ).toBe(
      '王秀英您好，您在某县农村信用合作联社的贷款（合同号HT-2026-001）将于2026年3月20日到期，应还12,345.60元。如有疑问请联系0471-1234567。',
    );
  });

  it('writes dates and amounts the Chinese way', () => {
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(yuanText(5n)).toBe('0.05元');
    expect(yuanText(100000000n)).toBe('1,000,000.00元');
  });

  it('names the variables a template may not use', () => {
    expect(unknownVariables('{name}{idNumber}{amountDue}{foo}')).toEqual(['idNumber', 'foo']);
    expect(unknownVariables('无变量')).toEqual([]);
  });

  it('counts Chinese SMS segments: 70 characters in one, then 67 per segment', () => {
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('字'.repeat(70))).toBe(1);
    expect(smsSegments('字'.repeat(71))).toBe(2);
    expect(smsSegments('字'.repeat(134))).toBe(2);
    expect(smsSegments('字'.repeat(135))).toBe(3);
    // The signature counts: 【某县妇联】 is 6 characters.
    expect(smsSegments(smsText('某县妇联', '字'.repeat(64)))).toBe(1);
    expect(smsSegments(smsText('某县妇联', '字'.repeat(65)))).toBe(2);
  });
});
