import { Decimal, Money } from '@mla/core';
import { daysBetween, wholeMonthsAndOddDays, yearBasis } from './day-count';
import type { AccrualPeriod } from './periods';
import type { ScheduleConventions } from './schedule-types';

/** Days the day count gives a period (reported on the row, and the accrual days under ACTUAL_DAYS). */
export function periodDays(p: AccrualPeriod, c: ScheduleConventions): number {
  return daysBetween(p.from, p.to, c.dayCount);
}

/**
 * Interest on `balance` over one period, rounded once to the fen from the exact product (no intermediate
 * daily or monthly rate is rounded).
 * ACTUAL_DAYS: balance × rate × days / basis. PERIODIC: balance × rate × (months / 12 + oddDays / basis).
 */
export function periodInterest(balance: Money, annualRate: Decimal, p: AccrualPeriod, c: ScheduleConventions): Money {
  const basis = yearBasis(c.dayCount);
  if (c.interestBasis === 'ACTUAL_DAYS') {
    return Money.interest(balance, annualRate, periodDays(p, c), basis, c.rounding);
  }
  const { months, oddDays } = wholeMonthsAndOddDays(p.from, p.to, c.dayCount);
  // months / 12 + oddDays / basis over the common denominator 12 × basis keeps the product exact.
  const numerator = months * basis + 12 * oddDays;
  const exact = Decimal.of(balance.fen).mul(annualRate).mul(numerator);
  return Money.ofFen(exact.div(12 * basis, 0, c.rounding).mantissa);
}
