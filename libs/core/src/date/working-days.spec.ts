import { LocalDate, addWorkingDays, workingDaysBetween, type WorkingDayCalendar } from '@mla/core';

/** A calendar for these tests only: Monday to Friday, less the listed days off. */
function weekdaysExcept(...daysOff: string[]): WorkingDayCalendar {
  return { isWorkingDay: (date) => date.dayOfWeek() <= 5 && !daysOff.includes(date.toString()) };
}

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-20', 1, '2026-11-23'], // Friday + 1 → Monday
    ['2026-11-21', 1, '2026-11-23'], // Saturday + 1 → Monday
    ['2026-11-23', 10, '2026-12-07'], // two working weeks
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s + %i working days = %s', (from, days, expected) => {
    expect(addWorkingDays(LocalDate.parse(from), days, weekdaysExcept()).toString()).toBe(expected);
  });

  it('skips the days the calendar says are off', () => {
    const calendar = weekdaysExcept('2026-11-23', '2026-11-24');
    expect(addWorkingDays(LocalDate.parse('2026-11-20'), 1, calendar).toString()).toBe('2026-11-25');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(LocalDate.parse('2026-11-20'), -1, weekdaysExcept())).toThrow(RangeError);
    expect(() => addWorkingDays(LocalDate.parse('2026-11-20'), 1.5, weekdaysExcept())).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first date up to the second, and inverts addWorkingDays', () => {
    const calendar = weekdaysExcept('2026-11-25');
    const from = LocalDate.parse('2026-11-20');
    expect(workingDaysBetween(from, LocalDate.parse('2026-11-27'), calendar)).toBe(4);
    expect(workingDaysBetween(from, from, calendar)).toBe(0);
    expect(workingDaysBetween(from, LocalDate.parse('2026-11-01'), calendar)).toBe(0);
    for (const days of [1, 5, 17]) {
      expect(workingDaysBetween(from, addWorkingDays(from, days, calendar), calendar)).toBe(days);
    }
  });
});
