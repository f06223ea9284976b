import { Decimal, LocalDate, MAX_FEN } from '@mla/core';
import type { FieldProblems } from './field-problems';
import {
  FUNDING_SHARE_LEVELS,
  SUBSIDY_PAYEES,
  SUBSIDY_PAYMENT_MODES,
  SUBSIDY_RULE_KINDS,
  SUBSIDY_RULE_PLAIN_OPTIONS,
  SubsidyRuleKind,
  type FundingShares,
  type SubsidyFormula,
  type SubsidyRule,
} from './subsidy-rule';

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
  const allowed = new Set<string>(['kind', 'borrowerBearsLprMinusBasisPoints', 'percent', ...OPTIONAL_FIELDS]);
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
  const options = validateOptions(input, problems);
  if (!rule) return null;
  return {
    ...rule,
    ...(taper ? { taper } : {}),
    ...(fundingShares ? { fundingShares } : {}),
    ...options,
  };
}

/** The fields after the formula, in the order they are stored. */
const OPTIONAL_FIELDS = ['taper', 'fundingShares', 'amountCapFen', ...SUBSIDY_RULE_PLAIN_OPTIONS] as const;

const FEN_DIGITS = /^[1-9]\d{0,17}$/;
const ANNUAL_PERCENT = /^\d{1,2}(\.\d{1,4})?$/;

type Options = Omit<SubsidyRule, keyof SubsidyFormula | 'taper' | 'fundingShares'>;

/** Caps, the extension exception, payment and the settlement calendar: each absent or null means the default. */
function validateOptions(input: Record<string, unknown>, problems: FieldProblems): Options {
  const out: Options = {};
  const given = (key: keyof Options): boolean => input[key] !== undefined && input[key] !== null;
  const field = (key: string) => `subsidyRule.${key}`;
  const integer = (key: keyof Options, min: number, max: number, en: string, zh: string): number | undefined => {
    if (!given(key)) return undefined;
    const value = input[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    problems.add(
      field(key),
      `must be an integer from ${min} to ${max} (${en})`,
      `须为${min}至${max}之间的整数（${zh}）`,
    );
    return undefined;
  };

  if (given('amountCapFen')) {
    const cap = input.amountCapFen;
    if (typeof cap === 'string' && FEN_DIGITS.test(cap) && BigInt(cap) <= MAX_FEN) out.amountCapFen = cap;
    else
      problems.add(
        field('amountCapFen'),
        "must be a whole number of fen above zero, as a string, e.g. '20000000'",
        '须为大于零的整数分金额（字符串），如“20000000”',
      );
  }
  const bp = integer('rateCapBasisPointsOverLpr', 0, 10_000, 'basis points over the LPR', '高于LPR的基点数');
  if (bp !== undefined) out.rateCapBasisPointsOverLpr = bp;
  if (given('rateCapAnnualPercent')) {
    const cap = input.rateCapAnnualPercent;
    if (typeof cap === 'string' && ANNUAL_PERCENT.test(cap) && Decimal.of(cap).isPositive())
      out.rateCapAnnualPercent = cap;
    else
      problems.add(
        field('rateCapAnnualPercent'),
        "must be an annual percentage above 0 with at most 4 decimals, e.g. '4.95'",
        '须为大于0、最多四位小数的年利率百分比，如“4.95”',
      );
  }
  const term = integer('termCapMonths', 1, 360, 'months', '月数');
  if (term !== undefined) out.termCapMonths = term;

  const date = (key: 'extensionSubsidisedFrom' | 'extensionSubsidisedUntil'): LocalDate | undefined => {
    if (!given(key)) return undefined;
    try {
      return LocalDate.parse(input[key] as string);
    } catch {
      problems.add(field(key), 'must be an existing date YYYY-MM-DD', '须为有效的日期，格式为 YYYY-MM-DD');
      return undefined;
    }
  };
  const from = date('extensionSubsidisedFrom');
  const until = date('extensionSubsidisedUntil');
  if (from) out.extensionSubsidisedFrom = from.toString();
  if (until) {
    if (!given('extensionSubsidisedFrom'))
      problems.add(
        field('extensionSubsidisedUntil'),
        'needs extensionSubsidisedFrom',
        '须同时填写展期贴息起始日期（extensionSubsidisedFrom）',
      );
    else if (from && until.isBefore(from))
      problems.add(
        field('extensionSubsidisedUntil'),
        `must not be before extensionSubsidisedFrom ${from.toString()}`,
        `不能早于展期贴息起始日期${from.toString()}`,
      );
    else out.extensionSubsidisedUntil = until.toString();
  }

  const grace = integer('onTimeGraceDays', 0, 90, 'calendar days', '自然日');
  if (grace !== undefined) out.onTimeGraceDays = grace;

  const oneOf = <T extends string>(key: 'paymentMode' | 'payee', allowed: readonly T[]): T | undefined => {
    if (!given(key)) return undefined;
    if (allowed.includes(input[key] as T)) return input[key] as T;
    problems.add(field(key), `must be one of ${allowed.join(', ')}`, `须为以下之一：${allowed.join('、')}`);
    return undefined;
  };
  const mode = oneOf('paymentMode', SUBSIDY_PAYMENT_MODES);
  if (mode) out.paymentMode = mode;
  const payee = oneOf('payee', SUBSIDY_PAYEES);
  if (payee) out.payee = payee;

  if (given('settlementMonths')) {
    const months = input.settlementMonths;
    if (
      Array.isArray(months) &&
      months.length > 0 &&
      months.every((m) => typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 12) &&
      months.every((m: number, i) => i === 0 || m > (months[i - 1] as number))
    )
      out.settlementMonths = [...(months as number[])];
    else
      problems.add(
        field('settlementMonths'),
        'must list months 1–12 in increasing order without repeats, e.g. [3, 6, 9, 12]',
        '须按从小到大列出1至12之间且不重复的月份，如 [3, 6, 9, 12]',
      );
  }
  const day = integer('settlementDay', 1, 31, 'day of the month, clamped to its end', '每月的日期，超过月末按月末');
  if (day !== undefined) out.settlementDay = day;
  for (const key of ['claimDeadlineWorkingDays', 'reviewDeadlineWorkingDays', 'paymentDeadlineWorkingDays'] as const) {
    const n = integer(key, 1, 60, 'working days', '工作日');
    if (n !== undefined) out[key] = n;
  }
  return out;
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
