import fc from 'fast-check';
import { BadInputError, creditCodeCheckCharacter, isValidCreditCode, parseCreditCode } from '@mla/core';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Computed here independently of the implementation: weights 3^i mod 31, check = (31 − sum mod 31) mod 31.
function checkCharacter(first17: string): string {
  let weight = 1;
  let sum = 0;
  for (const c of first17) {
    sum += CHARSET.indexOf(c) * weight;
    weight = (weight * 3) % 31;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

function expectInvalid(raw: string, messagePart: string): void {
  let error: unknown;
  try {
    parseCreditCode(raw);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe('INVALID_CREDIT_CODE');
  expect((error as BadInputError).message).toContain(messagePart);
}

describe('parseCreditCode', () => {
  it('parses the reference code', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      normalized: '91350100M000100Y43',
      registrationAuthority: '9',
      category: '1',
      regionCode: '350100',
    });
  });

  it.each(['9144030071526726XG', '91330100716105852F', '91110000802100433B'])(
    'accepts the published code %s',
    (code) => {
      expect(parseCreditCode(code).normalized).toBe(code);
    },
  );

  it('upper-cases its input', () => {
    expect(parseCreditCode('91350100m000100y43').normalized).toBe('91350100M000100Y43');
    expect(parseCreditCode('9144030071526726xg').regionCode).toBe('440300');
  });

  it('accepts a code whose check value is 31 → 0', () => {
    let serial = 0;
    const body = () => `9244010${String(serial).padStart(10, '0')}`;
    while (checkCharacter(body()) !== '0') serial++;
    const first17 = body();
    expect(parseCreditCode(`${first17}0`).normalized).toBe(`${first17}0`);
  });

  it.each([
    ['', 'got 0'],
    ['91350100M000100Y4', 'got 17'],
    ['91350100M000100Y431', 'got 19'],
    ['M000100Y4', 'got 9'],
  ])('rejects %p: must be 18 characters', (raw, part) => {
    expectInvalid(raw, 'must be 18 characters');
    expectInvalid(raw, part);
  });

  it.each(['I', 'O', 'S', 'V', 'Z', 'i', '-', ' ', '*'])('rejects the character %p', (c) => {
    const raw = `91350100M${c}00100Y43`;
    expectInvalid(raw, `character 10 ("${c}") is not one of ${CHARSET}`);
    expectInvalid(raw, `"${raw}"`);
  });

  it('rejects a wrong check character and says which was expected', () => {
    expectInvalid('91350100M000100Y44', 'check character is 4, expected 3');
    expectInvalid('91350100M000100Y44', '"91350100M000100Y44"');
  });

  it('can skip the check character for an audited override, but not the rest', () => {
    expect(parseCreditCode('91350100M000100Y44', { ignoreCheckCharacter: true }).normalized).toBe('91350100M000100Y44');
    expect(() => parseCreditCode('91350100M000100YI4', { ignoreCheckCharacter: true })).toThrow(BadInputError);
  });

  it('rejects a non-string', () => {
    expectInvalid(42 as unknown as string, 'not a string');
  });
});

describe('creditCodeCheckCharacter', () => {
  it('agrees with the independent computation', () => {
    const first17 = fc.array(fc.constantFrom(...CHARSET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(first17, (body) => {
        expect(creditCodeCheckCharacter(body)).toBe(checkCharacter(body));
        expect(isValidCreditCode(body + checkCharacter(body))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it.each(['91350100M000100Y', '91350100M000100YI', '91350100M000100Y43'])('rejects %p', (input) => {
    expect(() => creditCodeCheckCharacter(input)).toThrow(BadInputError);
  });
});

describe('isValidCreditCode', () => {
  it('tells valid from invalid', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode(' 91350100M000100Y43')).toBe(false);
  });

  it('finds every single-character substitution', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of CHARSET) {
        if (c === code[i]) continue;
        expect(isValidCreditCode(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
      }
    }
  });
});
