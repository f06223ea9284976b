import fc from 'fast-check';
import { addMonthsKeepingDay, BadInputError, LocalDate } from '@mla/core';

const date = (s: string) => LocalDate.parse(s);

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

describe('parsing and construction', () => {
  it.each([
    ['2024-03-20', '2024-03-20'],
    ['20240320', '2024-03-20'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['0001-01-01', '0001-01-01'],
    ['9999-12-31', '9999-12-31'],
  ])('parses %p', (input, iso) => {
    expect(date(input).toString()).toBe(iso);
  });

  it('exposes year, month and day', () => {
    const d = date('2024-03-05');
    expect([d.year, d.month, d.day]).toEqual([2024, 3, 5]);
  });

  it.each([
    ['2023-02-29', 'days 1–28'],
    ['1900-02-29', 'days 1–28'],
    ['2024-02-30', 'days 1–29'],
    ['2024-04-31', 'days 1–30'],
    ['2024-01-00', 'days 1–31'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['20230229', 'days 1–28'],
    ['0000-01-01', 'year'],
    ['24-01-01', 'YYYY-MM-DD'],
    ['2024-1-1', 'YYYY-MM-DD'],
    ['2024/01/01', 'YYYY-MM-DD'],
    ['2024-01-01T00:00:00Z', 'YYYY-MM-DD'],
    [' 2024-01-01', 'YYYY-MM-DD'],
    ['2024-0101', 'YYYY-MM-DD'],
    ['202401011', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
  ])('rejects %p (%s)', (input, reason) => {
    expectBadInput(() => date(input), 'INVALID_DATE', `"${input}"`);
    expectBadInput(() => date(input), 'INVALID_DATE', reason);
  });

  it('rejects a non-string', () => {
    expectBadInput(() => LocalDate.parse(20240101 as unknown as string), 'INVALID_DATE', '20240101');
  });

  it('builds from numbers', () => {
    expect(LocalDate.of(2024, 2, 29).toString()).toBe('2024-02-29');
    expect(LocalDate.of(5, 1, 9).toString()).toBe('0005-01-09');
    expectBadInput(() => LocalDate.of(2023, 2, 29), 'INVALID_DATE', '2023-2-29');
    expectBadInput(() => LocalDate.of(2024, 13, 1), 'INVALID_DATE', 'month 13');
    expectBadInput(() => LocalDate.of(10000, 1, 1), 'INVALID_DATE', 'year');
    expectBadInput(() => LocalDate.of(2024, 1.5, 1), 'INVALID_DATE', 'month must be an integer');
    expectBadInput(() => LocalDate.of(Number.NaN, 1, 1), 'INVALID_DATE', 'year must be an integer');
  });

  it('serialises as YYYY-MM-DD', () => {
    expect(JSON.stringify({ due: date('20240320') })).toBe('{"due":"2024-03-20"}');
    expect(String(date('2024-03-20'))).toBe('2024-03-20');
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-01-01', -1, '2023-12-31'],
    ['2024-03-20', 0, '2024-03-20'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
  ])('%s plus %i days is %s', (start, days, end) => {
    expect(date(start).plusDays(days).toString()).toBe(end);
  });

  it('counts days between dates (reference settlement periods, first and last day inclusive)', () => {
    expect(date('2024-01-10').daysUntil(date('2024-03-20')) + 1).toBe(71);
    expect(date('2024-03-21').daysUntil(date('2024-06-20')) + 1).toBe(92);
    expect(date('2024-07-15').daysUntil(date('2024-09-20')) + 1).toBe(68);
    expect(date('2024-09-21').daysUntil(date('2024-12-20')) + 1).toBe(91);
    expect(date('2024-12-21').daysUntil(date('2025-03-20')) + 1).toBe(90);
    expect(date('2025-06-21').daysUntil(date('2025-07-15'))).toBe(24);
    expect(date('2024-03-20').daysUntil(date('2024-01-10'))).toBe(-70);
    expect(date('2024-03-20').daysUntil(date('2024-03-20'))).toBe(0);
  });

  it('rejects non-integer days and leaving the supported range', () => {
    expectBadInput(() => date('2024-01-01').plusDays(0.5), 'INVALID_DATE', 'days must be an integer');
    expectBadInput(() => date('9999-12-31').plusDays(1), 'INVALID_DATE');
    expectBadInput(() => date('0001-01-01').plusDays(-1), 'INVALID_DATE');
  });

  it('agrees with the UTC calendar of Date for any day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        const reference = new Date(ms);
        const d = LocalDate.of(reference.getUTCFullYear(), reference.getUTCMonth() + 1, reference.getUTCDate());
        expect(date('1970-01-01').daysUntil(d)).toBe(Math.floor(ms / 86_400_000));
        expect(d.dayOfWeek() % 7).toBe(reference.getUTCDay());
        expect(d.toString()).toBe(reference.toISOString().slice(0, 10));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps plusDays and daysUntil inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const start = date('2024-02-29');
        expect(start.daysUntil(start.plusDays(n))).toBe(n);
      }),
    );
  });
});

describe('month and year arithmetic', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 2, '2023-03-31'],
    ['2023-03-31', 1, '2023-04-30'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2024-01-15', 12, '2025-01-15'],
    ['2024-01-15', -13, '2022-12-15'],
    ['2024-11-30', 3, '2025-02-28'],
    ['2024-07-15', 0, '2024-07-15'],
  ])('%s plus %i months is %s', (start, months, end) => {
    expect(date(start).plusMonths(months).toString()).toBe(end);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-07-15', 1, '2025-07-15'],
  ])('%s plus %i years is %s', (start, years, end) => {
    expect(date(start).plusYears(years).toString()).toBe(end);
  });

  it('keeps the anchor day when counting from the anchor (reference case E)', () => {
    const anchor = date('2023-01-31');
    const dues = Array.from({ length: 14 }, (_, n) => addMonthsKeepingDay(anchor, n).toString());
    expect(dues.slice(0, 4)).toEqual(['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30']);
    expect(dues[13]).toBe('2024-02-29');
    // Chaining from a clamped date loses the day, which is why schedules count from the anchor.
    expect(anchor.plusMonths(1).plusMonths(1).toString()).toBe('2023-03-28');
  });

  it('rejects non-integers and leaving the range', () => {
    expectBadInput(() => date('2024-01-01').plusMonths(1.5), 'INVALID_DATE', 'months must be an integer');
    expectBadInput(() => date('2024-01-01').plusYears(0.5), 'INVALID_DATE', 'years must be an integer');
    expectBadInput(() => date('9999-12-01').plusMonths(1), 'INVALID_DATE', 'out of range');
    expectBadInput(() => date('0001-01-01').plusMonths(-1), 'INVALID_DATE', 'out of range');
  });
});

describe('month ends', () => {
  it.each([
    ['2024-02-10', '2024-02-29'],
    ['2023-02-10', '2023-02-28'],
    ['2024-04-30', '2024-04-30'],
    ['2024-12-01', '2024-12-31'],
  ])('end of month of %s is %s', (d, end) => {
    expect(date(d).endOfMonth().toString()).toBe(end);
    expect(date(end).isLastDayOfMonth()).toBe(true);
  });

  it('knows when a date is not the last day', () => {
    expect(date('2024-02-28').isLastDayOfMonth()).toBe(false);
    expect(date('2023-02-28').isLastDayOfMonth()).toBe(true);
  });

  it('sets the day within the month, clamped', () => {
    expect(date('2024-03-05').withDayClamped(20).toString()).toBe('2024-03-20');
    expect(date('2024-02-05').withDayClamped(31).toString()).toBe('2024-02-29');
    expect(date('2024-04-05').withDayClamped(31).toString()).toBe('2024-04-30');
    expect(date('2024-04-05').withDayClamped(1).toString()).toBe('2024-04-01');
  });

  it.each([0, 32, 1.5])('withDayClamped rejects %p', (day) => {
    expectBadInput(() => date('2024-04-05').withDayClamped(day), 'INVALID_DATE', String(day));
  });
});

describe('comparison and day of week', () => {
  it('compares', () => {
    const [a, b] = [date('2024-03-20'), date('2024-03-21')];
    expect(a.cmp(b)).toBe(-1);
    expect(b.cmp(a)).toBe(1);
    expect(a.cmp(date('20240320'))).toBe(0);
    expect(a.equals(date('20240320'))).toBe(true);
    expect(a.equals(b)).toBe(false);
    expect(a.isBefore(b) && b.isAfter(a)).toBe(true);
    expect(a.isBefore(a) || a.isAfter(a)).toBe(false);
    expect(date('0999-12-31').isBefore(date('1000-01-01'))).toBe(true);
  });

  it('picks min and max', () => {
    const list = [date('2024-03-20'), date('2023-12-31'), date('2024-06-20')];
    expect(LocalDate.min(list[0], ...list.slice(1)).toString()).toBe('2023-12-31');
    expect(LocalDate.max(list[0], ...list.slice(1)).toString()).toBe('2024-06-20');
    expect(LocalDate.min(list[0]).toString()).toBe('2024-03-20');
  });

  it.each([
    ['2024-03-18', 1],
    ['2024-03-20', 3],
    ['2024-03-24', 7],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['2000-01-01', 6],
    ['0001-01-01', 1],
  ])('%s is ISO weekday %i', (d, weekday) => {
    expect(date(d).dayOfWeek()).toBe(weekday);
  });
});

describe('age', () => {
  it.each([
    ['1990-06-15', '2024-06-14', 33],
    ['1990-06-15', '2024-06-15', 34],
    ['1990-06-15', '2024-12-31', 34],
    ['2006-03-20', '2024-03-19', 17],
    ['2006-03-20', '2024-03-20', 18],
    ['1990-06-15', '1990-06-15', 0],
    // 29 February birthdays are reached on 28 February in common years.
    ['2000-02-29', '2018-02-27', 17],
    ['2000-02-29', '2018-02-28', 18],
    ['2000-02-29', '2020-02-28', 19],
    ['2000-02-29', '2020-02-29', 20],
  ])('born %s is %i on %s', (birth, on, age) => {
    expect(date(birth).age(date(on))).toBe(age);
  });

  it('rejects a date before the birth date', () => {
    expectBadInput(() => date('2000-01-02').age(date('2000-01-01')), 'INVALID_DATE', '2000-01-01');
  });
});

describe('machine time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Shanghai'])('is unaffected by TZ=%s', (zone) => {
    process.env.TZ = zone;
    expect(date('2024-03-10').plusDays(1).toString()).toBe('2024-03-11');
    expect(date('2024-03-31').daysUntil(date('2024-10-27'))).toBe(210);
    expect(date('2024-03-10').dayOfWeek()).toBe(7);
  });
});
