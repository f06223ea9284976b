import { Decimal } from '@mla/core';
import type { FieldProblems } from './field-problems';

export enum SubsidyRuleKind {
  /** The whole actual interest is subsidised (2009 women's line): the borrower pays nothing. */
  FULL_ACTUAL_INTEREST = 'FULL_ACTUAL_INTEREST',
  /** Subsidy = contract rate − (1-year LPR − N bp); the borrower bears LPR − N bp (财金〔2020〕21号). */
  CONTRACT_RATE_MINUS_BORROWER_SHARE = 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
  /** A percentage of the actual interest (e.g. 50% after 财金〔2023〕75号). */
  PERCENT_OF_ACTUAL_INTEREST = 'PERCENT_OF_ACTUAL_INTEREST',
}

export const SUBSIDY_RULE_KINDS: readonly SubsidyRuleKind[] = Object.values(SubsidyRuleKind);

/** How the subsidy is split between the budgets; decimal fractions that sum to exactly 1. */
export interface FundingShares {
  central: string;
  provincial: string;
  city: string;
  county: string;
}

export const FUNDING_SHARE_LEVELS: readonly (keyof FundingShares)[] = ['central', 'provincial', 'city', 'county'];

export type SubsidyFormula =
  | { kind: 'FULL_ACTUAL_INTEREST' }
  | { kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE'; borrowerBearsLprMinusBasisPoints: number }
  | { kind: 'PERCENT_OF_ACTUAL_INTEREST'; percent: string };

/**
 * The subsidy rule of a policy, stored as jsonb. `taper` gives the fraction of the subsidy paid in each loan
 * year (e.g. ['1', '0.6667', '0.3333']); `fundingShares` the split between budgets. Computed in the subsidy
 * context; stored and validated here.
 */
export type SubsidyRule = SubsidyFormula & {
  taper?: string[];
  fundingShares?: FundingShares;
};

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
const MAX_TAPER_YEARS = 30;

function fraction(value: unknown): Decimal | null {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) return null;
  const d = Decimal.of(value);
  return d.gt(1) ? null : d;
}

/**
 * Checks a subsidy rule field by field, adding problems under `subsidyRule.<field>`, and returns a copy with only
 * the known keys (or null when it is unusable).
 */
export function validateSubsidyRule(raw: unknown, problems: FieldProblems): SubsidyRule | null {
  const field = 'subsidyRule';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add(field, 'must be an object with a kind', '须为包含 kind（贴息方式）的对象');
    return null;
  }
  const input = raw as Record<string, unknown>;
  const allowed = new Set(['kind', 'borrowerBearsLprMinusBasisPoints', 'percent', 'taper', 'fundingShares']);
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) problems.add(`${field}.${key}`, 'is not a field of a subsidy rule', '不是贴息规则的字段');
  }
  let rule: SubsidyRule | null = null;
  switch (input.kind) {
    case SubsidyRuleKind.FULL_ACTUAL_INTEREST:
      rule = { kind: SubsidyRuleKind.FULL_ACTUAL_INTEREST };
      break;
    case SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE: {
      const bp = input.borrowerBearsLprMinusBasisPoints;
      if (typeof bp !== 'number' || !Number.isInteger(bp) || bp < 0 || bp > 10_000) {
        problems.add(
          `${field}.borrowerBearsLprMinusBasisPoints`,
          'must be an integer number of basis points 0–10000',
          '须为0至10000之间的整数基点',
        );
      } else {
        rule = { kind: SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE, borrowerBearsLprMinusBasisPoints: bp };
      }
      break;
    }
    case SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST: {
      const percent = input.percent;
      if (
        typeof percent !== 'string' ||
        !PLAIN_DECIMAL.test(percent) ||
        !Decimal.of(percent).isPositive() ||
        Decimal.of(percent).gt(100)
      ) {
        problems.add(
          `${field}.percent`,
          "must be a decimal string above 0 and at most 100, e.g. '50'",
          '须为大于0且不超过100的数值，如“50”',
        );
      } else {
        rule = { kind: SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST, percent };
      }
      break;
    }
    default:
      problems.add(
        `${field}.kind`,
        `must be one of ${SUBSIDY_RULE_KINDS.join(', ')}`,
        `须为以下贴息方式之一：${SUBSIDY_RULE_KINDS.join('、')}`,
      );
  }
  if (
    input.kind !== SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE &&
    'borrowerBearsLprMinusBasisPoints' in input
  ) {
    problems.add(
      `${field}.borrowerBearsLprMinusBasisPoints`,
      `applies only to ${SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE}`,
      `仅适用于贴息方式 ${SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE}`,
    );
  }
  if (input.kind !== SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST && 'percent' in input) {
    problems.add(
      `${field}.percent`,
      `applies only to ${SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST}`,
      `仅适用于贴息方式 ${SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST}`,
    );
  }
  const taper = validateTaper(input.taper, problems);
  const fundingShares = validateFundingShares(input.fundingShares, problems);
  if (!rule) return null;
  return {
    ...rule,
    ...(taper ? { taper } : {}),
    ...(fundingShares ? { fundingShares } : {}),
  };
}

function validateTaper(raw: unknown, problems: FieldProblems): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const field = 'subsidyRule.taper';
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_TAPER_YEARS) {
    problems.add(
      field,
      `must list 1–${MAX_TAPER_YEARS} fractions, one per loan year`,
      `须按贷款年度逐年列出比例，共1至${MAX_TAPER_YEARS}项`,
    );
    return undefined;
  }
  let ok = true;
  raw.forEach((value, i) => {
    if (!fraction(value)) {
      problems.add(
        `${field}[${i}]`,
        "must be a decimal string from 0 to 1, e.g. '0.6667'",
        '须为0至1之间的小数，如“0.6667”',
      );
      ok = false;
    }
  });
  return ok ? (raw as string[]) : undefined;
}

function validateFundingShares(raw: unknown, problems: FieldProblems): FundingShares | undefined {
  if (raw === undefined || raw === null) return undefined;
  const field = 'subsidyRule.fundingShares';
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add(
      field,
      'must be an object { central, provincial, city, county }',
      '须为包含中央、省、市、县四级分担比例（central、provincial、city、county）的对象',
    );
    return undefined;
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(FUNDING_SHARE_LEVELS as string[]).includes(key))
      problems.add(`${field}.${key}`, 'is not a budget level', '不是财政分担层级');
  }
  const shares: Partial<Record<keyof FundingShares, Decimal>> = {};
  for (const level of FUNDING_SHARE_LEVELS) {
    const share = fraction(input[level]);
    if (!share)
      problems.add(
        `${field}.${level}`,
        "must be a decimal string from 0 to 1, e.g. '0.75'",
        '须为0至1之间的小数，如“0.75”',
      );
    else shares[level] = share;
  }
  if (Object.keys(shares).length !== FUNDING_SHARE_LEVELS.length) return undefined;
  const total = Decimal.sum(Object.values(shares));
  if (!total.eq(1)) {
    problems.add(
      field,
      `must sum to exactly 1, got ${total.toString()}`,
      `各级分担比例之和须等于1，现为${total.toString()}`,
    );
    return undefined;
  }
  const [central, provincial, city, county] = FUNDING_SHARE_LEVELS.map((level) => input[level] as string);
  return { central, provincial, city, county };
}
