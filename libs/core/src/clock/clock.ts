import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { BadInputError, CommonErrorCode } from '../errors/domain-error';
import { LocalDate } from '../date/local-date';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/** ISO 8601 instant with an explicit offset: a zone-less string would be read in the machine's zone. */
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The business date (Asia/Shanghai) on which an instant falls. */
export function businessDateOf(instant: Date): LocalDate {
  return LocalDate.parse(dayjs(instant).tz(BUSINESS_TIME_ZONE).format('YYYY-MM-DD'));
}

/** The instant at which a business date begins in Asia/Shanghai, e.g. for "created on" range queries. */
export function startOfBusinessDay(date: LocalDate): Date {
  return dayjs.tz(date.toString(), BUSINESS_TIME_ZONE).toDate();
}

/** Source of the current time; inject it so tests can freeze time. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's business date in Asia/Shanghai. */
  today(): LocalDate {
    return businessDateOf(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told otherwise; for tests. */
export class FixedClock extends Clock {
  private epochMs: number;

  constructor(instant: Date | string) {
    super();
    this.epochMs = toEpochMs(instant);
  }

  now(): Date {
    return new Date(this.epochMs);
  }

  set(instant: Date | string): void {
    this.epochMs = toEpochMs(instant);
  }

  advance(ms: number): void {
    if (!Number.isSafeInteger(ms))
      throw new BadInputError(CommonErrorCode.INVALID_DURATION, `Cannot advance a clock by ${ms} ms`);
    this.epochMs += ms;
  }
}

function toEpochMs(instant: Date | string): number {
  const ms = instant instanceof Date ? instant.getTime() : parseInstant(instant);
  if (Number.isNaN(ms)) {
    throw new BadInputError(
      CommonErrorCode.INVALID_INSTANT,
      `"${String(instant)}" is not a valid instant; use ISO 8601 with Z or an offset, e.g. 2024-03-19T16:30:00Z`,
    );
  }
  return ms;
}

function parseInstant(value: string): number {
  if (typeof value !== 'string' || !INSTANT_PATTERN.test(value)) return Number.NaN;
  // Date.parse rolls 2024-02-30 over to March; reject dates that do not exist.
  try {
    LocalDate.parse(value.slice(0, 10));
  } catch {
    return Number.NaN;
  }
  return Date.parse(value);
}
