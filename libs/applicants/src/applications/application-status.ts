import { Permission } from '@mla/auth';

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  /** Waiting for the federation's initial review and field visit (初审). */
  SUBMITTED = 'SUBMITTED',
  /** Recommended by the federation (推荐); waiting for the employment bureau (资格审核). */
  RECOMMENDED = 'RECOMMENDED',
  /** Eligibility confirmed; waiting for the guarantee fund (担保审核). */
  ELIGIBILITY_CONFIRMED = 'ELIGIBILITY_CONFIRMED',
  /** Guarantee approved; waiting for the bank (银行审批). */
  GUARANTEE_APPROVED = 'GUARANTEE_APPROVED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  /** Sent back for changes; the officer edits and submits again. */
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
  /** The loan made from it has ended (repaid); the person may apply again. */
  CLOSED = 'CLOSED',
}

export enum ReviewStep {
  FEDERATION_REVIEW = 'FEDERATION_REVIEW',
  EMPLOYMENT_REVIEW = 'EMPLOYMENT_REVIEW',
  GUARANTEE_REVIEW = 'GUARANTEE_REVIEW',
  BANK_REVIEW = 'BANK_REVIEW',
}

export type ReviewDecision = 'APPROVE' | 'REJECT' | 'RETURN';

/** The review steps in order: which status waits for each, who may act, and where approval leads. */
export const REVIEW_STEPS: Record<
  ReviewStep,
  { waitingStatus: ApplicationStatus; approvedStatus: ApplicationStatus; permission: Permission }
> = {
  [ReviewStep.FEDERATION_REVIEW]: {
    waitingStatus: ApplicationStatus.SUBMITTED,
    approvedStatus: ApplicationStatus.RECOMMENDED,
    permission: Permission.APPLICATION_REVIEW_FEDERATION,
  },
  [ReviewStep.EMPLOYMENT_REVIEW]: {
    waitingStatus: ApplicationStatus.RECOMMENDED,
    approvedStatus: ApplicationStatus.ELIGIBILITY_CONFIRMED,
    permission: Permission.APPLICATION_REVIEW_EMPLOYMENT,
  },
  [ReviewStep.GUARANTEE_REVIEW]: {
    waitingStatus: ApplicationStatus.ELIGIBILITY_CONFIRMED,
    approvedStatus: ApplicationStatus.GUARANTEE_APPROVED,
    permission: Permission.APPLICATION_REVIEW_GUARANTEE,
  },
  [ReviewStep.BANK_REVIEW]: {
    waitingStatus: ApplicationStatus.GUARANTEE_APPROVED,
    approvedStatus: ApplicationStatus.APPROVED,
    permission: Permission.APPLICATION_REVIEW_BANK,
  },
};

export function stepWaitingIn(status: ApplicationStatus): ReviewStep | null {
  const found = Object.entries(REVIEW_STEPS).find(([, s]) => s.waitingStatus === status);
  return found ? (found[0] as ReviewStep) : null;
}

/** Statuses in which the person has an open application (at most one at a time). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.DRAFT,
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.RECOMMENDED,
  ApplicationStatus.ELIGIBILITY_CONFIRMED,
  ApplicationStatus.GUARANTEE_APPROVED,
  ApplicationStatus.APPROVED,
  ApplicationStatus.RETURNED,
];

export const EDITABLE_STATUSES: readonly ApplicationStatus[] = [ApplicationStatus.DRAFT, ApplicationStatus.RETURNED];
export const WITHDRAWABLE_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.DRAFT,
  ApplicationStatus.RETURNED,
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.RECOMMENDED,
  ApplicationStatus.ELIGIBILITY_CONFIRMED,
  ApplicationStatus.GUARANTEE_APPROVED,
];

export enum LoanPurpose {
  GREENHOUSE = 'GREENHOUSE',
  LIVESTOCK = 'LIVESTOCK',
  MACHINERY = 'MACHINERY',
  SHOP = 'SHOP',
  PROCESSING = 'PROCESSING',
  OTHER = 'OTHER',
}
