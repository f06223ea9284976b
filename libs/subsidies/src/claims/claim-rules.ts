import type { FundingShares } from '@mla/loan-policies';
import type { SubsidyLine } from '../calculation/subsidy-line';
import { FundingLevel, FUNDING_LEVELS } from '../budget/funding-level';
import { ClaimLineEligibility } from './claim-status';

/** The budget level of each share of the split (the rule's keys → the ledger's levels, in lock order). */
export const LEVEL_OF_SHARE: Readonly<Record<keyof FundingShares, FundingLevel>> = {
  central: FundingLevel.CENTRAL,
  provincial: FundingLevel.PROVINCIAL,
  city: FundingLevel.CITY,
  county: FundingLevel.COUNTY,
};

/** The split of a line by funding level, in `FUNDING_LEVELS` order (the order budgets must be locked in). */
export function splitByLevel(split: {
  centralFen: bigint;
  provincialFen: bigint;
  cityFen: bigint;
  countyFen: bigint;
}): { level: FundingLevel; fen: bigint }[] {
  const byLevel: Record<FundingLevel, bigint> = {
    [FundingLevel.CENTRAL]: split.centralFen,
    [FundingLevel.PROVINCIAL]: split.provincialFen,
    [FundingLevel.CITY]: split.cityFen,
    [FundingLevel.COUNTY]: split.countyFen,
  };
  return FUNDING_LEVELS.map((level) => ({ level, fen: byLevel[level] }));
}

/** FULL when every check passed, NONE when nothing is left, else REDUCED. */
export function eligibilityOf(line: SubsidyLine): ClaimLineEligibility {
  if (line.subsidyFen === 0n) return ClaimLineEligibility.NONE;
  return line.checks.every((c) => c.passed) ? ClaimLineEligibility.FULL : ClaimLineEligibility.REDUCED;
}

/** The line as jsonb: bigint figures become strings of fen (jsonb has no bigint; a number would lose fen). */
export function lineAsJson(line: SubsidyLine): object {
  return JSON.parse(
    JSON.stringify(line, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  ) as object;
}

/** The budget year a claim draws on: the year of its settlement date (a December claim paid in January included). */
export function fiscalYearOf(settlementDate: string): number {
  return Number(settlementDate.slice(0, 4));
}
