import type { LocalDate } from '@mla/core';
import type { PolicyRules } from '../policies/policy-rules';
import type { EligibilityCheck, EligibilityInput, EligibilityOutcome } from './eligibility-types';
import { cumulativeLoans, otherLoans, previousLoan } from './history-rules';
import { individualAmount, partnershipAmount, rateCap, repaymentMethod, term } from './loan-rules';
import { ageBand, agePlusTerm, category, publicSector, womenLine } from './person-rules';

/**
 * Checks an application against a policy on a date. Pure: no I/O, no clock. Returns one row per rule, in the
 * order of ELIGIBILITY_RULES, passes included; FAIL blocks, WARN asks a person to verify.
 */
export function checkEligibility(input: EligibilityInput, policy: PolicyRules, onDate: LocalDate): EligibilityCheck[] {
  const partnership = (input.partnershipMembers?.length ?? 0) > 0;
  return [
    ageBand(input, policy, onDate),
    agePlusTerm(input, policy, onDate),
    category(input, policy),
    womenLine(input, policy),
    publicSector(input, policy),
    partnership ? partnershipAmount(input, policy) : individualAmount(input, policy),
    term(input, policy),
    repaymentMethod(input, policy),
    previousLoan(input),
    cumulativeLoans(input, policy),
    otherLoans(input, policy),
    rateCap(input, policy),
  ];
}

/** The overall verdict: FAIL if any rule fails, else WARN if any warns, else PASS. */
export function overallOutcome(checks: EligibilityCheck[]): EligibilityOutcome {
  if (checks.some((c) => c.outcome === 'FAIL')) return 'FAIL';
  return checks.some((c) => c.outcome === 'WARN') ? 'WARN' : 'PASS';
}
