import fc from 'fast-check';
import { BadInputError, Decimal, MAX_FEN, MIN_FEN, Money } from '@mla/core';

const yuan = (v: string) => Money.ofYuan(v);
const texts = (list: Money[]) => list.map((m) => m.toString());

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

describe('construction', () => {
  it.each([
    [123456n, 123456n],
    [-5, -5n],
    [0, 0n],
    ['123456', 123456n],
    ['-310', -310n],
    ['0012', 12n],
    ['-0', 0n],
    [Number.MAX_SAFE_INTEGER, 9007199254740991n],
  ])('ofFen(%p) holds %p fen', (input, fen) => {
    expect(Money.ofFen(input).fen).toBe(fen);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('ofFen rejects the number %p', (n) => {
    expectBadInput(() => Money.ofFen(n), 'INVALID_MONEY', String(n));
  });

  it.each(['1.5', '', ' 1', '1 ', '1e3', '+1', '--1', 'abc', '1,000'])('ofFen rejects the string %p', (s) => {
    expectBadInput(() => Money.ofFen(s), 'INVALID_MONEY', `"${s}"`);
  });

  it.each([
    ['1234.56', 123456n],
    ['1234.5', 123450n],
    ['1234', 123400n],
    ['-3.10', -310n],
    ['0.05', 5n],
    ['-0.05', -5n],
    ['1,234.56', 123456n],
    ['1,234,567.8', 123456780n],
    ['200,000', 20000000n],
    ['0', 0n],
    ['-0.00', 0n],
    ['92233720368547758.07', MAX_FEN],
    ['-92233720368547758.07', MIN_FEN],
  ])('ofYuan(%p) holds %p fen', (input, fen) => {
    expect(yuan(input).fen).toBe(fen);
  });

  it.each(['1.234', '0.001', '-1,234.567'])('ofYuan rejects more than 2 decimals in %p', (s) => {
    expectBadInput(() => yuan(s), 'INVALID_MONEY', 'more than 2 decimal places');
    expectBadInput(() => yuan(s), 'INVALID_MONEY', s);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1.',
    '.5',
    'abc',
    '¥1',
    '1e3',
    '+1',
    '--1',
    '1,23.00',
    '1,2345',
    ',123',
    '12,34',
    '1,234,56',
    '1234,567',
    '1,234.5.6',
  ])('ofYuan rejects %p', (s) => {
    expectBadInput(() => yuan(s), 'INVALID_MONEY', `"${s}"`);
  });

  it('ofYuan rejects a non-string', () => {
    expectBadInput(() => Money.ofYuan(12 as unknown as string), 'INVALID_MONEY', '12');
  });

  it('stays within the PostgreSQL bigint range', () => {
    expect(Money.ofFen(MAX_FEN).fen).toBe(9223372036854775807n);
    expect(Money.ofFen(MIN_FEN).fen).toBe(-9223372036854775807n);
    expectBadInput(() => Money.ofFen(MAX_FEN + 1n), 'MONEY_OVERFLOW', '9223372036854775808');
    expectBadInput(() => Money.ofFen('-9223372036854775808'), 'MONEY_OVERFLOW');
    expectBadInput(() => yuan('92233720368547758.08'), 'MONEY_OVERFLOW');
    expectBadInput(() => Money.ofFen(MAX_FEN).add(Money.ofFen(1)), 'MONEY_OVERFLOW');
    expectBadInput(() => Money.ofFen(MIN_FEN).subtract(Money.ofFen(1)), 'MONEY_OVERFLOW');
    expectBadInput(() => Money.ofFen(MAX_FEN).multiplyBy(2), 'MONEY_OVERFLOW');
    expect(Money.ofFen(MIN_FEN).negate().fen).toBe(MAX_FEN);
  });

  it('has a zero', () => {
    expect(Money.zero().fen).toBe(0n);
    expect(Money.zero().isZero()).toBe(true);
  });
});

describe('arithmetic and comparison', () => {
  it('adds, subtracts, negates and takes absolute values', () => {
    expect(yuan('0.10').add(yuan('0.20')).toString()).toBe('0.30');
    expect(yuan('1.00').subtract(yuan('1.01')).toString()).toBe('-0.01');
    expect(yuan('5').negate().toString()).toBe('-5.00');
    expect(yuan('-5').negate().toString()).toBe('5.00');
    expect(yuan('-5').abs().toString()).toBe('5.00');
    expect(yuan('5').abs().toString()).toBe('5.00');
  });

  it('sums, 0 for an empty list', () => {
    expect(Money.sum([]).toString()).toBe('0.00');
    expect(Money.sum([yuan('1.01'), yuan('2.02'), yuan('-0.03')]).toString()).toBe('3.00');
  });

  it('picks min and max', () => {
    expect(Money.min(yuan('3'), yuan('-1'), yuan('2')).toString()).toBe('-1.00');
    expect(Money.max(yuan('3'), yuan('-1'), yuan('2')).toString()).toBe('3.00');
    expect(Money.min(yuan('7')).toString()).toBe('7.00');
  });

  it('compares', () => {
    const [a, b] = [yuan('1.00'), yuan('1.01')];
    expect(a.cmp(b)).toBe(-1);
    expect(b.cmp(a)).toBe(1);
    expect(a.cmp(yuan('1'))).toBe(0);
    expect(a.eq(yuan('1'))).toBe(true);
    expect(a.eq(b)).toBe(false);
    expect(a.lt(b) && a.lte(b) && a.lte(a)).toBe(true);
    expect(b.lt(a) || b.lte(a)).toBe(false);
    expect(b.gt(a) && b.gte(a) && b.gte(b)).toBe(true);
    expect(a.gt(b) || a.gte(b)).toBe(false);
  });

  it('tells the sign', () => {
    expect(yuan('-0.01').isNegative()).toBe(true);
    expect(yuan('-0.01').isPositive()).toBe(false);
    expect(yuan('0.01').isPositive()).toBe(true);
    expect(yuan('0').isNegative() || yuan('0').isPositive()).toBe(false);
    expect(yuan('0.01').isZero()).toBe(false);
  });
});

describe('multiplication', () => {
  it('multiplies by a rate and rounds once to the fen', () => {
    expect(yuan('1952.50').multiplyByRate('0.5').toString()).toBe('976.25');
    expect(yuan('2530.00').multiplyByRate(Decimal.of('0.5')).toString()).toBe('1265.00');
    expect(yuan('0.05').multiplyByRate('0.5').toString()).toBe('0.03');
    expect(yuan('0.05').multiplyByRate('0.5', 'HALF_EVEN').toString()).toBe('0.02');
    expect(yuan('0.05').multiplyByRate('0.5', 'DOWN').toString()).toBe('0.02');
    expect(yuan('-0.05').multiplyByRate('0.5').toString()).toBe('-0.03');
    expect(yuan('-0.05').multiplyByRate('0.5', 'FLOOR').toString()).toBe('-0.03');
    expect(yuan('-0.05').multiplyByRate('0.5', 'CEILING').toString()).toBe('-0.02');
    expect(yuan('100').multiplyByRate('0.000049').toString()).toBe('0.00');
  });

  it('multiplies by any factor', () => {
    expect(yuan('1.01').multiplyBy(3).toString()).toBe('3.03');
    expect(yuan('1.01').multiplyBy(3n).toString()).toBe('3.03');
    expect(yuan('10.00').multiplyBy('0.333').toString()).toBe('3.33');
    expect(yuan('10.00').multiplyBy('0.3333', 'UP').toString()).toBe('3.34');
    expect(yuan('10.00').multiplyBy(-1).toString()).toBe('-10.00');
  });

  it('rejects a bad factor', () => {
    expectBadInput(() => yuan('1').multiplyBy('1%'), 'INVALID_DECIMAL', '1%');
    expectBadInput(() => yuan('1').multiplyBy(0.5), 'INVALID_DECIMAL', '0.5');
  });
});

describe('Money.interest (one rounding at the end)', () => {
  it.each([
    // DOMAIN.md worked example and reference case D, Act/360
    ['200000', '0.0495', 71, '1952.50'],
    ['200000', '0.0495', 92, '2530.00'],
    ['200000', '0.03', 71, '1183.33'],
    ['200000', '0.03', 92, '1533.33'],
    ['200000', '0.0195', 71, '769.17'],
    ['200000', '0.0195', 92, '996.67'],
    // reference case C
    ['80000', '0.0435', 68, '657.33'],
    ['80000', '0.0435', 91, '879.67'],
    ['80000', '0.0435', 90, '870.00'],
    ['80000', '0.0435', 92, '889.33'],
    ['80000', '0.0435', 24, '232.00'],
    ['80000', '0.0435', 0, '0.00'],
  ])('%s at %s for %i days / 360 = %s', (principal, rate, days, interest) => {
    expect(Money.interest(yuan(principal), rate, days, 360).toString()).toBe(interest);
  });

  it('uses the basis and mode given', () => {
    expect(Money.interest(yuan('80000'), '0.0435', 68, 365).toString()).toBe('648.33');
    expect(Money.interest(yuan('80000'), Decimal.of('0.0435'), 68, 360, 'DOWN').toString()).toBe('657.33');
    expect(Money.interest(yuan('80000'), '0.0435', 91, 360, 'DOWN').toString()).toBe('879.66');
    expect(Money.interest(yuan('-80000'), '0.0435', 91, 360).toString()).toBe('-879.67');
  });

  it.each([-1, 1.5, Number.NaN])('rejects %p days', (days) => {
    expectBadInput(() => Money.interest(yuan('1'), '0.01', days, 360), 'INVALID_DAYS', String(days));
  });

  it.each([0, -360, 360.5])('rejects the basis %p', (basis) => {
    expectBadInput(() => Money.interest(yuan('1'), '0.01', 1, basis), 'INVALID_DAY_BASIS', String(basis));
  });

  it('rejects a malformed rate', () => {
    expectBadInput(() => Money.interest(yuan('1'), '4.95%', 1, 360), 'INVALID_DECIMAL', '4.95%');
  });
});

describe('allocation', () => {
  it.each([
    ['100.00', [1, 1, 1], ['33.34', '33.33', '33.33']],
    ['0.05', [1, 1, 1], ['0.02', '0.02', '0.01']],
    ['0.02', [1, 1, 1], ['0.01', '0.01', '0.00']],
    ['100.01', [80, 20], ['80.01', '20.00']],
    ['1000.03', [80, 20], ['800.02', '200.01']],
    ['0.10', [1, 2], ['0.03', '0.07']],
    ['0.03', [0, 1, 1], ['0.00', '0.02', '0.01']],
    ['10.00', ['0.5', '0.25', '0.25'], ['5.00', '2.50', '2.50']],
    ['0.01', [75, 10, 15], ['0.01', '0.00', '0.00']],
    ['0.01', [10, 75, 15], ['0.00', '0.01', '0.00']],
    ['1.00', [1], ['1.00']],
    ['0.00', [1, 2], ['0.00', '0.00']],
    ['-100.00', [1, 1, 1], ['-33.34', '-33.33', '-33.33']],
    ['-100.01', [80, 20], ['-80.01', '-20.00']],
  ] as const)('%s by %j → %j', (amount, ratios, parts) => {
    expect(texts(yuan(amount).allocate(ratios))).toEqual(parts);
  });

  it('takes bigint, string and Decimal ratios of mixed scales', () => {
    expect(texts(yuan('1.00').allocate([1n, '1.5', Decimal.of('0.50')]))).toEqual(['0.33', '0.50', '0.17']);
  });

  it('rejects bad ratios', () => {
    expectBadInput(() => yuan('1').allocate([]), 'INVALID_ALLOCATION', 'at least one');
    expectBadInput(() => yuan('1').allocate([1, -2]), 'INVALID_ALLOCATION', '-2');
    expectBadInput(() => yuan('1').allocate([0, '0.00']), 'INVALID_ALLOCATION', 'all be zero');
    expectBadInput(() => yuan('1').allocate(['abc']), 'INVALID_DECIMAL', 'abc');
    expectBadInput(() => yuan('1').allocate([0.5]), 'INVALID_DECIMAL', '0.5');
  });

  it('loses no fen and gives each part its exact share within one fen', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc
          .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0n)),
        (fen, ratios) => {
          const amount = Money.ofFen(fen);
          const parts = amount.allocate(ratios);
          const total = ratios.reduce((a, b) => a + b, 0n);
          expect(parts).toHaveLength(ratios.length);
          expect(Money.sum(parts).fen).toBe(fen);
          parts.forEach((part, i) => {
            const exactTimesTotal = fen * ratios[i];
            const diff = part.fen * total - exactTimesTotal;
            expect(diff < total && diff > -total).toBe(true);
            if (ratios[i] === 0n) expect(part.isZero()).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits evenly, larger parts first', () => {
    expect(texts(yuan('100').allocateEvenly(3))).toEqual(['33.34', '33.33', '33.33']);
    expect(texts(yuan('0.01').allocateEvenly(3))).toEqual(['0.01', '0.00', '0.00']);
    expect(texts(yuan('-0.05').allocateEvenly(2))).toEqual(['-0.03', '-0.02']);
    expect(texts(yuan('7').allocateEvenly(1))).toEqual(['7.00']);
  });

  it.each([0, -1, 1.5, Number.NaN])('allocateEvenly rejects %p parts', (n) => {
    expectBadInput(() => yuan('1').allocateEvenly(n), 'INVALID_ALLOCATION', String(n));
  });
});

describe('formatting', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [100n, '1.00'],
    [-310n, '-3.10'],
    [123456n, '1234.56'],
    [100000000000n, '1000000000.00'],
  ])('%p fen prints as %p', (fen, text) => {
    const money = Money.ofFen(fen);
    expect(money.toYuanString()).toBe(text);
    expect(money.toString()).toBe(text);
    expect(String(money)).toBe(text);
    expect(money.toYuanDecimal().toString()).toBe(text);
  });

  it('serialises to JSON as a yuan string', () => {
    expect(JSON.stringify({ amount: yuan('-1234.5') })).toBe('{"amount":"-1234.50"}');
  });

  it.each([
    ['3000000', 2, 'HALF_UP', '300.00'],
    ['12345.67', 2, 'HALF_UP', '1.23'],
    ['12345.67', 4, 'HALF_UP', '1.2346'],
    ['12345.67', 4, 'DOWN', '1.2345'],
    ['12345.67', 6, 'HALF_UP', '1.234567'],
    ['12345.67', 0, 'HALF_UP', '1'],
    ['15000', 0, 'HALF_EVEN', '2'],
    ['-12345.67', 2, 'HALF_UP', '-1.23'],
    ['0.01', 2, 'HALF_UP', '0.00'],
  ] as const)('%s yuan at scale %i with %s is %s万元', (amount, scale, mode, wan) => {
    expect(yuan(amount).toWanYuan(scale, mode)).toBe(wan);
  });

  it('toWanYuan defaults to 2 decimals, half up', () => {
    expect(yuan('5500000').toWanYuan()).toBe('550.00');
    expect(yuan('4999.99').toWanYuan()).toBe('0.50');
  });
});
