import { Decimal, LocalDate, MAX_FEN, isValidRegionCode } from '@mla/core';
import { LoanPolicyErrorCode } from '../errors';
import { BORROWER_CATEGORIES } from './borrower-category';
import { EMPLOYER_KINDS } from './employer-kind';
import { FieldProblems } from './field-problems';
import { OTHER_LOAN_KINDS } from './other-loan-kind';
import { PENALTY_BASES, PREPAYMENT_MODES, PenaltyBasis, type PolicyRules, type PrepaymentMode } from './policy-rules';
import { REPAYMENT_METHODS } from './repayment-method';
import { validateSubsidyRule } from './subsidy-rule-validation';

/** A new policy version: the identity fields and every rule. Dates are 'YYYY-MM-DD'; money is fen. */
export interface CreatePolicyInput extends Omit<PolicyRules, 'prepaymentMode' | 'penaltyBasis'> {
  /** Defaults to REAMORTISE. */
  prepaymentMode?: PrepaymentMode;
  penaltyBasis?: PenaltyBasis;
  code: string;
  name: string;
  legalBasis?: string | null;
  jurisdictionRegionCode: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

/** What is stored for a new version, before the version number and status are assigned. */
export type NewPolicyValues = Required<Omit<CreatePolicyInput, 'legalBasis' | 'effectiveTo'>> & {
  legalBasis: string | null;
  effectiveTo: string | null;
};

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const PERCENT = /^\d+(\.\d{1,2})?$/;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Validates every field of a new policy and names each bad one (BadInputError INVALID_POLICY with
 * `details: [{ field, problems }]`). Use cases validate their own input: the CLI and seeders bypass HTTP.
 */
export function validatePolicyInput(input: CreatePolicyInput): NewPolicyValues {
  const p = new FieldProblems();
  const text = (field: 'code' | 'name' | 'legalBasis', value: unknown, max: number, optional = false) => {
    if (optional && (value === undefined || value === null)) return;
    if (typeof value !== 'string' || value.trim() === '') p.add(field, 'must be a non-empty string', '不能为空');
    else if (value.length > max) p.add(field, `must be at most ${max} characters`, `不能超过${max}个字符`);
  };
  text('code', input.code, 32);
  if (typeof input.code === 'string' && !CODE.test(input.code)) {
    p.add(
      'code',
      "must be upper-case letters and digits in dash-separated groups, e.g. 'CEGL-2024'",
      '须为大写字母和数字，以“-”分组，如“CEGL-2024”',
    );
  }
  text('name', input.name, 200);
  text('legalBasis', input.legalBasis, 500, true);
  if (typeof input.jurisdictionRegionCode !== 'string' || !isValidRegionCode(input.jurisdictionRegionCode)) {
    p.add(
      'jurisdictionRegionCode',
      'must be a 6, 9 or 12 digit administrative division code',
      '须为6位、9位或12位行政区划代码',
    );
  }

  const date = (field: 'effectiveFrom' | 'effectiveTo', value: unknown): LocalDate | null => {
    try {
      return LocalDate.parse(value as string);
    } catch {
      p.add(field, 'must be an existing date YYYY-MM-DD', '须为有效的日期，格式为 YYYY-MM-DD');
      return null;
    }
  };
  const from = date('effectiveFrom', input.effectiveFrom);
  const to = input.effectiveTo == null ? null : date('effectiveTo', input.effectiveTo);
  if (from && to && to.isBefore(from))
    p.add('effectiveTo', `must not be before effectiveFrom ${from.toString()}`, `不能早于生效日期${from.toString()}`);

  if (!isInt(input.minAge, 16, 100)) p.add('minAge', 'must be an integer from 16 to 100', '须为16至100之间的整数');
  if (!isInt(input.maxAge, 16, 100)) p.add('maxAge', 'must be an integer from 16 to 100', '须为16至100之间的整数');
  else if (isInt(input.minAge, 16, 100) && input.maxAge < input.minAge)
    p.add('maxAge', 'must not be below minAge', '不能小于最低年龄');
  if (input.maxAgePlusTermYears != null && !isInt(input.maxAgePlusTermYears, 16, 120)) {
    p.add('maxAgePlusTermYears', 'must be null or an integer from 16 to 120', '须为空或16至120之间的整数');
  }

  const fen = (field: keyof PolicyRules, value: unknown, { nullable = false, zeroAllowed = false } = {}) => {
    if (nullable && (value === null || value === undefined)) return;
    if (typeof value !== 'bigint' || value > MAX_FEN || value < (zeroAllowed ? 0n : 1n)) {
      p.add(
        field,
        `must be ${zeroAllowed ? 'zero or more' : 'more than zero'} (whole fen)${nullable ? ' or null' : ''}`,
        `须为${zeroAllowed ? '不小于零' : '大于零'}的金额（精确到分）${nullable ? '或为空' : ''}`,
      );
    }
  };
  fen('individualMaxFen', input.individualMaxFen);
  fen('partnershipPerPersonMaxFen', input.partnershipPerPersonMaxFen);
  fen('partnershipAbsoluteMaxFen', input.partnershipAbsoluteMaxFen, { nullable: true });
  fen('smallConsumerLoanMaxFen', input.smallConsumerLoanMaxFen, { zeroAllowed: true });

  const percent = input.partnershipTotalPercentOfMembers;
  if (
    typeof percent !== 'string' ||
    !PERCENT.test(percent) ||
    !Decimal.of(percent).isPositive() ||
    Decimal.of(percent).gt(1000)
  ) {
    p.add(
      'partnershipTotalPercentOfMembers',
      "must be a percentage above 0 and at most 1000 with ≤ 2 decimals, e.g. '110'",
      '须为大于0且不超过1000、最多两位小数的百分比，如“110”',
    );
  }

  if (!isInt(input.maxTermMonths, 1, 360))
    p.add('maxTermMonths', 'must be an integer from 1 to 360', '须为1至360之间的整数');
  if (!isInt(input.extensionMaxMonths, 0, 120))
    p.add('extensionMaxMonths', 'must be an integer from 0 to 120', '须为0至120之间的整数');
  if (!isInt(input.maxCumulativeLoans, 1, 100))
    p.add('maxCumulativeLoans', 'must be an integer from 1 to 100', '须为1至100之间的整数');
  if (!isInt(input.rateCapBasisPointsOverLpr, 0, 10_000)) {
    p.add(
      'rateCapBasisPointsOverLpr',
      'must be an integer number of basis points from 0 to 10000',
      '须为0至10000之间的整数基点',
    );
  }
  if (input.prepaymentMode !== undefined && !PREPAYMENT_MODES.includes(input.prepaymentMode)) {
    p.add(
      'prepaymentMode',
      `must be one of ${PREPAYMENT_MODES.join(', ')}`,
      `须为以下之一：${PREPAYMENT_MODES.join('、')}`,
    );
  }
  if (input.penaltyBasis !== undefined && !PENALTY_BASES.includes(input.penaltyBasis)) {
    p.add('penaltyBasis', `must be one of ${PENALTY_BASES.join(', ')}`, `须为以下之一：${PENALTY_BASES.join('、')}`);
  }
  for (const field of ['womenOnly', 'counterGuaranteeRequired'] as const) {
    if (typeof input[field] !== 'boolean') p.add(field, 'must be true or false', '须为 true 或 false');
  }

  const codes = (field: keyof PolicyRules, value: unknown, allowed: readonly string[], nonEmpty: boolean) => {
    if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
      p.add(
        field,
        nonEmpty ? 'must list at least one code' : 'must be a list of codes',
        nonEmpty ? '至少需要选择一项' : '须为代码列表',
      );
      return;
    }
    const unknown = value.filter((v) => !allowed.includes(v as string));
    if (unknown.length)
      p.add(
        field,
        `has unknown codes ${unknown.join(', ')}; allowed: ${allowed.join(', ')}`,
        `含有不存在的代码${unknown.join('、')}；可选：${allowed.join('、')}`,
      );
    if (new Set(value).size !== value.length) p.add(field, 'must not repeat a code', '不能有重复的代码');
  };
  codes('eligibleCategories', input.eligibleCategories, BORROWER_CATEGORIES, true);
  codes('repaymentMethods', input.repaymentMethods, REPAYMENT_METHODS, true);
  codes('otherLoanExemptKinds', input.otherLoanExemptKinds, OTHER_LOAN_KINDS, false);
  codes('excludedEmployers', input.excludedEmployers, EMPLOYER_KINDS, false);

  const subsidyRule = validateSubsidyRule(input.subsidyRule, p);
  p.throwIfAny(LoanPolicyErrorCode.INVALID_POLICY, 'Loan policy');

  return {
    code: input.code,
    name: input.name.trim(),
    legalBasis: input.legalBasis?.trim() || null,
    jurisdictionRegionCode: input.jurisdictionRegionCode,
    effectiveFrom: (from as LocalDate).toString(),
    effectiveTo: to ? to.toString() : null,
    minAge: input.minAge,
    maxAge: input.maxAge,
    maxAgePlusTermYears: input.maxAgePlusTermYears ?? null,
    individualMaxFen: input.individualMaxFen,
    partnershipPerPersonMaxFen: input.partnershipPerPersonMaxFen,
    partnershipTotalPercentOfMembers: percent,
    partnershipAbsoluteMaxFen: input.partnershipAbsoluteMaxFen ?? null,
    maxTermMonths: input.maxTermMonths,
    extensionMaxMonths: input.extensionMaxMonths,
    maxCumulativeLoans: input.maxCumulativeLoans,
    rateCapBasisPointsOverLpr: input.rateCapBasisPointsOverLpr,
    eligibleCategories: [...input.eligibleCategories],
    womenOnly: input.womenOnly,
    counterGuaranteeRequired: input.counterGuaranteeRequired,
    prepaymentMode: input.prepaymentMode ?? 'REAMORTISE',
    penaltyBasis: input.penaltyBasis ?? PenaltyBasis.PRINCIPAL,
    repaymentMethods: [...input.repaymentMethods],
    otherLoanExemptKinds: [...input.otherLoanExemptKinds],
    smallConsumerLoanMaxFen: input.smallConsumerLoanMaxFen,
    excludedEmployers: [...input.excludedEmployers],
    subsidyRule: subsidyRule as NonNullable<typeof subsidyRule>,
  };
}
