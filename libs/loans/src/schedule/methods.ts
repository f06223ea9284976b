import { atMaturity, equalShares, planShares } from './principal-shares';
import { monthlyPeriods, settlementPeriods, singlePeriod } from './periods';
import { levelInstallmentRows, rowsWithPrincipalShares } from './rows';
import type { RepaymentMethod, ScheduleRow } from './schedule-types';
import type { ValidScheduleInput } from './validate-input';

/**
 * One builder per method. They differ only in which periods they use and how principal is spread; day count,
 * interest basis and rounding come from the conventions, never from the method.
 */
export const METHOD_BUILDERS: Readonly<Record<RepaymentMethod, (input: ValidScheduleInput) => ScheduleRow[]>> = {
  EQUAL_INSTALLMENT: equalInstallment,
  EQUAL_PRINCIPAL: equalPrincipal,
  INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY: interestMonthly,
  INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY: interestAtSettlement,
  BULLET: bullet,
  CUSTOM_PRINCIPAL_PLAN: customPlan,
};

/** 等额本息. */
function equalInstallment(input: ValidScheduleInput): ScheduleRow[] {
  return levelInstallmentRows(monthlyPeriods(input), input);
}

/** 等额本金. */
function equalPrincipal(input: ValidScheduleInput): ScheduleRow[] {
  const periods = monthlyPeriods(input);
  const shares = equalShares(input.principal, periods.length, input.conventions.rounding);
  return rowsWithPrincipalShares(periods, shares, input);
}

/** 按月付息到期还本. */
function interestMonthly(input: ValidScheduleInput): ScheduleRow[] {
  const periods = monthlyPeriods(input);
  return rowsWithPrincipalShares(periods, atMaturity(input.principal, periods.length), input);
}

/** 按季付息到期还本: interest on the settlement days (conventions.settlementDay/settlementMonths). */
function interestAtSettlement(input: ValidScheduleInput): ScheduleRow[] {
  const periods = settlementPeriods(input);
  return rowsWithPrincipalShares(periods, atMaturity(input.principal, periods.length), input);
}

/** 到期一次还本付息. */
function bullet(input: ValidScheduleInput): ScheduleRow[] {
  const periods = singlePeriod(input);
  return rowsWithPrincipalShares(periods, atMaturity(input.principal, periods.length), input);
}

/** Custom principal plan: monthly interest, principal on the planned months. */
function customPlan(input: ValidScheduleInput): ScheduleRow[] {
  const periods = monthlyPeriods(input);
  const shares = planShares(input.principal, periods.length, input.principalPlan, input.conventions.rounding);
  return rowsWithPrincipalShares(periods, shares, input);
}
