import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@mla/config';
import { DataSource, type EntityManager } from 'typeorm';
import { addWorkingDays, workingDaysBetween, type LocalDate } from '@mla/core';
import { CalendarDayRepository } from './calendar-day.repository';
import { OfficialCalendar, bundledCalendar } from './official-calendar';

/**
 * The published port for working days by the Chinese official calendar: statutory holidays and make-up working
 * days (调休) from the bundled `chinese-days` package, overridden by the table administrators extend. A question
 * that reaches into a year neither holds counts Monday to Friday there and logs a warning (CALENDAR_UNKNOWN_YEAR=
 * WEEKDAYS, the default: work goes on in December before next year's notice is published), or is refused with
 * CALENDAR_YEAR_UNKNOWN naming the year (REFUSE). `GET /calendar/years/{year}` shows whether a year is known.
 *
 * Each method reads the table once; pass the caller's transaction to read on its connection.
 */
@Injectable()
export class WorkingCalendar {
  private readonly logger = new Logger(WorkingCalendar.name);
  private readonly warned = new Set<number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly days: CalendarDayRepository,
    private readonly config: AppConfig,
  ) {}

  /** The calendar for the years `fromYear`..`toYear`, for callers that ask many questions at once. */
  async forYears(fromYear: number, toYear: number, tx?: EntityManager): Promise<OfficialCalendar> {
    const rows = await this.days.findInYears(tx ?? this.dataSource.manager, fromYear, toYear);
    const mode = this.config.env.CALENDAR_UNKNOWN_YEAR;
    const calendar = new OfficialCalendar(rows, bundledCalendar(), { from: fromYear, to: toYear }, mode);
    for (let year = fromYear; year <= toYear; year += 1) {
      if (mode === 'WEEKDAYS' && !calendar.knowsYear(year) && !this.warned.has(year)) {
        this.warned.add(year);
        this.logger.warn(
          `No official holiday arrangement for ${year} yet: its working days count Monday to Friday until an administrator enters the State Council's notice (POST /calendar/days)`,
        );
      }
    }
    return calendar;
  }

  async isWorkingDay(date: LocalDate, tx?: EntityManager): Promise<boolean> {
    return (await this.forYears(date.year, date.year, tx)).isWorkingDay(date);
  }

  /** The date `days` working days after `from` (a claim due "10 working days after 20 September"). */
  async addWorkingDays(from: LocalDate, days: number, tx?: EntityManager): Promise<LocalDate> {
    // Never fewer than 240 working days a year, and no holiday period longer than 9 days: 2 days per working day
    // and a month to spare always reach the answer.
    const horizon = from.plusDays(days * 2 + 31);
    return addWorkingDays(from, days, await this.forYears(from.year, horizon.year, tx));
  }

  /** Working days after `from` up to and including `to`. */
  async workingDaysBetween(from: LocalDate, to: LocalDate, tx?: EntityManager): Promise<number> {
    if (!to.isAfter(from)) return 0;
    return workingDaysBetween(from, to, await this.forYears(from.year, to.year, tx));
  }
}
