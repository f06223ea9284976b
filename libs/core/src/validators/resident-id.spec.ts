import fc from 'fast-check';
import {
  BadInputError,
  isValidResidentId,
  LocalDate,
  maskResidentId,
  parseResidentId,
  residentIdCheckCharacter,
} from '@mla/core';

// Computed here independently of the implementation (GB 11643-1999: weight_i = 2^(17 - i) mod 11).
function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  return '10X98765432'[sum % 11];
}
const withCheck = (first17: string) => first17 + checkCharacter(first17);

function expectInvalid(raw: string, messagePart: string, today?: LocalDate): BadInputError {
  let error: unknown;
  try {
    parseResidentId(raw, today);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe('INVALID_RESIDENT_ID');
  expect((error as BadInputError).message).toContain(messagePart);
  return error as BadInputError;
}

describe('parseResidentId', () => {
  it('accepts the classic example with check character X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    const info = parseResidentId('11010519491231002X');
    expect(info.normalized).toBe('11010519491231002X');
    expect(info.regionCode).toBe('110105');
    expect(info.birthDate.toString()).toBe('1949-12-31');
    expect(info.sex).toBe('F');
  });

  it('upper-cases a lower-case x', () => {
    expect(parseResidentId('11010519491231002x').normalized).toBe('11010519491231002X');
  });

  it('reads the sex from digit 17 (even = female)', () => {
    expect(parseResidentId(withCheck('44030619850615123')).sex).toBe('M');
    expect(parseResidentId(withCheck('44030619850615124')).sex).toBe('F');
    expect(parseResidentId(withCheck('44030619850615120')).sex).toBe('F');
  });

  it('accepts a 29 February birth date in a leap year', () => {
    expect(parseResidentId(withCheck('32010220000229031')).birthDate.toString()).toBe('2000-02-29');
  });

  it('accepts IDs with every check character', () => {
    const seen = new Set<string>();
    for (let serial = 0; serial < 1000 && seen.size < 11; serial++) {
      const id = withCheck(`51010219900101${String(serial).padStart(3, '0')}`);
      expect(parseResidentId(id).normalized).toBe(id);
      seen.add(id[17]);
    }
    expect(seen.size).toBe(11);
  });

  it.each([
    ['', 'got 0'],
    ['11010519491231002', 'got 17'],
    ['11010519491231002X1', 'got 19'],
    ['110105491231002', 'got 15'],
  ])('rejects %p: must be 18 characters', (raw, part) => {
    expectInvalid(raw, 'must be 18 characters');
    expectInvalid(raw, part);
  });

  it.each([
    [' 1010519491231002X', 'character 1 (" ") must be a digit'],
    ['1101051949123100 X', 'character 17 (" ") must be a digit'],
    ['X1010519491231002X', 'character 1 ("X") must be a digit'],
    ['110105194912310x2X', 'character 16 ("x") must be a digit'],
    ['11010519491231002Y', 'character 18 ("Y") must be a digit or X'],
    ['１10105194912310020', 'character 1 ("１") must be a digit'],
  ])('rejects %p: %s', (raw, part) => {
    expectInvalid(raw, part);
  });

  it.each([
    ['11010519490229001', '19490229'],
    ['11010519491301001', '19491301'],
    ['11010519490000001', '19490000'],
    ['11010500000101001', '00000101'],
  ])('rejects the impossible birth date in %s', (first17, digits) => {
    expectInvalid(withCheck(first17), `birth date ${digits} (characters 7–14) is not a real date`);
  });

  it('rejects a birth date after today, when today is given', () => {
    const id = withCheck('11010520240321001');
    const today = LocalDate.parse('2024-03-20');
    expectInvalid(id, 'birth date 2024-03-21 is in the future', today);
    expect(parseResidentId(id, LocalDate.parse('2024-03-21')).birthDate.toString()).toBe('2024-03-21');
    expect(parseResidentId(id).normalized).toBe(id);
  });

  it('rejects a wrong check character and says which was expected', () => {
    expectInvalid('110105194912310021', 'check character is 1, expected X');
    expectInvalid('11010519491231003X', `check character is X, expected ${checkCharacter('11010519491231003')}`);
  });

  it('does not echo the whole number in messages', () => {
    expect(expectInvalid('110105194912310021', 'check character').message).not.toContain('110105194912310021');
  });

  it('rejects a non-string', () => {
    expectInvalid(11010519491231 as unknown as string, 'not a string');
  });
});

describe('residentIdCheckCharacter', () => {
  it('agrees with the independent computation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(residentIdCheckCharacter(first17)).toBe(checkCharacter(first17));
      }),
      { numRuns: 500 },
    );
  });

  it.each(['1101051949123100', '1101051949123100X', '110105194912310021'])('rejects %p', (input) => {
    expect(() => residentIdCheckCharacter(input)).toThrow(BadInputError);
  });
});

describe('isValidResidentId', () => {
  it('tells valid from invalid', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('11010519491231002X ')).toBe(false);
    expect(isValidResidentId(withCheck('11010520240321001'), LocalDate.parse('2024-03-20'))).toBe(false);
  });

  it('finds every single-digit typo', () => {
    const id = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === id[i]) continue;
        expect(isValidResidentId(id.slice(0, i) + digit + id.slice(i + 1))).toBe(false);
      }
    }
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('masks other lengths without throwing', () => {
    expect(maskResidentId('110105491231002')).toBe('110105*****1002');
    expect(maskResidentId('1234567890')).toBe('**********');
    expect(maskResidentId('')).toBe('');
  });
});
