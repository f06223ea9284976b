import { Decimal } from '@mla/core';
import type { PolicyRules } from '../policies/policy-rules';
import { REPAYMENT_METHOD_LABELS_ZH, type RepaymentMethod } from '../policies/repayment-method';
import { check, isValidTerm, percent, yuan } from './check';
import { EligibilityRule, type EligibilityCheck, type EligibilityInput } from './eligibility-types';

// Rules about the loan asked for: amount, term, repayment method, rate.

export function individualAmount(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.AMOUNT_WITHIN_MAX;
  const code = 'AMOUNT_WITHIN_INDIVIDUAL_MAX';
  const amount = yuan(input.amountFen);
  const max = yuan(policy.individualMaxFen);
  const details = { amountYuan: amount, individualMaxYuan: max };
  if (input.amountFen <= 0n) {
    return check(
      rule,
      'FAIL',
      `申请金额 ${amount} 元无效，须大于零`,
      `Requested amount ${amount} yuan must be more than zero`,
      { ...details, reason: 'NOT_POSITIVE' },
      code,
    );
  }
  if (input.amountFen > policy.individualMaxFen) {
    return check(
      rule,
      'FAIL',
      `申请金额 ${amount} 元，超过个人贷款上限 ${max} 元`,
      `Requested amount ${amount} yuan exceeds the individual maximum of ${max} yuan`,
      { ...details, reason: 'ABOVE_MAX' },
      code,
    );
  }
  return check(
    rule,
    'PASS',
    `申请金额 ${amount} 元，未超过个人贷款上限 ${max} 元`,
    `Requested amount ${amount} yuan is within the individual maximum of ${max} yuan`,
    details,
    code,
  );
}

/**
 * A partnership borrows at most the least of: per-person max × partners; the policy's percentage of the sum of
 * the partners' individual limits (rounded down to the fen); the small-firm cap, if any.
 */
export function partnershipAmount(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.AMOUNT_WITHIN_MAX;
  const code = 'AMOUNT_WITHIN_PARTNERSHIP_MAX';
  const others = input.partnershipMembers ?? [];
  const partners = others.length + 1;
  const shares = [input.amountFen, ...others.map((m) => m.amountFen)];
  const total = shares.reduce((a, b) => a + b, 0n);
  const ownLimit = (fen: bigint | undefined) =>
    fen !== undefined && fen < policy.individualMaxFen ? fen : policy.individualMaxFen;
  const limitsSum = policy.individualMaxFen + others.reduce((sum, m) => sum + ownLimit(m.ownMaxFen), 0n);
  const perPersonCap = policy.partnershipPerPersonMaxFen * BigInt(partners);
  const percentCap = Decimal.of(limitsSum).mul(policy.partnershipTotalPercentOfMembers).div(100, 0, 'DOWN').mantissa;
  const caps: { name: string; fen: bigint }[] = [
    { name: 'PER_PERSON', fen: perPersonCap },
    { name: 'PERCENT_OF_MEMBERS', fen: percentCap },
    ...(policy.partnershipAbsoluteMaxFen !== null ? [{ name: 'ABSOLUTE', fen: policy.partnershipAbsoluteMaxFen }] : []),
  ];
  const binding = caps.reduce((a, b) => (b.fen < a.fen ? b : a));
  const details = {
    partners,
    totalYuan: yuan(total),
    perPersonCapYuan: yuan(perPersonCap),
    percentOfMembersCapYuan: yuan(percentCap),
    absoluteCapYuan: policy.partnershipAbsoluteMaxFen === null ? null : yuan(policy.partnershipAbsoluteMaxFen),
    capYuan: yuan(binding.fen),
    bindingCap: binding.name,
  };
  const explainZh = `${partners} 人合伙：每人上限合计 ${details.perPersonCapYuan} 元；成员个人额度之和的 ${policy.partnershipTotalPercentOfMembers}% 为 ${details.percentOfMembersCapYuan} 元${details.absoluteCapYuan ? `；小微企业上限 ${details.absoluteCapYuan} 元` : ''}`;
  const explainEn = `${partners} partners: per-person caps ${details.perPersonCapYuan}; ${policy.partnershipTotalPercentOfMembers}% of members' limits ${details.percentOfMembersCapYuan}${details.absoluteCapYuan ? `; small-firm cap ${details.absoluteCapYuan}` : ''}`;
  if (shares.some((fen) => fen <= 0n)) {
    return check(
      rule,
      'FAIL',
      '每位合伙人的申请金额须大于零',
      "Every partner's share must be more than zero",
      { ...details, reason: 'NOT_POSITIVE' },
      code,
    );
  }
  if (total > binding.fen) {
    return check(
      rule,
      'FAIL',
      `合伙贷款总额 ${details.totalYuan} 元，超过上限 ${details.capYuan} 元（${explainZh}）`,
      `Partnership total ${details.totalYuan} yuan exceeds the maximum of ${details.capYuan} yuan (${explainEn})`,
      { ...details, reason: 'ABOVE_MAX' },
      code,
    );
  }
  return check(
    rule,
    'PASS',
    `合伙贷款总额 ${details.totalYuan} 元，未超过上限 ${details.capYuan} 元（${explainZh}）`,
    `Partnership total ${details.totalYuan} yuan is within the maximum of ${details.capYuan} yuan (${explainEn})`,
    details,
    code,
  );
}

export function term(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.TERM_WITHIN_MAX;
  const details = { termMonths: input.termMonths, maxTermMonths: policy.maxTermMonths };
  if (!isValidTerm(input.termMonths)) {
    return check(
      rule,
      'FAIL',
      `贷款期限 ${input.termMonths} 个月无效，须为正整数`,
      `Term ${input.termMonths} months must be a whole number of months above zero`,
      { ...details, reason: 'INVALID_TERM' },
    );
  }
  if (input.termMonths > policy.maxTermMonths) {
    return check(
      rule,
      'FAIL',
      `贷款期限 ${input.termMonths} 个月，超过最长期限 ${policy.maxTermMonths} 个月`,
      `Term ${input.termMonths} months exceeds the maximum of ${policy.maxTermMonths}`,
      { ...details, reason: 'ABOVE_MAX' },
    );
  }
  return check(
    rule,
    'PASS',
    `贷款期限 ${input.termMonths} 个月，未超过 ${policy.maxTermMonths} 个月`,
    `Term ${input.termMonths} months is within the maximum of ${policy.maxTermMonths}`,
    details,
  );
}

export function repaymentMethod(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.REPAYMENT_METHOD_ALLOWED;
  const method = input.repaymentMethod;
  const label = REPAYMENT_METHOD_LABELS_ZH[method as RepaymentMethod] ?? method;
  const details = { repaymentMethod: method, allowed: policy.repaymentMethods };
  if (!policy.repaymentMethods.includes(method)) {
    return check(
      rule,
      'FAIL',
      `还款方式“${label}”不在本政策允许范围内`,
      `Repayment method ${method} is not allowed by the policy`,
      details,
    );
  }
  return check(rule, 'PASS', `还款方式“${label}”符合本政策`, `Repayment method ${method} is allowed`, details);
}

/** Requested rate ≤ 1-year LPR + cap; without both rates it is checked when the contract is signed. */
export function rateCap(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.RATE_WITHIN_CAP;
  const bp = policy.rateCapBasisPointsOverLpr;
  if (!input.requestedRatePercent || !input.lprPercent) {
    return check(
      rule,
      'PASS',
      `利率上限（签约日一年期LPR + ${bp} 个基点）在签订合同时核定`,
      `The rate cap (1-year LPR on the signing date + ${bp} bp) is checked at contract signing`,
      { capBasisPoints: bp, checkedAtSigning: true },
    );
  }
  let requested: Decimal;
  let lpr: Decimal;
  try {
    requested = Decimal.of(input.requestedRatePercent);
    lpr = Decimal.of(input.lprPercent);
  } catch {
    return check(rule, 'FAIL', '利率格式无效', 'A rate is not a plain decimal percentage', {
      requestedRatePercent: input.requestedRatePercent,
      lprPercent: input.lprPercent,
      reason: 'INVALID_RATE',
    });
  }
  const cap = lpr.add(Decimal.of(bp).div(100, 2));
  const details = {
    requestedRatePercent: percent(requested),
    lprPercent: percent(lpr),
    capBasisPoints: bp,
    capPercent: percent(cap),
  };
  if (requested.gt(cap)) {
    return check(
      rule,
      'FAIL',
      `申请利率 ${details.requestedRatePercent}% 超过上限 ${details.capPercent}%（LPR ${details.lprPercent}% + ${bp} 个基点）`,
      `Requested rate ${details.requestedRatePercent}% exceeds the cap of ${details.capPercent}% (LPR ${details.lprPercent}% + ${bp} bp)`,
      { ...details, reason: 'ABOVE_CAP' },
    );
  }
  return check(
    rule,
    'PASS',
    `申请利率 ${details.requestedRatePercent}% 未超过上限 ${details.capPercent}%（LPR ${details.lprPercent}% + ${bp} 个基点）`,
    `Requested rate ${details.requestedRatePercent}% is within the cap of ${details.capPercent}% (LPR ${details.lprPercent}% + ${bp} bp)`,
    details,
  );
}
