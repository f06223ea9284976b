import type { LocalDate } from '@mla/core';
import { BORROWER_CATEGORY_LABELS_ZH, type BorrowerCategory } from '../policies/borrower-category';
import { EMPLOYER_KIND_LABELS_ZH, type EmployerKind } from '../policies/employer-kind';
import type { PolicyRules } from '../policies/policy-rules';
import { check, isValidTerm } from './check';
import { EligibilityRule, type EligibilityCheck, type EligibilityInput } from './eligibility-types';

// Rules about the person: age, category, sex on the women's line, employer.

export function ageBand(input: EligibilityInput, policy: PolicyRules, onDate: LocalDate): EligibilityCheck {
  const rule = EligibilityRule.AGE_BAND;
  const base = {
    birthDate: input.birthDate.toString(),
    onDate: onDate.toString(),
    minAge: policy.minAge,
    maxAge: policy.maxAge,
  };
  if (input.birthDate.isAfter(onDate)) {
    return check(
      rule,
      'FAIL',
      `出生日期 ${base.birthDate} 晚于审核日期 ${base.onDate}`,
      `Birth date ${base.birthDate} is after the check date ${base.onDate}`,
      { ...base, reason: 'BIRTH_DATE_AFTER_CHECK_DATE' },
    );
  }
  const age = input.birthDate.age(onDate);
  const details = { ...base, age };
  if (age < policy.minAge) {
    return check(
      rule,
      'FAIL',
      `年龄 ${age} 岁，低于最低年龄 ${policy.minAge} 岁`,
      `Age ${age} is below the minimum age of ${policy.minAge}`,
      { ...details, reason: 'BELOW_MIN_AGE' },
    );
  }
  if (age > policy.maxAge) {
    return check(
      rule,
      'FAIL',
      `年龄 ${age} 岁，超过最高年龄 ${policy.maxAge} 岁`,
      `Age ${age} is above the maximum age of ${policy.maxAge}`,
      { ...details, reason: 'ABOVE_MAX_AGE' },
    );
  }
  return check(
    rule,
    'PASS',
    `年龄 ${age} 岁，在 ${policy.minAge}–${policy.maxAge} 岁之间`,
    `Age ${age} is within ${policy.minAge}–${policy.maxAge}`,
    details,
  );
}

/** Age on the maturity date (check date + term) must not exceed the limit: "age + term ≤ N". */
export function agePlusTerm(input: EligibilityInput, policy: PolicyRules, onDate: LocalDate): EligibilityCheck {
  const rule = EligibilityRule.AGE_PLUS_TERM;
  const limit = policy.maxAgePlusTermYears;
  if (limit === null) {
    return check(rule, 'PASS', '本政策未设年龄加贷款期限上限', 'The policy sets no age-plus-term limit', {
      limit: null,
    });
  }
  if (!isValidTerm(input.termMonths) || input.birthDate.isAfter(onDate)) {
    return check(
      rule,
      'FAIL',
      '贷款期限或出生日期无效，无法核对年龄加贷款期限',
      'The term or birth date is invalid, so age plus term cannot be checked',
      { limit, reason: 'CANNOT_EVALUATE' },
    );
  }
  const maturity = onDate.plusMonths(input.termMonths);
  const ageAtMaturity = input.birthDate.age(maturity);
  const details = { limit, maturityDate: maturity.toString(), ageAtMaturity, termMonths: input.termMonths };
  if (ageAtMaturity > limit) {
    return check(
      rule,
      'FAIL',
      `贷款到期日 ${maturity.toString()} 时年龄 ${ageAtMaturity} 岁，超过年龄加贷款期限上限 ${limit} 岁`,
      `Age at maturity (${maturity.toString()}) would be ${ageAtMaturity}, above the age-plus-term limit of ${limit}`,
      details,
    );
  }
  return check(
    rule,
    'PASS',
    `贷款到期日 ${maturity.toString()} 时年龄 ${ageAtMaturity} 岁，不超过 ${limit} 岁`,
    `Age at maturity (${maturity.toString()}) would be ${ageAtMaturity}, within the limit of ${limit}`,
    details,
  );
}

export function category(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.CATEGORY_ELIGIBLE;
  const code = input.category;
  const details = { category: code, eligibleCategories: policy.eligibleCategories };
  if (!code) {
    return check(rule, 'FAIL', '未确定申请人的人员类别', 'The applicant has no borrower category', {
      ...details,
      reason: 'NO_CATEGORY',
    });
  }
  const label = BORROWER_CATEGORY_LABELS_ZH[code as BorrowerCategory] ?? code;
  if (!policy.eligibleCategories.includes(code)) {
    return check(
      rule,
      'FAIL',
      `人员类别“${label}”不在本政策支持范围内`,
      `Borrower category ${code} is not eligible under this policy`,
      { ...details, reason: 'NOT_ELIGIBLE' },
    );
  }
  return check(rule, 'PASS', `人员类别“${label}”符合本政策`, `Borrower category ${code} is eligible`, details);
}

export function womenLine(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.WOMEN_LINE_SEX;
  const details = { womenOnly: policy.womenOnly, sex: input.sex };
  if (!policy.womenOnly) return check(rule, 'PASS', '本政策不限性别', 'The policy is open to all sexes', details);
  if (input.sex === 'M') {
    return check(
      rule,
      'WARN',
      '身份证性别位显示为男性，本政策为妇女创业贷款，请核实',
      "The ID's sex digit indicates a man and this is the women's line: verify before going on",
      details,
    );
  }
  return check(rule, 'PASS', '女性申请人，符合妇女创业贷款要求', "Female applicant on the women's line", details);
}

export function publicSector(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.PUBLIC_SECTOR_EMPLOYMENT;
  const kind = input.employment.employerKind ?? null;
  const details = {
    publicSector: input.employment.publicSector,
    employerKind: kind,
    excludedEmployers: policy.excludedEmployers,
  };
  if (input.employment.publicSector) {
    return check(
      rule,
      'FAIL',
      '申请人在机关、事业单位或国有企业任职，不符合条件',
      'The applicant works in the public sector (government, public institution or state enterprise)',
      { ...details, reason: 'PUBLIC_SECTOR' },
    );
  }
  if (kind && policy.excludedEmployers.includes(kind)) {
    const label = EMPLOYER_KIND_LABELS_ZH[kind as EmployerKind] ?? kind;
    return check(
      rule,
      'FAIL',
      `申请人就职于${label}，属于本政策排除的单位`,
      `The applicant's employer (${kind}) is excluded by the policy`,
      { ...details, reason: 'EXCLUDED_EMPLOYER' },
    );
  }
  return check(
    rule,
    'PASS',
    '申请人未在政策排除的单位任职',
    'The applicant does not work for an excluded employer',
    details,
  );
}
