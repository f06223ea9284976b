import { Money, type Decimal } from '@mla/core';
import { annuityInstallment } from './annuity';
import { periodDays, periodInterest } from './interest';
import { periodEnd, periodStart, regularMonthEndingWith, type AccrualPeriod } from './periods';
import { ScheduleErrorCode, invalidField } from './schedule-errors';
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
 * With conventions.installmentMultipleFen the installment is a multiple of that many fen and the last row takes
 * the rounding remainder; a multiple so coarse that a row before the last would repay no principal or clear the
 * loan early is refused, naming that convention.
 */
export function levelInstallmentRows(periods: AccrualPeriod[], terms: RowTerms): ScheduleRow[] {
  const { conventions: c } = terms;
  const multiple = c.installmentMultipleFen;
  const installment = annuityInstallment(
    terms.principal,
    terms.annualRate,
    periods.length,
    c.installmentRounding,
    multiple,
  );
  const last = periods.length - 1;
  let balance = terms.principal;
  return periods.map((period, i) => {
    const interest = periodInterest(balance, terms.annualRate, period, c);
    const regular = i === 0 ? periodInterest(balance, terms.annualRate, regularMonthEndingWith(period), c) : interest;
    const rest = Money.max(installment.subtract(regular), Money.zero());
    // Rounding to a fen never starves a row; a coarse multiple can: refuse rather than bend the level rows.
    if (multiple > 1 && i < last && (!rest.isPositive() || !rest.lt(balance))) {
      throw tooCoarse(installment, multiple, i + 1, rest.isPositive());
    }
    const principal = i === last ? balance : Money.min(rest, balance);
    balance = balance.subtract(principal);
    return row(i, period, principal, interest, balance, c);
  });
}

function tooCoarse(installment: Money, multipleFen: number, rowNumber: number, repaysEarly: boolean) {
  const problem = repaysEarly
    ? `would repay the whole loan by row ${rowNumber}, before maturity`
    : `would repay no principal on row ${rowNumber} (it does not exceed the interest)`;
  return invalidField(
    'conventions.installmentMultipleFen',
    `is too coarse for this loan: the installment rounded to a multiple of ${Money.ofFen(BigInt(multipleFen)).toYuanString()} yuan (${installment.toYuanString()}) ${problem}`,
    ScheduleErrorCode.INVALID_SCHEDULE_CONVENTION,
  );
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
