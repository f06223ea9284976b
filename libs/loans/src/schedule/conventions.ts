import { ROUNDING_MODES, type RoundingMode } from '@mla/core';
import { ScheduleErrorCode, invalidField } from './schedule-errors';
import {
  DAY_COUNTS,
  INTEREST_BASES,
  type InterestBasis,
  type RepaymentMethod,
  type ScheduleConventions,
} from './schedule-types';

/** Defaults shared by every method; interestBasis depends on the method (see defaultInterestBasis). */
export const DEFAULT_CONVENTIONS: Readonly<Omit<ScheduleConventions, 'interestBasis'>> = Object.freeze({
  dayCount: 'ACT_360',
  rounding: 'HALF_UP',
  installmentRounding: 'HALF_UP',
  installmentMultipleFen: 1,
  settlementDay: 20,
  settlementMonths: [3, 6, 9, 12],
  countMaturityDay: false,
  endOfMonthRule: false,
});

/**
 * Amortising methods quote a monthly rate (annual / 12, how 等额本息/等额本金 are priced); interest-only,
 * bullet and custom-plan loans accrue on actual days (日利率 = 年利率 / 360), as banks settle them.
 */
export function defaultInterestBasis(method: RepaymentMethod): InterestBasis {
  return method === 'EQUAL_INSTALLMENT' || method === 'EQUAL_PRINCIPAL' ? 'PERIODIC' : 'ACTUAL_DAYS';
}

/**
 * A guard against unit mistakes (yuan typed where fen are meant), not a policy limit: 10,000 yuan. Whether a
 * multiple suits a loan is checked when its schedule is built.
 */
export const MAX_INSTALLMENT_MULTIPLE_FEN = 1_000_000;

/** Every convention a schedule takes; stored conventions and API documents list exactly these. */
export const CONVENTION_KEYS: ReadonlyArray<keyof ScheduleConventions> = [
  'dayCount',
  'interestBasis',
  'rounding',
  'installmentRounding',
  'installmentMultipleFen',
  'settlementDay',
  'settlementMonths',
  'countMaturityDay',
  'endOfMonthRule',
];

/** Fills in defaults and checks every value: conventions often come back from stored JSON. */
export function resolveConventions(
  method: RepaymentMethod,
  given: Partial<ScheduleConventions> | null = {},
): ScheduleConventions {
  given ??= {}; // a nullable JSON column reads back as null
  if (typeof given !== 'object' || Array.isArray(given)) {
    throw bad('conventions', 'must be an object');
  }
  // An unknown key is most likely a typo ('daycount') that would silently change money: reject it.
  const unknown = Object.keys(given).filter((k) => !CONVENTION_KEYS.includes(k as keyof ScheduleConventions));
  if (unknown.length > 0) throw bad(`conventions.${unknown[0]}`, 'is not a schedule convention');
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const c: ScheduleConventions = {
    ...DEFAULT_CONVENTIONS,
    settlementMonths: [...DEFAULT_CONVENTIONS.settlementMonths],
    interestBasis: defaultInterestBasis(method),
    ...defined,
  };
  oneOf('dayCount', c.dayCount, DAY_COUNTS);
  oneOf('interestBasis', c.interestBasis, INTEREST_BASES);
  oneOf('rounding', c.rounding, ROUNDING_MODES);
  oneOf('installmentRounding', c.installmentRounding, ROUNDING_MODES as ReadonlyArray<RoundingMode>);
  const multiple = c.installmentMultipleFen;
  if (!Number.isSafeInteger(multiple) || multiple < 1 || multiple > MAX_INSTALLMENT_MULTIPLE_FEN) {
    throw bad(
      'conventions.installmentMultipleFen',
      `must be a whole number of fen 1–${MAX_INSTALLMENT_MULTIPLE_FEN} (100 = 1 yuan), got ${String(multiple)}`,
    );
  }
  // Only 等额本息 has a level installment; a multiple given for another method would silently do nothing.
  if (multiple !== 1 && method !== 'EQUAL_INSTALLMENT') {
    throw bad('conventions.installmentMultipleFen', `applies to EQUAL_INSTALLMENT only, not ${method}`);
  }
  if (!Number.isInteger(c.settlementDay) || c.settlementDay < 1 || c.settlementDay > 31) {
    throw bad('conventions.settlementDay', `must be a day of the month 1–31, got ${String(c.settlementDay)}`);
  }
  const months = c.settlementMonths;
  if (
    !Array.isArray(months) ||
    months.length === 0 ||
    months.some((m) => !Number.isInteger(m) || m < 1 || m > 12) ||
    new Set(months).size !== months.length
  ) {
    throw bad('conventions.settlementMonths', `must be distinct months 1–12, got ${JSON.stringify(months)}`);
  }
  for (const key of ['countMaturityDay', 'endOfMonthRule'] as const) {
    if (typeof c[key] !== 'boolean') throw bad(`conventions.${key}`, `must be true or false`);
  }
  return { ...c, settlementMonths: [...months].sort((a, b) => a - b) };
}

function oneOf<T>(key: string, value: T, allowed: ReadonlyArray<T>): void {
  if (!allowed.includes(value)) {
    throw bad(`conventions.${key}`, `must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
}

function bad(field: string, problem: string) {
  return invalidField(field, problem, ScheduleErrorCode.INVALID_SCHEDULE_CONVENTION);
}
