import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addWorkingDays, workingDaysBetween, type LocalDate } from '@mla/core';
import { CalendarDayRepository } from './calendar-day.repository';
import { OfficialCalendar, bundledCalendar } from './official-calendar';

/**
 * The published port for working days by the Chinese official calendar: statutory holidays and make-up working
 * days (调休) from the bundled `chinese-days` package, overridden by the table administrators extend. A question
 * that reaches into a year neither holds is refused with CALENDAR_YEAR_UNKNOWN (422, naming the year): a deadline
 * counted Monday to Friday would move once the year is entered, and deadlines must not move silently.
 *
 * Each method reads the table once; pass the caller's transaction to read on its connection.
 */
@Injectable()
export class WorkingCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly days: CalendarDayRepository,
  ) {}

  /** The calendar for the years `fromYear`..`toYear`, for callers that ask many questions at once. */
  async forYears(fromYear: number, toYear: number, tx?: EntityManager): Promise<OfficialCalendar> {
    const rows = await this.days.findInYears(tx ?? this.dataSource.manager, fromYear, toYear);
    return new OfficialCalendar(rows, bundledCalendar(), { from: fromYear, to: toYear });
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
