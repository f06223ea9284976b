import { BadInputError, RuleViolationError } from '../errors/domain-error';
import { DateErrorCode } from './date-errors';
import { LocalDate } from './local-date';

export { DateErrorCode } from './date-errors';

/**
 * The earliest business date any record may carry when nothing closer bounds it: the programme's loans and funds
 * date from 2002, so an earlier date is a typing error (0001-01-01, 1900-01-01), never history.
 */
export const EARLIEST_BUSINESS_DATE = LocalDate.of(2000, 1, 1);

export interface DateLimits {
  /** Inclusive; none: unbounded below. */
  min?: LocalDate | string | null;
  /** Inclusive; none: unbounded above. */
  max?: LocalDate | string | null;
  /** What the minimum is, e.g. 'the disbursement value date'. */
  minReason?: string;
  /** What the maximum is, e.g. 'today'. */
  maxReason?: string;
}

const asDate = (d: LocalDate | string | null | undefined): LocalDate | null =>
  d == null ? null : typeof d === 'string' ? LocalDate.parse(d) : d;

/** Parses a date input, naming the field when it is malformed (400 INVALID_DATE). */
export function parseDateField(field: string, raw: unknown): LocalDate {
  try {
    return LocalDate.parse(raw as string);
  } catch (error) {
    throw new BadInputError(DateErrorCode.INVALID_DATE, `${field}: ${(error as Error).message}`, { field });
  }
}

/**
 * Parses (when given a string) and bounds a business date. Out of range is a 422 DATE_OUT_OF_RANGE whose details
 * name the field and both limits, e.g. `{ field: 'valueDate', value, min: '2026-03-01', max: '2026-12-02' }`.
 */
export function assertDateWithin(field: string, value: LocalDate | string, limits: DateLimits): LocalDate {
  const date = typeof value === 'string' ? parseDateField(field, value) : value;
  const min = asDate(limits.min);
  const max = asDate(limits.max);
  const below = min !== null && date.isBefore(min);
  const above = max !== null && date.isAfter(max);
  if (below || above) {
    const limit = below
      ? `before ${min.toString()}${limits.minReason ? ` (${limits.minReason})` : ''}`
      : `after ${(max as LocalDate).toString()}${limits.maxReason ? ` (${limits.maxReason})` : ''}`;
    throw new RuleViolationError(DateErrorCode.DATE_OUT_OF_RANGE, `${field} ${date.toString()} is ${limit}`, {
      field,
      value: date.toString(),
      ...(min ? { min: min.toString() } : {}),
      ...(max ? { max: max.toString() } : {}),
      ...(limits.minReason ? { minReason: limits.minReason } : {}),
      ...(limits.maxReason ? { maxReason: limits.maxReason } : {}),
    });
  }
  return date;
}

/** A query range: `from` on or before `to`, and at most `maxDays` long when given (400 INVALID_DATE_RANGE). */
export function assertDateRange(
  from: LocalDate,
  to: LocalDate,
  options: { fromField?: string; toField?: string; maxDays?: number } = {},
): void {
  const { fromField = 'from', toField = 'to', maxDays } = options;
  if (to.isBefore(from)) {
    throw new BadInputError(DateErrorCode.INVALID_DATE_RANGE, `${toField} must be on or after ${fromField}`, {
      field: toField,
      min: from.toString(),
    });
  }
  if (maxDays !== undefined && from.daysUntil(to) > maxDays) {
    throw new BadInputError(
      DateErrorCode.INVALID_DATE_RANGE,
      `${fromField}–${toField} may span at most ${maxDays} days`,
      { field: toField, max: from.plusDays(maxDays).toString(), maxDays },
    );
  }
}
