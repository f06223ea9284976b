import { BadInputError, isValidMobile, maskMobile, normalizeMobile } from '@mla/core';

function expectInvalid(raw: string, messagePart: string): BadInputError {
  let error: unknown;
  try {
    normalizeMobile(raw);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe('INVALID_MOBILE');
  expect((error as BadInputError).message).toContain(messagePart);
  return error as BadInputError;
}

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['+8613800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['+8615912345678', '15912345678'],
  ])('normalises %p to %p', (raw, mobile) => {
    expect(normalizeMobile(raw)).toBe(mobile);
    expect(isValidMobile(raw)).toBe(true);
  });

  it.each([
    ['12800138000', 'must start with 13–19, starts with 12'],
    ['10800138000', 'must start with 13–19, starts with 10'],
    ['23800138000', 'must start with 13–19, starts with 23'],
    ['1380013800', 'expected 11 digits, got 10'],
    ['138001380001', 'expected 11 digits, got 12'],
    ['+86', 'expected 11 digits, got 0'],
    ['', 'expected 11 digits, got 0'],
    ['08613800138000', 'expected 11 digits, got 14'],
    ['86138001380001', 'expected 11 digits, got 14'],
    ['+8513800138000', 'characters other than digits'],
    ['+86 13800138000', 'characters other than digits'],
    ['138-0013-8000', 'characters other than digits'],
    [' 13800138000', 'characters other than digits'],
    ['13800138000 ', 'characters other than digits'],
    ['１3800138000', 'characters other than digits'],
  ])('rejects %p: %s', (raw, reason) => {
    expectInvalid(raw, reason);
    expect(isValidMobile(raw)).toBe(false);
  });

  it('does not echo the number in messages', () => {
    expect(expectInvalid('12800138000', 'starts with').message).not.toContain('12800138000');
  });

  it('rejects a non-string', () => {
    expectInvalid(13800138000 as unknown as string, 'not a string');
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });

  it('masks other lengths without throwing', () => {
    expect(maskMobile('8613800138000')).toBe('861******8000');
    expect(maskMobile('1234567')).toBe('*******');
    expect(maskMobile('')).toBe('');
  });
});
