import { Money, type Decimal } from '@mla/core';
import { annuityInstallment } from './annuity';
import { periodDays, periodInterest } from './interest';
import { periodEnd, periodStart, regularMonthEndingWith, type AccrualPeriod } from './periods';
import type { ScheduleConventions, ScheduleRow } from './schedule-types';

export interface RowTerms {
  principal: Money;
  annualRate: Decimal;
  conventions: ScheduleConventions;
}

/** Rows whose principal is fixed in advance; each period accrues on the balance outstanding during it. */
export function rowsWithPrincipalShares(periods: AccrualPeriod[], shares: Money[], terms: RowTerms): ScheduleRow[] {
  let balance = terms.principal;
  return periods.map((period, i) => {
    const interest = periodInterest(balance, terms.annualRate, period, terms.conventions);
    balance = balance.subtract(shares[i]);
    return row(i, period, shares[i], interest, balance, terms.conventions);
  });
}

/**
 * 等额本息: every row but the last pays the level installment; interest comes first and principal is the rest.
 * The last row repays the remaining balance with its interest. Principal is kept within [0, balance].
 * A short or long first period (firstDueDate) changes only the first row's interest: its principal is what the
 * installment leaves after a regular month's interest, and the row pays that plus the interest of its actual
 * days. Taking the rest of the installment instead would repay the odd days' difference as principal up front;
 * compounded over a long term that shortfall or excess empties the last rows (a 1-day first period on a 30-year
 * loan left the last three rows at 0.00) or swells the last one.
 */
export function levelInstallmentRows(periods: AccrualPeriod[], terms: RowTerms): ScheduleRow[] {
  const { conventions: c } = terms;
  const installment = annuityInstallment(terms.principal, terms.annualRate, periods.length, c.installmentRounding);
  let balance = terms.principal;
  return periods.map((period, i) => {
    const interest = periodInterest(balance, terms.annualRate, period, c);
    const regular = i === 0 ? periodInterest(balance, terms.annualRate, regularMonthEndingWith(period), c) : interest;
    const rest = Money.max(installment.subtract(regular), Money.zero());
    const principal = i === periods.length - 1 ? balance : Money.min(rest, balance);
    balance = balance.subtract(principal);
    return row(i, period, principal, interest, balance, c);
  });
}

function row(
  index: number,
  period: AccrualPeriod,
  principal: Money,
  interest: Money,
  balanceAfter: Money,
  c: ScheduleConventions,
): ScheduleRow {
  return {
    number: index + 1,
    periodStart: periodStart(period),
    periodEnd: periodEnd(period),
    dueDate: period.dueDate,
    days: periodDays(period, c),
    principal,
    interest,
    total: principal.add(interest),
    balanceAfter,
  };
}
