import { LocalDate } from '@mla/core';
import { inclusiveDays, settlementPeriodContaining, settlementPeriods } from './settlement-periods';

const d = LocalDate.parse;
const QUARTERLY = { settlementMonths: [3, 6, 9, 12], settlementDay: 20 };
const rows = (periods: { start: string; end: string; settlementDate: string }[]) =>
  periods.map((p) => [p.start, p.end, inclusiveDays(d(p.start), d(p.end), 'ACT_360'), p.settlementDate]);

describe('subsidy settlement periods (both ends inclusive: 算头不算尾 counts the settlement day)', () => {
  it('case D: 2024-01-10 → 2024-03-20 is 71 days, 2024-03-21 → 2024-06-20 is 92 days', () => {
    expect(rows(settlementPeriods(d('2024-01-10'), d('2025-01-09'), QUARTERLY))).toEqual([
      ['2024-01-10', '2024-03-20', 71, '2024-03-20'],
      ['2024-03-21', '2024-06-20', 92, '2024-06-20'],
      ['2024-06-21', '2024-09-20', 92, '2024-09-20'],
      ['2024-09-21', '2024-12-20', 91, '2024-12-20'],
      ['2024-12-21', '2025-01-09', 20, '2025-03-20'],
    ]);
  });

  it('case C: the last period runs to the day before maturity', () => {
    expect(rows(settlementPeriods(d('2024-07-15'), d('2025-07-14'), QUARTERLY)).map((r) => r[2])).toEqual([
      68, 91, 90, 92, 24,
    ]);
  });

  it('a value date on a settlement day makes a one-day first period', () => {
    expect(settlementPeriodContaining(d('2024-03-20'), d('2024-03-20'), QUARTERLY)).toEqual({
      start: '2024-03-20',
      end: '2024-03-20',
      settlementDate: '2024-03-20',
    });
  });

  it('follows a configured calendar, clamping the day to the month end', () => {
    const halfYearly = { settlementMonths: [6, 12], settlementDay: 31 };
    expect(settlementPeriodContaining(d('2024-07-01'), d('2024-01-10'), halfYearly)).toEqual({
      start: '2024-07-01',
      end: '2024-12-31',
      settlementDate: '2024-12-31',
    });
    expect(settlementPeriodContaining(d('2024-02-01'), d('2024-01-10'), halfYearly).end).toBe('2024-06-30');
  });

  it('refuses a date outside the loan and a bad calendar', () => {
    expect(() => settlementPeriodContaining(d('2024-01-09'), d('2024-01-10'), QUARTERLY)).toThrow(
      expect.objectContaining({ code: 'INVALID_SUBSIDY_INPUT' }),
    );
    expect(() =>
      settlementPeriodContaining(d('2024-02-01'), d('2024-01-10'), { settlementMonths: [6, 3], settlementDay: 20 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_SUBSIDY_INPUT' }));
  });

  it('counts 30/360 days with the 31st as the 30th', () => {
    expect(inclusiveDays(d('2024-01-10'), d('2024-03-20'), '30_360')).toBe(71);
    expect(inclusiveDays(d('2024-01-01'), d('2024-01-31'), '30_360')).toBe(30);
  });
});
