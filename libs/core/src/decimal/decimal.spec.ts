import fc from 'fast-check';
import { BadInputError, Decimal, type RoundingMode, ROUNDING_MODES } from '@mla/core';

const d = (v: string | number | bigint) => Decimal.of(v);

function expectBadInput(fn: () => unknown, code: string, messagePart?: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BadInputError);
  expect((error as BadInputError).code).toBe(code);
  if (messagePart !== undefined) expect((error as BadInputError).message).toContain(messagePart);
}

describe('Decimal.of', () => {
  it.each([
    ['4.95', '4.95', 495n, 2],
    ['-0.015', '-0.015', -15n, 3],
    ['3', '3', 3n, 0],
    ['1.50', '1.50', 150n, 2],
    ['0', '0', 0n, 0],
    ['-0', '0', 0n, 0],
    ['-0.00', '0.00', 0n, 2],
    ['007.10', '7.10', 710n, 2],
    [
      '123456789012345678901234567890.123456789',
      '123456789012345678901234567890.123456789',
      123456789012345678901234567890123456789n,
      9,
    ],
  ])('parses %p as %p', (input, text, mantissa, scale) => {
    const value = d(input);
    expect(value.toString()).toBe(text);
    expect(value.mantissa).toBe(mantissa);
    expect(value.scale).toBe(scale);
  });

  it('takes bigints and safe integers', () => {
    expect(d(12345678901234567890n).toString()).toBe('12345678901234567890');
    expect(d(-42).toString()).toBe('-42');
    expect(d(Number.MAX_SAFE_INTEGER).toString()).toBe('9007199254740991');
    expect(d(-0).toString()).toBe('0');
  });

  it('returns a Decimal unchanged', () => {
    const value = d('1.5');
    expect(Decimal.of(value)).toBe(value);
  });

  it.each([1.5, 0.1, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %p', (n) => {
    expectBadInput(() => Decimal.of(n), 'INVALID_DECIMAL', String(n));
  });

  it.each(['1e5', '', ' 1', '1 ', '1.', '.5', 'abc', '+1', '--1', '1,000', '0x10', '1.2.3', 'NaN', 'Infinity', '١'])(
    'rejects the string %p',
    (s) => {
      expectBadInput(() => Decimal.of(s), 'INVALID_DECIMAL', `"${s}"`);
    },
  );

  it('rejects values that are not strings, numbers or bigints', () => {
    expectBadInput(() => Decimal.of(null as unknown as string), 'INVALID_DECIMAL', 'null');
  });

  it('has ZERO and ONE', () => {
    expect(Decimal.ZERO.toString()).toBe('0');
    expect(Decimal.ONE.toString()).toBe('1');
  });
});

describe('exact arithmetic', () => {
  it('adds and subtracts exactly at the larger scale', () => {
    expect(d('0.1').add('0.2').toString()).toBe('0.3');
    expect(d('1.50').add('2').toString()).toBe('3.50');
    expect(d('1').sub('0.001').toString()).toBe('0.999');
    expect(d('-1.5').sub('-1.5').toString()).toBe('0.0');
    expect(d('5').add(3n).add(2).toString()).toBe('10');
  });

  it('multiplies exactly, adding the scales', () => {
    expect(d('1.5').mul('1.5').toString()).toBe('2.25');
    expect(d('0.0495').mul(71).toString()).toBe('3.5145');
    expect(d('-0.10').mul('0.3').toString()).toBe('-0.030');
    expect(d('123456789.123456789').mul('987654321.987654321').toString()).toBe(
      '121932631356500531.347203169112635269',
    );
  });

  it('sums a list, 0 when empty', () => {
    expect(Decimal.sum([]).toString()).toBe('0');
    expect(Decimal.sum(['0.1', '0.2', 3n, 4, d('-0.05')]).toString()).toBe('7.25');
  });

  it('negates and takes absolute values', () => {
    expect(d('1.20').neg().toString()).toBe('-1.20');
    expect(d('-1.20').neg().toString()).toBe('1.20');
    expect(d('0').neg().toString()).toBe('0');
    expect(d('-3.5').abs().toString()).toBe('3.5');
    expect(d('3.5').abs().toString()).toBe('3.5');
  });

  it('strips trailing zeros', () => {
    expect(d('4.9500').stripTrailingZeros().toString()).toBe('4.95');
    expect(d('2.00').stripTrailingZeros().toString()).toBe('2');
    expect(d('100').stripTrailingZeros().toString()).toBe('100');
    expect(d('0.000').stripTrailingZeros().toString()).toBe('0');
  });

  it('keeps (a + b) - b = a and a × b / b = a for any values', () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
      .map(([m, s]) => d(m).div(10n ** BigInt(s), s));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(a.add(b).sub(b).eq(a)).toBe(true);
        if (!b.isZero()) expect(a.mul(b).div(b, a.scale).eq(a)).toBe(true);
      }),
    );
  });
});

describe('div', () => {
  it('divides to the requested scale', () => {
    expect(d('1').div('3', 4).toString()).toBe('0.3333');
    expect(d('2').div('3', 4).toString()).toBe('0.6667');
    expect(d('10').div('4', 0).toString()).toBe('3');
    expect(d('10').div('4', 3).toString()).toBe('2.500');
    expect(d('0.0495').div('360', 10).toString()).toBe('0.0001375000');
    expect(d('-7').div('2', 0).toString()).toBe('-4');
    expect(d('7').div('-2', 0).toString()).toBe('-4');
    expect(d('-7').div('-2', 0).toString()).toBe('4');
    expect(d('1.000').div('0.001', 0).toString()).toBe('1000');
  });

  it('rounds a chain principal × rate × days / 360 once, at the end', () => {
    expect(d('200000').mul('0.0495').mul(71).div(360, 2).toString()).toBe('1952.50');
    expect(d('80000').mul('0.0435').mul(68).div(360, 2).toString()).toBe('657.33');
    // Rounding the daily interest first would give 9.67 × 68 = 657.56.
    expect(d('80000').mul('0.0435').div(360, 2).mul(68).toString()).toBe('657.56');
  });

  it('rejects division by zero', () => {
    expectBadInput(() => d('1').div('0', 2), 'DIVISION_BY_ZERO', '1');
    expectBadInput(() => d('1').div('0.00', 2), 'DIVISION_BY_ZERO');
  });

  it.each([-1, 1.5, 101, Number.NaN])('rejects the scale %p', (scale) => {
    expectBadInput(() => d('1').div('3', scale), 'INVALID_SCALE', String(scale));
    expectBadInput(() => d('1').round(scale), 'INVALID_SCALE');
  });
});

describe('rounding modes', () => {
  // The classic table from java.math.RoundingMode, rounding to an integer.
  const inputs = ['5.5', '2.5', '1.6', '1.1', '1.0', '-1.0', '-1.1', '-1.6', '-2.5', '-5.5'];
  const expected: Record<RoundingMode, string[]> = {
    UP: ['6', '3', '2', '2', '1', '-1', '-2', '-2', '-3', '-6'],
    DOWN: ['5', '2', '1', '1', '1', '-1', '-1', '-1', '-2', '-5'],
    CEILING: ['6', '3', '2', '2', '1', '-1', '-1', '-1', '-2', '-5'],
    FLOOR: ['5', '2', '1', '1', '1', '-1', '-2', '-2', '-3', '-6'],
    HALF_UP: ['6', '3', '2', '1', '1', '-1', '-1', '-2', '-3', '-6'],
    HALF_EVEN: ['6', '2', '2', '1', '1', '-1', '-1', '-2', '-2', '-6'],
  };
  const cases = ROUNDING_MODES.flatMap((mode) => inputs.map((input, i) => [mode, input, expected[mode][i]] as const));

  it.each(cases)('%s rounds %s to %s', (mode, input, result) => {
    expect(d(input).round(0, mode).toString()).toBe(result);
    expect(d(input).toFixed(0, mode)).toBe(result);
    // The same through division: input × 10 / 10.
    expect(d(input).mul(10).div(10, 0, mode).toString()).toBe(result);
  });

  it.each([
    ['1.005', 'HALF_UP', '1.01'],
    ['1.005', 'HALF_EVEN', '1.00'],
    ['1.015', 'HALF_EVEN', '1.02'],
    ['-1.005', 'HALF_UP', '-1.01'],
    ['-1.005', 'HALF_EVEN', '-1.00'],
    ['-1.015', 'HALF_EVEN', '-1.02'],
    ['1.0051', 'HALF_EVEN', '1.01'],
    ['1.0049', 'HALF_UP', '1.00'],
    ['1.001', 'UP', '1.01'],
    ['-1.001', 'UP', '-1.01'],
    ['1.009', 'DOWN', '1.00'],
    ['-1.009', 'DOWN', '-1.00'],
    ['-1.001', 'FLOOR', '-1.01'],
    ['1.001', 'CEILING', '1.01'],
    ['-1.009', 'CEILING', '-1.00'],
    ['0.004', 'HALF_UP', '0.00'],
    ['-0.005', 'HALF_UP', '-0.01'],
  ] as const)('rounds %s with %s to 2 decimals: %s', (input, mode, result) => {
    expect(d(input).toFixed(2, mode)).toBe(result);
  });

  it('defaults to HALF_UP', () => {
    expect(d('2.5').round(0).toString()).toBe('3');
    expect(d('-2.5').toFixed(0)).toBe('-3');
    expect(d('5').div('2', 0).toString()).toBe('3');
  });

  it('pads when the target scale is larger', () => {
    expect(d('1.5').round(4).toString()).toBe('1.5000');
    expect(d('-2').toFixed(2)).toBe('-2.00');
  });

  it('rejects an unknown mode', () => {
    expectBadInput(() => d('1.5').round(0, 'HALF_DOWN' as RoundingMode), 'INVALID_ROUNDING_MODE', 'HALF_DOWN');
    expectBadInput(() => d('1').div('2', 0, 'X' as RoundingMode), 'INVALID_ROUNDING_MODE');
    // Also when nothing needs rounding, so a bad configuration fails early.
    expectBadInput(() => d('1').round(0, 'X' as RoundingMode), 'INVALID_ROUNDING_MODE');
  });

  it('stays within one unit in the last place, in the direction each mode promises', () => {
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
      .map(([m, s]) => d(m).div(10n ** BigInt(s), s));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (x, scale) => {
        const ulp = d(1).div(10n ** BigInt(scale), scale);
        const half = ulp.div(2, scale + 1);
        const r = (mode: RoundingMode) => x.round(scale, mode);
        expect(r('FLOOR').lte(x) && r('CEILING').gte(x)).toBe(true);
        expect(r('CEILING').sub(r('FLOOR')).lte(ulp)).toBe(true);
        expect(r('DOWN').abs().lte(x.abs()) && r('UP').abs().gte(x.abs())).toBe(true);
        for (const mode of ['HALF_UP', 'HALF_EVEN'] as const) expect(r(mode).sub(x).abs().lte(half)).toBe(true);
      }),
    );
  });
});

describe('comparison', () => {
  it('compares numerically across scales', () => {
    expect(d('1.50').cmp('1.5')).toBe(0);
    expect(d('1.50').eq('1.5')).toBe(true);
    expect(d('1.49').cmp('1.5')).toBe(-1);
    expect(d('-1').cmp('-2')).toBe(1);
    expect(d('2').lt('2.01')).toBe(true);
    expect(d('2').lte('2.00')).toBe(true);
    expect(d('2').lte('1.99')).toBe(false);
    expect(d('2.01').gt('2')).toBe(true);
    expect(d('2').gte('2.000')).toBe(true);
    expect(d('2').gte('2.001')).toBe(false);
    expect(d('0.1').eq(0)).toBe(false);
  });

  it('tells the sign', () => {
    expect(d('0.00').isZero()).toBe(true);
    expect(d('-0.01').isZero()).toBe(false);
    expect(d('-0.01').isNegative()).toBe(true);
    expect(d('0').isNegative()).toBe(false);
    expect(d('0.01').isPositive()).toBe(true);
    expect(d('0').isPositive()).toBe(false);
  });
});

describe('formatting', () => {
  it.each([
    ['0.05', '0.05'],
    ['-0.05', '-0.05'],
    ['-0.015', '-0.015'],
    ['100', '100'],
    ['1.50', '1.50'],
    ['-100.000', '-100.000'],
  ])('prints %p as %p', (input, text) => {
    expect(d(input).toString()).toBe(text);
    expect(String(d(input))).toBe(text);
  });

  it('serialises to JSON as a string', () => {
    expect(JSON.stringify({ rate: d('0.0495'), amount: d('1.50') })).toBe('{"rate":"0.0495","amount":"1.50"}');
  });
});
