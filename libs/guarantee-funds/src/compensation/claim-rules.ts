import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, RuleViolationError } from '@mla/core';
import type { LoanExposure } from '@mla/loans';
import { GuaranteeErrorCode } from '../errors';
import { fundShareOf } from '../funds/fund-rules';
import { CompensationBasis } from '../funds/fund-status';
import type { GuaranteeFund } from '../funds/guarantee-fund.entity';
import type { Guarantee } from '../guarantees/guarantee.entity';
import type { ClaimStatus } from './claim-status';
import type { CompensationClaim } from './compensation-claim.entity';

/** The figures a claim carries: what the loan owes, what the basis covers, and the fund's share of it. */
export type ClaimFigures = Pick<
  CompensationClaim,
  'principalOutstandingFen' | 'interestOverdueFen' | 'compensationBasis' | 'fundShare' | 'coveredFen' | 'fundPaysFen'
>;

/** A claim's figures for a loan's exposure; a filed claim keeps the basis it was filed under. */
export function claimFiguresOf(
  fund: GuaranteeFund,
  guarantee: Guarantee,
  exposure: LoanExposure,
  claim?: CompensationClaim,
): ClaimFigures {
  const basis = claim?.compensationBasis ?? fund.compensationBasis;
  const coveredFen =
    exposure.principalOutstandingFen +
    (basis === CompensationBasis.PRINCIPAL_AND_INTEREST ? exposure.interestOverdueFen : 0n);
  return {
    principalOutstandingFen: exposure.principalOutstandingFen,
    interestOverdueFen: exposure.interestOverdueFen,
    compensationBasis: basis,
    fundShare: guarantee.fundShare,
    coveredFen,
    fundPaysFen: fundShareOf(coveredFen, guarantee.fundShare),
  };
}

export function assertPastTrigger(fund: GuaranteeFund, exposure: LoanExposure, guarantee: Guarantee): void {
  if (exposure.daysPastDue <= fund.compensationTriggerDays) {
    throw new RuleViolationError(
      GuaranteeErrorCode.BEFORE_TRIGGER,
      `Loan ${exposure.loan.contractNumber} is ${exposure.daysPastDue} days past due; fund ${fund.code} compensates after ${fund.compensationTriggerDays}`,
      {
        daysPastDue: exposure.daysPastDue,
        triggerDays: fund.compensationTriggerDays,
        guarantee: guarantee.contractNumber,
      },
    );
  }
}

export function assertClaimStatus(claim: CompensationClaim, allowed: ClaimStatus[]): void {
  if (!allowed.includes(claim.status)) {
    throw new InvalidStateError(
      GuaranteeErrorCode.INVALID_CLAIM_STATE,
      `Claim ${claim.number} is ${claim.status}, not ${allowed.join(' or ')}`,
      { status: claim.status },
    );
  }
}

export function samePersonError(step: string): ForbiddenError {
  return new ForbiddenError(
    GuaranteeErrorCode.SAME_PERSON,
    `You ${step} this claim; another person must take the next step`,
  );
}

export function claimExistsError(existing: CompensationClaim): ConflictError {
  return new ConflictError(
    GuaranteeErrorCode.CLAIM_EXISTS,
    `Loan already has compensation claim ${existing.number} (${existing.status})`,
    { claimId: existing.id, number: existing.number, status: existing.status },
  );
}

export function claimNotFoundError(id: string): NotFoundError {
  return new NotFoundError(GuaranteeErrorCode.CLAIM_NOT_FOUND, `Compensation claim ${id} not found`, { id });
}
