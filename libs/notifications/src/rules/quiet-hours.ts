import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { BUSINESS_TIME_ZONE, type LocalDate, businessDateOf } from '@mla/core';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Quiet hours 'HH:mm'–'HH:mm' in Asia/Shanghai; a window may cross midnight (21:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string): boolean {
  return HHMM.test(value);
}

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`"${hhmm}" is not a time HH:mm`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes since midnight of an instant in Asia/Shanghai. */
function businessMinutes(instant: Date): number {
  const t = dayjs(instant).tz(BUSINESS_TIME_ZONE);
  return t.hour() * 60 + t.minute();
}

/** The instant a business date's clock shows hh:mm (Asia/Shanghai). */
export function atBusinessTime(date: LocalDate, hhmm: string): Date {
  return dayjs.tz(`${date.toString()} ${hhmm}`, 'YYYY-MM-DD HH:mm', BUSINESS_TIME_ZONE).toDate();
}

/**
 * When a message may go out at `now` under these quiet hours: null when it may go now, else the instant the quiet
 * hours end. Start inclusive, end exclusive; start = end means no quiet hours.
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const minute = businessMinutes(now);
  const today = businessDateOf(now);
  if (start < end) {
    // Same-day window, e.g. 12:00–14:00.
    return minute >= start && minute < end ? atBusinessTime(today, quiet.end) : null;
  }
  // Across midnight, e.g. 21:00–08:00.
  if (minute >= start) return atBusinessTime(today.plusDays(1), quiet.end);
  if (minute < end) return atBusinessTime(today, quiet.end);
  return null;
}

/**
 * The first instant of the next business day a message may go out: the end of the quiet hours that run over
 * midnight, else midnight itself (the daily cap's wait).
 */
export function nextDayOpening(now: Date, quiet: QuietHours | null): Date {
  const tomorrow = businessDateOf(now).plusDays(1);
  const midnight = atBusinessTime(tomorrow, '00:00');
  return quietUntil(midnight, quiet) ?? midnight;
}
