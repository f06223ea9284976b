import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  BadInputError,
  CommonErrorCode,
  ConflictError,
  DateErrorCode,
  LocalDate,
  NotFoundError,
  RuleViolationError,
  isUniqueViolation,
} from '@mla/core';
import { CalendarDayKind, CalendarDayOrigin } from './calendar-day-kind';
import type { CalendarDay } from './calendar-day.entity';
import { CalendarDayRepository } from './calendar-day.repository';
import { CalendarErrorCode } from './errors';
import { OfficialCalendar, bundledCalendar, type OfficialDay } from './official-calendar';
import { WorkingCalendar } from './working-calendar';

/** The years an entry or a question may name: the package starts in 2004; a notice is never decades ahead. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

export interface CalendarDayInput {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface AddCalendarDaysInput {
  /** The notice the days come from, e.g. 国办发明电〔2026〕7号. */
  source: string;
  days: CalendarDayInput[];
}

/** One date of a year's view: the package's entry or the table's (which wins), with who entered it. */
export interface CalendarYearDay extends OfficialDay {
  source: string | null;
  createdByUserId: string | null;
  createdAt: Date | null;
  /** The package's entry the table row replaces, if any. */
  replaces: OfficialDay | null;
}

export interface CalendarYear {
  year: number;
  coveredByPackage: boolean;
  coveredByTable: boolean;
  /** Whether deadlines reaching into this year can be counted (CALENDAR_YEAR_UNKNOWN otherwise). */
  known: boolean;
  days: CalendarYearDay[];
}

function checkedYear(year: number): number {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new BadInputError(
      DateErrorCode.DATE_OUT_OF_RANGE,
      `year must be from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}`,
      {
        field: 'year',
        value: year,
        min: CALENDAR_MIN_YEAR,
        max: CALENDAR_MAX_YEAR,
      },
    );
  }
  return year;
}

/** The administrators' use cases on the working calendar: a year's view, entering and removing days. */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly days: CalendarDayRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** The date `workingDays` working days after `from` (CALENDAR_YEAR_UNKNOWN when the count reaches an unknown year). */
  async deadline(actor: Actor, from: string, workingDays: number): Promise<LocalDate> {
    this.access.assertCan(actor, Permission.CALENDAR_READ);
    return this.calendar.addWorkingDays(LocalDate.parse(from), workingDays);
  }

  /** The year's holidays and make-up working days as deadlines count them, and whether the year is known. */
  async year(actor: Actor, year: number): Promise<CalendarYear> {
    this.access.assertCan(actor, Permission.CALENDAR_READ);
    checkedYear(year);
    const pkg = bundledCalendar();
    const rows = await this.days.findInYears(this.dataSource.manager, year, year);
    const byDate = new Map<string, CalendarYearDay>();
    for (const day of pkg.daysOf(year)) {
      byDate.set(day.date, { ...day, source: null, createdByUserId: null, createdAt: null, replaces: null });
    }
    for (const row of rows) {
      byDate.set(row.date, {
        date: row.date,
        kind: row.kind,
        name: row.name,
        origin: CalendarDayOrigin.TABLE,
        source: row.source,
        createdByUserId: row.createdByUserId,
        createdAt: row.createdAt,
        replaces: pkg.days.get(row.date) ?? null,
      });
    }
    const calendar = new OfficialCalendar(rows, pkg);
    return {
      year,
      coveredByPackage: pkg.years.has(year),
      coveredByTable: rows.length > 0,
      known: calendar.knowsYear(year),
      days: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  /**
   * Enters the days of a notice, all or none (a year becomes known with its first entry, so enter the whole notice
   * in one request). A date already in the table is refused (CALENDAR_DAY_EXISTS): remove it first. Audited per day.
   */
  async addDays(actor: Actor, input: AddCalendarDaysInput): Promise<CalendarDay[]> {
    this.access.assertCan(actor, Permission.CALENDAR_MANAGE);
    const source = input.source?.trim();
    if (!source) throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'source is required', { field: 'source' });
    if (input.days.length === 0) {
      throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'days must not be empty', { field: 'days' });
    }
    const seen = new Set<string>();
    const rows = input.days.map((day) => {
      const date = LocalDate.parse(day.date);
      checkedYear(date.year);
      const iso = date.toString();
      if (seen.has(iso)) {
        throw new RuleViolationError(CalendarErrorCode.CALENDAR_DAY_DUPLICATE, `${iso} appears twice`, { date: iso });
      }
      seen.add(iso);
      if (!day.name?.trim()) {
        throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'name is required', { field: 'name' });
      }
      return { date: iso, kind: day.kind, name: day.name.trim(), source, createdByUserId: actor.userId };
    });
    try {
      return await this.dataSource.transaction(async (tx) => {
        const added = await this.days.insertMany(tx, rows);
        for (const day of added) {
          await this.audit.record(tx, {
            action: 'calendar_day.added',
            entityType: 'calendar_day',
            entityId: day.date,
            after: { kind: day.kind, name: day.name, source: day.source },
          });
        }
        return added;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const existing = await this.days.findInYears(
          this.dataSource.manager,
          Math.min(...rows.map((r) => Number(r.date.slice(0, 4)))),
          Math.max(...rows.map((r) => Number(r.date.slice(0, 4)))),
        );
        const clash = existing.find((e) => seen.has(e.date))?.date ?? null;
        throw new ConflictError(
          CalendarErrorCode.CALENDAR_DAY_EXISTS,
          `The calendar already has ${clash ?? 'one of the dates'}`,
          {
            date: clash,
          },
        );
      }
      throw error;
    }
  }

  /** Removes a table entry (the package's answer, or the plain week, applies again). Audited. */
  async removeDay(actor: Actor, date: string): Promise<void> {
    this.access.assertCan(actor, Permission.CALENDAR_MANAGE);
    const iso = LocalDate.parse(date).toString();
    await this.dataSource.transaction(async (tx) => {
      const removed = await this.days.deleteReturning(tx, iso);
      if (!removed) {
        throw new NotFoundError(
          CalendarErrorCode.CALENDAR_DAY_NOT_FOUND,
          `The calendar table has no entry for ${iso}`,
          {
            field: 'date',
            date: iso,
          },
        );
      }
      await this.audit.record(tx, {
        action: 'calendar_day.removed',
        entityType: 'calendar_day',
        entityId: iso,
        before: { kind: removed.kind, name: removed.name, source: removed.source },
      });
    });
  }
}
