import { Decimal, LocalDate, Money } from '@mla/core';
import { resolveConventions } from './conventions';
import { ScheduleErrorCode, invalidField } from './schedule-errors';
import {
  SCHEDULE_METHODS,
  type PrincipalPlanEntry,
  type RepaymentMethod,
  type ScheduleConventions,
  type ScheduleInput,
} from './schedule-types';

/** Longest term accepted (50 years): a guard against unit mistakes, not a policy limit (policies cap terms). */
export const MAX_TERM_MONTHS = 600;
/** Methods whose rows fall on monthly due dates, the only ones a firstDueDate applies to. */
const MONTHLY_METHODS: ReadonlyArray<RepaymentMethod> = [
  'EQUAL_INSTALLMENT',
  'EQUAL_PRINCIPAL',
  'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  'CUSTOM_PRINCIPAL_PLAN',
];

export interface ValidScheduleInput {
  principal: Money;
  annualRate: Decimal;
  valueDate: LocalDate;
  termMonths: number;
  method: RepaymentMethod;
  firstDueDate?: LocalDate;
  /** Sorted by month; empty unless CUSTOM_PRINCIPAL_PLAN. */
  principalPlan: PrincipalPlanEntry[];
  conventions: ScheduleConventions;
}

export function validateScheduleInput(input: ScheduleInput): ValidScheduleInput {
  if (input === null || typeof input !== 'object') throw invalidField('input', 'must be an object');
  const { principal, valueDate, termMonths, method, firstDueDate } = input;
  if (!(principal instanceof Money)) throw invalidField('principal', 'must be a Money amount');
  if (!principal.isPositive()) throw invalidField('principal', `must be positive, got ${principal.toYuanString()}`);
  const annualRate = parseRate(input.annualRate);
  if (!(valueDate instanceof LocalDate)) throw invalidField('valueDate', 'must be a LocalDate');
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    throw invalidField(
      'termMonths',
      `must be a whole number of months 1–${MAX_TERM_MONTHS}, got ${String(termMonths)}`,
    );
  }
  if (!SCHEDULE_METHODS.includes(method)) {
    throw invalidField('method', `must be one of ${SCHEDULE_METHODS.join(', ')}, got ${String(method)}`);
  }
  if (firstDueDate !== undefined) checkFirstDueDate(firstDueDate, valueDate, method);
  return {
    principal,
    annualRate,
    valueDate,
    termMonths,
    method,
    firstDueDate,
    principalPlan: checkPlan(input.principalPlan, method, termMonths),
    conventions: resolveConventions(method, input.conventions),
  };
}

function parseRate(value: Decimal | string): Decimal {
  let rate: Decimal;
  try {
    rate = Decimal.of(value);
  } catch {
    throw invalidField('annualRate', `must be a decimal fraction such as '0.0435', got ${String(value)}`);
  }
  if (rate.isNegative()) throw invalidField('annualRate', `must not be negative, got ${rate.toString()}`);
  // A fraction above 1 (100% a year) is almost certainly a percent passed by mistake ('4.35' for 4.35%).
  if (rate.gt(1)) {
    throw invalidField('annualRate', `is a fraction (0.0435 for 4.35%), got ${rate.toString()}`);
  }
  return rate;
}

function checkFirstDueDate(firstDueDate: LocalDate, valueDate: LocalDate, method: RepaymentMethod): void {
  if (!(firstDueDate instanceof LocalDate)) throw invalidField('firstDueDate', 'must be a LocalDate');
  if (!MONTHLY_METHODS.includes(method)) {
    throw invalidField('firstDueDate', `applies to monthly methods only, not ${method} (due dates follow the term)`);
  }
  // Within two months keeps the first period a recognisable (short or long) month, not a typo'd year.
  if (!firstDueDate.isAfter(valueDate) || firstDueDate.isAfter(valueDate.plusMonths(2))) {
    throw invalidField(
      'firstDueDate',
      `must be after the value date ${valueDate.toString()} and within 2 months of it, got ${firstDueDate.toString()}`,
    );
  }
}

function checkPlan(
  plan: ReadonlyArray<PrincipalPlanEntry> | undefined,
  method: RepaymentMethod,
  termMonths: number,
): PrincipalPlanEntry[] {
  const entries = plan ?? [];
  if (!Array.isArray(entries)) throw badPlan('principalPlan', 'must be a list of { month, percent }');
  if (method !== 'CUSTOM_PRINCIPAL_PLAN') {
    if (entries.length > 0) throw badPlan('principalPlan', `applies to CUSTOM_PRINCIPAL_PLAN only, not ${method}`);
    return [];
  }
  if (entries.length === 0) throw badPlan('principalPlan', 'is required for CUSTOM_PRINCIPAL_PLAN');
  const seen = new Set<number>();
  let sum = Decimal.ZERO;
  entries.forEach((entry, i) => {
    const field = `principalPlan[${i}]`;
    const month: unknown = entry?.month;
    if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > termMonths) {
      throw badPlan(`${field}.month`, `must be a month 1–${termMonths} of the term, got ${String(month)}`);
    }
    if (seen.has(month as number)) throw badPlan(`${field}.month`, `repeats month ${String(month)}`);
    seen.add(month as number);
    let percent: Decimal;
    try {
      percent = Decimal.of(entry.percent);
    } catch {
      throw badPlan(`${field}.percent`, `must be a decimal percent such as '10', got ${String(entry.percent)}`);
    }
    if (!percent.isPositive()) throw badPlan(`${field}.percent`, `must be positive, got ${percent.toString()}`);
    sum = sum.add(percent);
  });
  if (!sum.eq(100)) throw badPlan('principalPlan', `percents must sum to 100, got ${sum.toString()}`);
  const sorted = [...entries].sort((a, b) => a.month - b.month);
  if (sorted[sorted.length - 1].month !== termMonths) {
    throw badPlan('principalPlan', `must end in the last month of the term (${termMonths}) when the loan matures`);
  }
  return sorted.map((e) => ({ month: e.month, percent: Decimal.of(e.percent).toString() }));
}

function badPlan(field: string, problem: string) {
  return invalidField(field, problem, ScheduleErrorCode.INVALID_PRINCIPAL_PLAN);
}
