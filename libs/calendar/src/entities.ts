import { CalendarDay } from './calendar-day.entity';

/** The working calendar's tables. */
export const CALENDAR_ENTITIES = [CalendarDay];
