import {
  BadInputError,
  BUSINESS_TIME_ZONE,
  businessDateOf,
  Clock,
  FixedClock,
  LocalDate,
  startOfBusinessDay,
  SystemClock,
} from '@mla/core';

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

describe('business time zone', () => {
  it('is Asia/Shanghai', () => {
    expect(BUSINESS_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it.each([
    ['2024-03-19T16:30:00Z', '2024-03-20'],
    ['2024-03-19T15:59:59.999Z', '2024-03-19'],
    ['2024-03-19T16:00:00Z', '2024-03-20'],
    ['2024-03-20T00:30:00+08:00', '2024-03-20'],
    ['2024-03-19T23:59:00-05:00', '2024-03-20'],
    ['2023-12-31T16:00:00.000Z', '2024-01-01'],
  ])('%s falls on business date %s', (instant, businessDate) => {
    expect(new FixedClock(instant).today().toString()).toBe(businessDate);
    expect(businessDateOf(new Date(instant)).toString()).toBe(businessDate);
  });

  it('gives the instant a business day starts', () => {
    expect(startOfBusinessDay(LocalDate.parse('2024-03-20')).toISOString()).toBe('2024-03-19T16:00:00.000Z');
    expect(startOfBusinessDay(LocalDate.parse('2024-01-01')).toISOString()).toBe('2023-12-31T16:00:00.000Z');
  });

  describe('whatever the machine time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it.each(['America/New_York', 'Pacific/Kiritimati', 'UTC'])('TZ=%s', (zone) => {
      process.env.TZ = zone;
      expect(new FixedClock('2024-03-19T16:30:00Z').today().toString()).toBe('2024-03-20');
      expect(new FixedClock('2024-03-19T15:30:00Z').today().toString()).toBe('2024-03-19');
      expect(startOfBusinessDay(LocalDate.parse('2024-03-20')).toISOString()).toBe('2024-03-19T16:00:00.000Z');
    });
  });
});

describe('FixedClock', () => {
  it('stands still', () => {
    const clock = new FixedClock('2024-03-19T16:30:00Z');
    expect(clock.now().toISOString()).toBe('2024-03-19T16:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-03-19T16:30:00.000Z');
  });

  it('hands out copies, so callers cannot move it', () => {
    const start = new Date('2024-03-19T16:30:00Z');
    const clock = new FixedClock(start);
    start.setUTCFullYear(2000);
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2024-03-19T16:30:00.000Z');
  });

  it('can be set and advanced', () => {
    const clock = new FixedClock('2024-03-19T12:00:00Z');
    clock.advance(4 * 3600 * 1000);
    expect(clock.now().toISOString()).toBe('2024-03-19T16:00:00.000Z');
    expect(clock.today().toString()).toBe('2024-03-20');
    clock.advance(-1);
    expect(clock.today().toString()).toBe('2024-03-19');
    clock.set('2025-01-01T00:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2024-12-31T16:00:00.000Z');
    clock.set(new Date('2020-02-29T00:00:00Z'));
    expect(clock.today().toString()).toBe('2020-02-29');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects advancing by %p ms', (ms) => {
    expectBadInput(() => new FixedClock('2024-03-19T12:00:00Z').advance(ms), 'INVALID_DURATION', String(ms));
  });

  it.each(['yesterday', '2024-03-19', '2024-03-19T16:30:00', '2024-02-30T00:00:00Z', '2024-03-19 16:30:00Z', ''])(
    'rejects the instant %p',
    (instant) => {
      expectBadInput(() => new FixedClock(instant), 'INVALID_INSTANT', `"${instant}"`);
      expectBadInput(() => new FixedClock('2024-03-19T12:00:00Z').set(instant), 'INVALID_INSTANT');
    },
  );

  it('rejects an invalid Date', () => {
    expectBadInput(() => new FixedClock(new Date('nonsense')), 'INVALID_INSTANT');
  });
});

describe('SystemClock', () => {
  it('tells the current time and business date', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    const today = clock.today();
    expect([businessDateOf(new Date(before)).toString(), businessDateOf(new Date()).toString()]).toContain(
      today.toString(),
    );
  });

  it('is a Clock, as is any subclass', () => {
    class EpochClock extends Clock {
      now(): Date {
        return new Date(0);
      }
    }
    expect(new SystemClock()).toBeInstanceOf(Clock);
    expect(new EpochClock().today().toString()).toBe('1970-01-01');
  });
});
