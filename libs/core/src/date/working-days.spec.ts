import { LocalDate, addWorkingDays } from '@mla/core';

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-20', 1, '2026-11-23'], // Friday + 1 → Monday
    ['2026-11-21', 1, '2026-11-23'], // Saturday + 1 → Monday
    ['2026-11-23', 10, '2026-12-07'], // two working weeks
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s + %i working days = %s', (from, days, expected) => {
    expect(addWorkingDays(LocalDate.parse(from), days).toString()).toBe(expected);
  });
});
