import { CommonErrorCode } from '@mla/core';
import { GuaranteeErrorCode } from '@mla/guarantee-funds';
import { ERROR_CODES } from './error-codes';

describe('ERROR_CODES', () => {
  it('holds every context’s codes once, sorted', () => {
    expect(ERROR_CODES).toContain(CommonErrorCode.NOT_FOUND);
    expect(ERROR_CODES).toContain(GuaranteeErrorCode.CAPACITY_EXCEEDED);
    expect(ERROR_CODES).toContain('PAYLOAD_TOO_LARGE');
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect([...ERROR_CODES].sort()).toEqual(ERROR_CODES);
    expect(ERROR_CODES.every((code) => /^[A-Z][A-Z0-9_]*$/.test(code))).toBe(true);
  });
});
