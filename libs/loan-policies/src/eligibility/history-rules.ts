import { OTHER_LOAN_KIND_LABELS_ZH, OtherLoanKind } from '../policies/other-loan-kind';
import type { PolicyRules } from '../policies/policy-rules';
import { check, yuan } from './check';
import { EligibilityRule, type EligibilityCheck, type EligibilityInput, type OtherLoan } from './eligibility-types';

// Rules about the borrowing history of the applicant and spouse.

export function previousLoan(input: EligibilityInput): EligibilityCheck {
  const rule = EligibilityRule.PREVIOUS_LOAN_REPAID;
  const details = { outstanding: input.priorProgrammeLoans.outstanding };
  if (input.priorProgrammeLoans.outstanding) {
    return check(
      rule,
      'FAIL',
      '申请人此前的创业担保贷款尚未结清，还清后方可再次申请',
      'A previous programme loan is still outstanding; a new loan only after it is fully repaid',
      details,
    );
  }
  return check(rule, 'PASS', '申请人无未结清的创业担保贷款', 'No previous programme loan is outstanding', details);
}

export function cumulativeLoans(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.CUMULATIVE_LOANS;
  const count = input.priorProgrammeLoans.count;
  const details = { priorLoans: count, maxCumulativeLoans: policy.maxCumulativeLoans };
  if (!Number.isInteger(count) || count < 0) {
    return check(rule, 'FAIL', `此前贷款次数 ${count} 无效`, `Prior loan count ${count} is invalid`, {
      ...details,
      reason: 'INVALID_COUNT',
    });
  }
  if (count >= policy.maxCumulativeLoans) {
    return check(
      rule,
      'FAIL',
      `申请人已获得 ${count} 次本项目贷款，累计不得超过 ${policy.maxCumulativeLoans} 次`,
      `The applicant already had ${count} programme loans; at most ${policy.maxCumulativeLoans} are allowed`,
      { ...details, reason: 'LIMIT_REACHED' },
    );
  }
  return check(
    rule,
    'PASS',
    `本次为第 ${count + 1} 次贷款，累计不超过 ${policy.maxCumulativeLoans} 次`,
    `This would be loan ${count + 1} of at most ${policy.maxCumulativeLoans}`,
    details,
  );
}

const HOLDER_ZH = { APPLICANT: '申请人', SPOUSE: '配偶' } as const;
const HOLDER_EN = { APPLICANT: 'The applicant', SPOUSE: 'The spouse' } as const;

/** Applicant and spouse: an outstanding loan of a non-exempt kind, or a small consumer loan above the limit. */
export function otherLoans(input: EligibilityInput, policy: PolicyRules): EligibilityCheck {
  const rule = EligibilityRule.OTHER_LOANS;
  const limit = policy.smallConsumerLoanMaxFen;
  const offending: (OtherLoan & { reason: 'NOT_EXEMPT' | 'ABOVE_SMALL_CONSUMER_MAX' })[] = [];
  for (const loan of input.otherLoans) {
    if (loan.outstandingFen <= 0n) continue;
    if (!policy.otherLoanExemptKinds.includes(loan.kind)) offending.push({ ...loan, reason: 'NOT_EXEMPT' });
    else if (loan.kind === OtherLoanKind.SMALL_CONSUMER && loan.outstandingFen > limit) {
      offending.push({ ...loan, reason: 'ABOVE_SMALL_CONSUMER_MAX' });
    }
  }
  const details = {
    exemptKinds: policy.otherLoanExemptKinds,
    smallConsumerLoanMaxYuan: yuan(limit),
    offending: offending.map((l) => ({
      holder: l.holder,
      kind: l.kind,
      outstandingYuan: yuan(l.outstandingFen),
      reason: l.reason,
    })),
  };
  if (offending.length === 0) {
    return check(
      rule,
      'PASS',
      '申请人及配偶无政策不允许的其他贷款',
      'Neither the applicant nor the spouse has a loan the policy does not allow',
      details,
    );
  }
  const zh = offending.map((l) => {
    const kind = OTHER_LOAN_KIND_LABELS_ZH[l.kind as OtherLoanKind] ?? l.kind;
    const over = l.reason === 'ABOVE_SMALL_CONSUMER_MAX' ? `，超过 ${yuan(limit)} 元` : '';
    return `${HOLDER_ZH[l.holder]}有未结清的${kind}，余额 ${yuan(l.outstandingFen)} 元${over}`;
  });
  const en = offending.map((l) => {
    const over = l.reason === 'ABOVE_SMALL_CONSUMER_MAX' ? `, above the ${yuan(limit)} yuan small consumer limit` : '';
    return `${HOLDER_EN[l.holder]} has an outstanding ${l.kind} loan of ${yuan(l.outstandingFen)} yuan${over}`;
  });
  return check(rule, 'FAIL', zh.join('；'), en.join('; '), details);
}
