import { ancestorsOf, BadInputError, isAncestorOrSelf, isValidRegionCode, parseRegionCode } from '@mla/core';

function expectInvalid(fn: () => unknown, messagePart: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe('INVALID_REGION_CODE');
  expect((error as BadInputError).message).toContain(messagePart);
}

describe('parseRegionCode', () => {
  it.each([
    ['110000', 'province', '110000', null, null, null],
    ['110100', 'city', '110000', '110100', null, null],
    ['110105', 'county', '110000', '110100', '110105', null],
    ['429004', 'county', '420000', '429000', '429004', null],
    ['110105001', 'township', '110000', '110100', '110105', '110105001'],
    ['110105001001', 'village', '110000', '110100', '110105', '110105001'],
    ['110105000', 'county', '110000', '110100', '110105', null],
    ['110105001000', 'township', '110000', '110100', '110105', '110105001'],
    ['110000000000', 'province', '110000', null, null, null],
  ])('%s is a %s', (code, level, provinceCode, cityCode, countyCode, townshipCode) => {
    expect(parseRegionCode(code)).toEqual({ code, level, provinceCode, cityCode, countyCode, townshipCode });
    expect(isValidRegionCode(code)).toBe(true);
  });

  it.each([
    ['11010', 'expected 6 (county), 9 (township) or 12 (village) digits'],
    ['1101050', 'expected 6'],
    ['1101050010', 'expected 6'],
    ['1101050010011', 'expected 6'],
    ['11010a', 'expected 6'],
    [' 110105', 'expected 6'],
    ['', 'expected 6'],
    ['000000', 'province block 00 does not exist'],
    ['000000000000', 'province block 00 does not exist'],
    ['110005', 'a city block of zeros is followed by non-zero digits'],
    ['110105000001', 'a township block of zeros is followed by non-zero digits'],
    ['000105', 'a province block of zeros'],
  ])('rejects %p (%s)', (code, reason) => {
    expectInvalid(() => parseRegionCode(code), reason);
    expectInvalid(() => parseRegionCode(code), `"${code}"`);
    expect(isValidRegionCode(code)).toBe(false);
  });

  it('rejects a non-string', () => {
    expectInvalid(() => parseRegionCode(110105 as unknown as string), '"110105"');
  });
});

describe('isAncestorOrSelf', () => {
  it.each([
    ['110000', '110105', true],
    ['110000', '110105001', true],
    ['110000', '110105001001', true],
    ['110100', '110105', true],
    ['110105', '110105001', true],
    ['110105', '110105', true],
    ['110105001', '110105001002', true],
    ['110105000', '110105', true],
    ['110105001000', '110105001', true],
    ['110000', '120101', false],
    ['110100', '110200', false],
    ['110105', '110106001', false],
    ['110105', '110100', false],
    ['110105001', '110105', false],
    ['110105001', '110105002001', false],
    ['110000', '110000', true],
  ])('%s contains %s: %p', (ancestor, descendant, expected) => {
    expect(isAncestorOrSelf(ancestor, descendant)).toBe(expected);
  });

  it('rejects invalid codes on either side', () => {
    expectInvalid(() => isAncestorOrSelf('11', '110105'), '"11"');
    expectInvalid(() => isAncestorOrSelf('110000', '110005'), '"110005"');
  });
});

describe('ancestorsOf', () => {
  it.each([
    ['110000', []],
    ['110100', ['110000']],
    ['110105', ['110000', '110100']],
    ['110105001', ['110000', '110100', '110105']],
    ['110105001001', ['110000', '110100', '110105', '110105001']],
    ['110105001000', ['110000', '110100', '110105']],
  ])('of %s: %j', (code, ancestors) => {
    expect(ancestorsOf(code)).toEqual(ancestors);
    for (const ancestor of ancestors) expect(isAncestorOrSelf(ancestor, code)).toBe(true);
  });

  it('rejects an invalid code', () => {
    expectInvalid(() => ancestorsOf('abc'), '"abc"');
  });
});
