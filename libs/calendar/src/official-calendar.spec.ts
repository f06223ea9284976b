import { LocalDate, RuleViolationError, addWorkingDays, workingDaysBetween } from '@mla/core';
import { CalendarDayKind, CalendarDayOrigin } from './calendar-day-kind';
import { CalendarErrorCode } from './errors';
import { OfficialCalendar, bundledCalendar } from './official-calendar';

const d = LocalDate.parse;

describe('the official calendar from the bundled package', () => {
  const calendar = new OfficialCalendar([]);

  it('knows the years the package carries, and not the ones it does not', () => {
    expect(bundledCalendar().years.has(2025)).toBe(true);
    expect(bundledCalendar().years.has(2026)).toBe(true);
    expect(calendar.knowsYear(2004)).toBe(true);
    expect(calendar.knowsYear(2003)).toBe(false);
  });

  it('2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and Saturday 11 October worked', () => {
    for (let day = 1; day <= 8; day += 1) {
      expect(calendar.isWorkingDay(LocalDate.of(2025, 10, day))).toBe(false);
    }
    expect(calendar.dayOf(d('2025-10-01'))).toEqual({
      date: '2025-10-01',
      kind: CalendarDayKind.HOLIDAY,
      name: '国庆节',
      origin: CalendarDayOrigin.PACKAGE,
    });
    expect(calendar.isWorkingDay(d('2025-09-28'))).toBe(true); // Sunday, make-up working day
    expect(calendar.isWorkingDay(d('2025-10-11'))).toBe(true); // Saturday, make-up working day
    expect(calendar.isWorkingDay(d('2025-10-12'))).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay(d('2025-09-30'))).toBe(true);
    expect(calendar.isWorkingDay(d('2025-10-09'))).toBe(true);
  });

  it('a claim due 10 working days after 2025-09-20 falls on 2025-10-10, after the holiday (not 2025-10-03)', () => {
    // 22–26 Sep (5), Sun 28 Sep (6), 29–30 Sep (8), 1–8 Oct off, 9–10 Oct (10).
    expect(addWorkingDays(d('2025-09-20'), 10, calendar).toString()).toBe('2025-10-10');
    expect(addWorkingDays(d('2025-09-30'), 1, calendar).toString()).toBe('2025-10-09');
    expect(addWorkingDays(d('2025-10-10'), 1, calendar).toString()).toBe('2025-10-11');
    expect(workingDaysBetween(d('2025-09-20'), d('2025-10-10'), calendar)).toBe(10);
    expect(workingDaysBetween(d('2025-09-30'), d('2025-10-08'), calendar)).toBe(0);
  });

  it('2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    expect(calendar.isWorkingDay(d('2026-02-14'))).toBe(true);
    for (let day = 15; day <= 23; day += 1) {
      expect(calendar.isWorkingDay(LocalDate.of(2026, 2, day))).toBe(false);
    }
    expect(calendar.isWorkingDay(d('2026-02-28'))).toBe(true);
    expect(addWorkingDays(d('2026-02-13'), 1, calendar).toString()).toBe('2026-02-14');
    expect(addWorkingDays(d('2026-02-13'), 2, calendar).toString()).toBe('2026-02-24');
    // 14 Feb, 24–27 Feb, 28 Feb.
    expect(workingDaysBetween(d('2026-02-13'), d('2026-02-28'), calendar)).toBe(6);
  });

  it('refuses a date in a year neither the package nor the table holds, naming the year', () => {
    const unknown = bundledCalendar().years.has(2031) ? 2101 : 2031;
    const ask = () => calendar.isWorkingDay(LocalDate.of(unknown, 3, 2));
    expect(ask).toThrow(RuleViolationError);
    expect(ask).toThrow(
      expect.objectContaining({ code: CalendarErrorCode.CALENDAR_YEAR_UNKNOWN, details: { year: unknown } }),
    );
    // A count that reaches into the unknown year is refused too: never Monday to Friday instead.
    expect(() => addWorkingDays(LocalDate.of(unknown - 1, 12, 24), 10, calendar)).toThrow(RuleViolationError);
  });
});

describe('the official calendar with the administrators’ table', () => {
  // A made-up notice for a year the package does not carry (the real one is entered when it is published).
  const YEAR = 2040;
  const notice = [
    ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({
      date: `${YEAR}-10-0${day}`,
      kind: CalendarDayKind.HOLIDAY,
      name: '国庆节',
    })),
    { date: `${YEAR}-09-29`, kind: CalendarDayKind.WORKDAY, name: '国庆节' }, // a Saturday
  ];
  const calendar = new OfficialCalendar(notice);

  it('counts a year beyond the package once the table holds it', () => {
    expect(bundledCalendar().years.has(YEAR)).toBe(false);
    expect(calendar.knowsYear(YEAR)).toBe(true);
    expect(calendar.isWorkingDay(d(`${YEAR}-09-29`))).toBe(true);
    expect(calendar.isWorkingDay(d(`${YEAR}-10-03`))).toBe(false);
    expect(calendar.isWorkingDay(d(`${YEAR}-10-08`))).toBe(true); // a Monday after the holiday
    expect(calendar.isWorkingDay(d(`${YEAR}-10-13`))).toBe(false); // an ordinary Saturday
    // Fri 28 Sep → Sat 29 Sep (1), 1–7 Oct off, 8–11 Oct (5).
    expect(addWorkingDays(d(`${YEAR}-09-28`), 5, calendar).toString()).toBe(`${YEAR}-10-11`);
    expect(calendar.dayOf(d(`${YEAR}-10-01`))?.origin).toBe(CalendarDayOrigin.TABLE);
  });

  it('lets a table entry override the package (a corrected day)', () => {
    const corrected = new OfficialCalendar([{ date: '2025-10-08', kind: CalendarDayKind.WORKDAY, name: '更正' }]);
    expect(corrected.isWorkingDay(d('2025-10-08'))).toBe(true);
    expect(corrected.isWorkingDay(d('2025-10-07'))).toBe(false);
    expect(addWorkingDays(d('2025-09-30'), 1, corrected).toString()).toBe('2025-10-08');
  });

  it('refuses to answer outside the years it was loaded for (a programming error, not CALENDAR_YEAR_UNKNOWN)', () => {
    const loaded = new OfficialCalendar([], bundledCalendar(), { from: 2025, to: 2025 });
    expect(loaded.isWorkingDay(d('2025-10-11'))).toBe(true);
    expect(() => loaded.isWorkingDay(d('2026-01-05'))).toThrow(/loaded for 2025–2025/);
  });

  it('counts Monday to Friday in an unknown year when configured to (WEEKDAYS), and still knows the known years', () => {
    const unknown = bundledCalendar().years.has(2031) ? 2101 : 2031;
    const lenient = new OfficialCalendar([], bundledCalendar(), undefined, 'WEEKDAYS');
    const monday = LocalDate.of(unknown, 3, 3).plusDays((8 - LocalDate.of(unknown, 3, 3).dayOfWeek()) % 7);
    expect(lenient.isWorkingDay(monday)).toBe(true);
    expect(lenient.isWorkingDay(monday.plusDays(5))).toBe(false);
    expect(lenient.isWorkingDay(d('2025-10-01'))).toBe(false);
    expect(lenient.isWorkingDay(d('2025-09-28'))).toBe(true);
  });
});
