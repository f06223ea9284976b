import { BadInputError, maskBankAccount, normalizeBankAccount } from '@mla/core';

function expectInvalid(raw: string, messagePart: string): BadInputError {
  let error: unknown;
  try {
    normalizeBankAccount(raw);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe('INVALID_BANK_ACCOUNT');
  expect((error as BadInputError).message).toContain(messagePart);
  return error as BadInputError;
}

describe('normalizeBankAccount', () => {
  it.each([
    ['6228480402564890018', '6228480402564890018'],
    ['6228 4804 0256 4890 018', '6228480402564890018'],
    [' 6228 4804 0256 4890 018 ', '6228480402564890018'],
    ['123456789012', '123456789012'],
    ['1'.repeat(30), '1'.repeat(30)],
  ])('normalises %p', (raw, account) => {
    expect(normalizeBankAccount(raw)).toBe(account);
  });

  it.each([
    ['12345678901', 'got 11 digits'],
    ['1'.repeat(31), 'got 31 digits'],
    ['', 'got 0 digits'],
    ['6228-4804-0256-4890', 'characters other than digits'],
    ['6228\t480402564890018', 'characters other than digits'],
    ['622848040256489001X', 'characters other than digits'],
  ])('rejects %p (%s)', (raw, reason) => {
    expectInvalid(raw, reason);
  });

  it('does not echo the number in messages', () => {
    expect(expectInvalid('6228-4804-0256-4890', 'digits').message).not.toContain('6228');
  });

  it('rejects a non-string', () => {
    expectInvalid(622848040256 as unknown as string, 'got 0 digits');
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6228480402564890018', '6228 **** **** 0018'],
    ['6228 4804 0256 4890 018', '6228 **** **** 0018'],
    ['6228480402566789', '6228 **** **** 6789'],
    ['123456789', '1234 **** **** 6789'],
    ['12345678', '****'],
    ['', '****'],
  ])('masks %p as %p', (account, masked) => {
    expect(maskBankAccount(account)).toBe(masked);
  });
});
