import { BadInputError, Decimal } from '@mla/core';
import { LoanErrorCode } from '../errors';
import { DEFAULT_ALLOCATION_ORDER, type Component } from '../servicing/allocate-repayment';

/** '4.95' → '0.0495' (exact). */
export function percentToFraction(percent: string, field: string): string {
  if (!/^\d{1,2}(\.\d{1,6})?$/.test(percent)) {
    throw new BadInputError(LoanErrorCode.INVALID_RATE, `${field} must be a percentage such as 4.35`, { field });
  }
  return Decimal.of(percent).div(100, 8).toString();
}

/** A permutation of the three components, or the default. */
export function validAllocationOrder(order: Component[] | undefined): Component[] {
  if (order === undefined) return [...DEFAULT_ALLOCATION_ORDER];
  const sorted = [...order].sort().join(',');
  if (sorted !== 'interest,penalty,principal') {
    throw new BadInputError(
      LoanErrorCode.INVALID_ALLOCATION_ORDER,
      'allocationOrder must list penalty, interest and principal once each',
      {
        field: 'allocationOrder',
      },
    );
  }
  return order;
}
