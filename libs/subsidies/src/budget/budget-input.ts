import { BadInputError, CommonErrorCode, LocalDate, isValidRegionCode } from '@mla/core';
import { SubsidyErrorCode } from '../errors';
import type { BudgetKey } from './budget-rules';
import { FUNDING_LEVELS, type FundingLevel } from './funding-level';

export const MIN_FISCAL_YEAR = 2000;
export const MAX_FISCAL_YEAR = 2100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks a budget key as callers outside HTTP (claims, jobs, the CLI) pass it. */
export function budgetKey(regionCode: string, fiscalYear: number, fundingLevel: string): BudgetKey {
  if (typeof regionCode !== 'string' || !isValidRegionCode(regionCode)) {
    throw new BadInputError(CommonErrorCode.INVALID_REGION_CODE, `regionCode ${regionCode} is not a division code`, {
      field: 'regionCode',
    });
  }
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) {
    throw new BadInputError(
      SubsidyErrorCode.INVALID_FISCAL_YEAR,
      `fiscalYear must be a year from ${MIN_FISCAL_YEAR} to ${MAX_FISCAL_YEAR}`,
      { field: 'fiscalYear', min: MIN_FISCAL_YEAR, max: MAX_FISCAL_YEAR },
    );
  }
  if (!FUNDING_LEVELS.includes(fundingLevel as FundingLevel)) {
    throw new BadInputError(
      SubsidyErrorCode.INVALID_FUNDING_LEVEL,
      `fundingLevel must be one of ${FUNDING_LEVELS.join(', ')}`,
      { field: 'fundingLevel' },
    );
  }
  return { regionCode, fiscalYear, fundingLevel: fundingLevel as FundingLevel };
}

/** A positive amount of fen (bigint). */
export function positiveFen(value: bigint, field: string): bigint {
  if (typeof value !== 'bigint' || value <= 0n) {
    throw new BadInputError(SubsidyErrorCode.INVALID_AMOUNT, `${field} must be a positive bigint of fen`, { field });
  }
  return value;
}

export function uuidOf(value: string, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, `${field} must be a UUID`, { field });
  }
  return value.toLowerCase();
}

export function dateOf(value: string, field: string): string {
  try {
    return LocalDate.parse(value).toString();
  } catch {
    throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, `${field} must be a date YYYY-MM-DD`, { field });
  }
}
