import {
  assertDateRange,
  assertDateWithin,
  BadInputError,
  DateErrorCode,
  LocalDate,
  parseDateField,
  RuleViolationError,
} from '@mla/core';

const d = (s: string) => LocalDate.parse(s);

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('assertDateWithin', () => {
  const limits = { min: '2026-03-01', max: d('2026-12-02'), minReason: 'the disbursement', maxReason: 'today' };

  it.each(['2026-03-01', '2026-07-15', '2026-12-02'])('accepts %s within the inclusive limits', (value) => {
    expect(assertDateWithin('valueDate', value, limits).toString()).toBe(value);
  });

  it.each([
    ['0001-01-01', 'before 2026-03-01 (the disbursement)'],
    ['2026-02-28', 'before 2026-03-01 (the disbursement)'],
    ['2026-12-03', 'after 2026-12-02 (today)'],
    ['9999-12-31', 'after 2026-12-02 (today)'],
  ])('refuses %s with 422 DATE_OUT_OF_RANGE naming the field and both limits', (value, text) => {
    const error = caught(() => assertDateWithin('valueDate', value, limits)) as RuleViolationError;
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.code).toBe(DateErrorCode.DATE_OUT_OF_RANGE);
    expect(error.message).toBe(`valueDate ${value} is ${text}`);
    expect(error.details).toEqual({
      field: 'valueDate',
      value,
      min: '2026-03-01',
      max: '2026-12-02',
      minReason: 'the disbursement',
      maxReason: 'today',
    });
  });

  it('leaves a side without a limit open', () => {
    expect(assertDateWithin('effectiveFrom', '9999-12-31', { min: '2000-01-01' }).toString()).toBe('9999-12-31');
    expect(assertDateWithin('effectiveFrom', '0001-01-01', { max: null }).toString()).toBe('0001-01-01');
  });

  it('names the field of a malformed date (400)', () => {
    const error = caught(() => assertDateWithin('signingDate', '2026-02-30', {})) as BadInputError;
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.code).toBe('INVALID_DATE');
    expect(error.details).toEqual({ field: 'signingDate' });
    expect(() => parseDateField('x', 20260101)).toThrow(BadInputError);
  });
});

describe('assertDateRange', () => {
  it('accepts from = to and a span up to the limit', () => {
    expect(() => assertDateRange(d('2026-01-01'), d('2026-01-01'))).not.toThrow();
    expect(() => assertDateRange(d('2026-01-01'), d('2026-01-31'), { maxDays: 30 })).not.toThrow();
  });

  it('refuses to before from, and a span past the limit, with 400 INVALID_DATE_RANGE', () => {
    const reversed = caught(() => assertDateRange(d('2026-02-01'), d('2026-01-31'))) as BadInputError;
    expect(reversed).toBeInstanceOf(BadInputError);
    expect(reversed.code).toBe(DateErrorCode.INVALID_DATE_RANGE);
    expect(reversed.details).toEqual({ field: 'to', min: '2026-02-01' });
    const long = caught(() => assertDateRange(d('2026-01-01'), d('2026-02-01'), { maxDays: 30 })) as BadInputError;
    expect(long.details).toEqual({ field: 'to', max: '2026-01-31', maxDays: 30 });
  });
});
