import chineseDays from 'chinese-days/dist/chinese-days.json';
import { RuleViolationError, type LocalDate, type WorkingDayCalendar } from '@mla/core';
import { CalendarDayKind, CalendarDayOrigin } from './calendar-day-kind';
import { CalendarErrorCode } from './errors';

/** One date that differs from the plain week (a holiday, or a weekend day worked), with where it comes from. */
export interface OfficialDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  origin: CalendarDayOrigin;
}

/** An entry of the administrators' table, as the calendar needs it. */
export interface CalendarOverride {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** The package's data: `{ holidays, workdays }`, each date → "English name,中文名,days". */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function chineseName(label: string): string {
  return label.split(',')[1] ?? label;
}

/**
 * The holiday arrangements the `chinese-days` package carries, read from its data file rather than through its
 * functions: those answer Monday to Friday for a year they do not know, and a deadline must never move silently.
 * A year counts as covered when the package has a holiday in it.
 */
export class PackageCalendar {
  readonly days: ReadonlyMap<string, OfficialDay>;
  readonly years: ReadonlySet<number>;

  constructor(data: PackageData) {
    const days = new Map<string, OfficialDay>();
    for (const [date, label] of Object.entries(data.holidays)) {
      days.set(date, {
        date,
        kind: CalendarDayKind.HOLIDAY,
        name: chineseName(label),
        origin: CalendarDayOrigin.PACKAGE,
      });
    }
    for (const [date, label] of Object.entries(data.workdays)) {
      days.set(date, {
        date,
        kind: CalendarDayKind.WORKDAY,
        name: chineseName(label),
        origin: CalendarDayOrigin.PACKAGE,
      });
    }
    this.days = days;
    this.years = new Set(Object.keys(data.holidays).map((date) => Number(date.slice(0, 4))));
  }

  /** The package's days of one year, in date order. */
  daysOf(year: number): OfficialDay[] {
    const prefix = `${year}-`;
    return [...this.days.values()]
      .filter((d) => d.date.startsWith(prefix))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
}

let bundled: PackageCalendar | undefined;

/** The arrangements bundled with the installed package (read once). */
export function bundledCalendar(): PackageCalendar {
  bundled ??= new PackageCalendar(chineseDays as PackageData);
  return bundled;
}

/**
 * The official calendar for a span of years: the package's holidays and make-up working days, overridden date by
 * date by the administrators' table; a year neither covers is refused (CALENDAR_YEAR_UNKNOWN naming the year)
 * the moment a question reaches into it. Pure and synchronous: `WorkingCalendar` loads the table rows first.
 */
export class OfficialCalendar implements WorkingDayCalendar {
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly tableYears: ReadonlySet<number>;

  constructor(
    overrides: readonly CalendarOverride[],
    private readonly pkg: PackageCalendar = bundledCalendar(),
    /** The years whose table rows were loaded; asking outside them is a programming error, not a user's. */
    private readonly loadedYears?: { from: number; to: number },
    /** A year neither holds: refused (CALENDAR_YEAR_UNKNOWN), or counted Monday to Friday. */
    private readonly unknownYear: 'REFUSE' | 'WEEKDAYS' = 'REFUSE',
  ) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
    this.tableYears = new Set(overrides.map((o) => Number(o.date.slice(0, 4))));
  }

  /** Whether the package or the table holds the year's arrangement. */
  knowsYear(year: number): boolean {
    return this.pkg.years.has(year) || this.tableYears.has(year);
  }

  /** The date's entry (table first, then package), or null for a plain weekday or weekend day of a known year. */
  dayOf(date: LocalDate): OfficialDay | null {
    const year = date.year;
    if (this.loadedYears && (year < this.loadedYears.from || year > this.loadedYears.to)) {
      throw new Error(`The calendar was loaded for ${this.loadedYears.from}–${this.loadedYears.to}, not ${year}`);
    }
    if (!this.knowsYear(year)) {
      if (this.unknownYear === 'WEEKDAYS') return null;
      throw new RuleViolationError(
        CalendarErrorCode.CALENDAR_YEAR_UNKNOWN,
        `The working calendar has no holiday arrangement for ${year}`,
        { year },
      );
    }
    const iso = date.toString();
    const override = this.overrides.get(iso);
    if (override) return { ...override, origin: CalendarDayOrigin.TABLE };
    return this.pkg.days.get(iso) ?? null;
  }

  isWorkingDay(date: LocalDate): boolean {
    const day = this.dayOf(date);
    if (day) return day.kind === CalendarDayKind.WORKDAY;
    return date.dayOfWeek() <= 5;
  }
}
