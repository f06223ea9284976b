import { BadInputError } from '../errors/domain-error';
import { DateErrorCode } from './date-errors';
import { daysInMonth, fromEpochDay, toEpochDay } from './calendar';

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function invalid(value: unknown, reason: string): BadInputError {
  return new BadInputError(
    DateErrorCode.INVALID_DATE,
    `Invalid date ${JSON.stringify(value) ?? String(value)}: ${reason}`,
  );
}

function assertInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new BadInputError(DateErrorCode.INVALID_DATE, `${name} must be an integer, got ${value}`);
  }
}

/**
 * A business date without time or zone (due date, value date, birth date), years 0001–9999.
 * Pure calendar arithmetic on integers: the machine's time zone can never shift it.
 */
export class LocalDate {
  private readonly iso: string;

  private constructor(
    private readonly y: number,
    private readonly m: number,
    private readonly d: number,
  ) {
    this.iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  }

  /** Accepts 'YYYY-MM-DD' and the bank-export form 'YYYYMMDD'; rejects dates that do not exist. */
  static parse(value: string): LocalDate {
    const match = typeof value === 'string' ? (ISO_PATTERN.exec(value) ?? COMPACT_PATTERN.exec(value)) : null;
    if (!match) throw invalid(value, 'expected YYYY-MM-DD or YYYYMMDD');
    return LocalDate.checked(Number(match[1]), Number(match[2]), Number(match[3]), value);
  }

  static of(year: number, month: number, day: number): LocalDate {
    assertInteger('year', year);
    assertInteger('month', month);
    assertInteger('day', day);
    return LocalDate.checked(year, month, day, `${year}-${month}-${day}`);
  }

  static min(first: LocalDate, ...rest: LocalDate[]): LocalDate {
    return rest.reduce((a, b) => (b.isBefore(a) ? b : a), first);
  }

  static max(first: LocalDate, ...rest: LocalDate[]): LocalDate {
    return rest.reduce((a, b) => (b.isAfter(a) ? b : a), first);
  }

  private static checked(year: number, month: number, day: number, raw: unknown): LocalDate {
    if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(raw, `year must be ${MIN_YEAR}–${MAX_YEAR}`);
    if (month < 1 || month > 12) throw invalid(raw, `month ${month} does not exist`);
    const length = daysInMonth(year, month);
    if (day < 1 || day > length) throw invalid(raw, `${pad(year, 4)}-${pad(month, 2)} has days 1–${length}`);
    return new LocalDate(year, month, day);
  }

  private static fromEpochDay(epochDay: number): LocalDate {
    const { year, month, day } = fromEpochDay(epochDay);
    return LocalDate.checked(year, month, day, `epoch day ${epochDay}`);
  }

  get year(): number {
    return this.y;
  }
  get month(): number {
    return this.m;
  }
  get day(): number {
    return this.d;
  }

  plusDays(days: number): LocalDate {
    assertInteger('days', days);
    return LocalDate.fromEpochDay(this.epochDay() + days);
  }

  /** Clamps to the end of shorter months: 2023-01-31 + 1 month = 2023-02-28. */
  plusMonths(months: number): LocalDate {
    assertInteger('months', months);
    const monthIndex = this.y * 12 + (this.m - 1) + months;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12 + 1;
    if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(`${this.iso} + ${months} months`, 'out of range');
    return new LocalDate(year, month, Math.min(this.d, daysInMonth(year, month)));
  }

  /** Feb 29 + 1 year = Feb 28. */
  plusYears(years: number): LocalDate {
    assertInteger('years', years);
    return this.plusMonths(years * 12);
  }

  /** Same month with the day clamped to the month's length: withDayClamped(31) in April gives April 30. */
  withDayClamped(day: number): LocalDate {
    assertInteger('day', day);
    if (day < 1 || day > 31)
      throw new BadInputError(DateErrorCode.INVALID_DATE, `Day of month must be 1–31, got ${day}`);
    return new LocalDate(this.y, this.m, Math.min(day, daysInMonth(this.y, this.m)));
  }

  endOfMonth(): LocalDate {
    return this.withDayClamped(31);
  }

  isLastDayOfMonth(): boolean {
    return this.d === daysInMonth(this.y, this.m);
  }

  /** ISO day of week: 1 = Monday … 7 = Sunday. */
  dayOfWeek(): number {
    // Epoch day 0 (1970-01-01) was a Thursday.
    return ((((this.epochDay() + 3) % 7) + 7) % 7) + 1;
  }

  /** other − this in days; negative when other is earlier. */
  daysUntil(other: LocalDate): number {
    return other.epochDay() - this.epochDay();
  }

  /**
   * Completed years from this (birth) date to onDate. A 29 February birthday is reached on
   * 28 February in common years, consistent with plusYears.
   */
  age(onDate: LocalDate): number {
    if (onDate.isBefore(this)) {
      throw new BadInputError(
        DateErrorCode.INVALID_DATE,
        `Cannot compute an age on ${onDate.iso} for a date after it (${this.iso})`,
      );
    }
    const years = onDate.y - this.y;
    return this.plusYears(years).isAfter(onDate) ? years - 1 : years;
  }

  cmp(other: LocalDate): -1 | 0 | 1 {
    return this.iso < other.iso ? -1 : this.iso > other.iso ? 1 : 0;
  }
  equals(other: LocalDate): boolean {
    return this.iso === other.iso;
  }
  isBefore(other: LocalDate): boolean {
    return this.iso < other.iso;
  }
  isAfter(other: LocalDate): boolean {
    return this.iso > other.iso;
  }

  toString(): string {
    return this.iso;
  }

  toJSON(): string {
    return this.iso;
  }

  private epochDay(): number {
    return toEpochDay(this.y, this.m, this.d);
  }
}

/**
 * Due date n months after an anchor, keeping the anchor's day where the month allows it
 * (anchor 2023-01-31: n=1 → 2023-02-28, n=2 → 2023-03-31). Always count from the anchor: chaining
 * plusMonths(1) from a clamped date would lose the day (02-28 → 03-28).
 */
export function addMonthsKeepingDay(anchor: LocalDate, months: number): LocalDate {
  return anchor.plusMonths(months);
}
