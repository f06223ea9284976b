import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarDay } from './calendar-day.entity';

export type NewCalendarDay = Pick<CalendarDay, 'date' | 'kind' | 'name' | 'source' | 'createdByUserId'>;

/** The administrators' calendar table. */
@Injectable()
export class CalendarDayRepository {
  /** Rows from the first day of `fromYear` to the last of `toYear`, in date order. */
  async findInYears(tx: EntityManager, fromYear: number, toYear: number): Promise<CalendarDay[]> {
    return tx
      .getRepository(CalendarDay)
      .createQueryBuilder('d')
      .where('d.date BETWEEN :from AND :to', { from: `${fromYear}-01-01`, to: `${toYear}-12-31` })
      .orderBy('d.date', 'ASC')
      .getMany();
  }

  /** Inserts the rows in one statement; a date already present fails the whole insert (unique violation). */
  async insertMany(tx: EntityManager, rows: NewCalendarDay[]): Promise<CalendarDay[]> {
    await tx.insert(CalendarDay, rows);
    return tx
      .getRepository(CalendarDay)
      .createQueryBuilder('d')
      .where('d.date IN (:...dates)', { dates: rows.map((r) => r.date) })
      .orderBy('d.date', 'ASC')
      .getMany();
  }

  /** Deletes the row and returns it as it was, or null when there was none. */
  async deleteReturning(tx: EntityManager, date: string): Promise<CalendarDay | null> {
    const row = await tx.getRepository(CalendarDay).findOne({ where: { date }, lock: { mode: 'pessimistic_write' } });
    if (!row) return null;
    await tx.delete(CalendarDay, { date });
    return row;
  }
}
