/** How a federation officer checked on the borrower after the loan (贷后回访 / 就业核查). */
export enum FollowUpKind {
  /** 实地回访. */
  ON_SITE_VISIT = 'ON_SITE_VISIT',
  /** 电话回访. */
  PHONE = 'PHONE',
  /** 就业核查 (e.g. against the social-insurance or employment records). */
  EMPLOYMENT_CHECK = 'EMPLOYMENT_CHECK',
}

/** What the follow-up found of the borrower's business. */
export enum BusinessState {
  /** Still self-employed, the business operating. */
  STILL_OPERATING = 'STILL_OPERATING',
  /** The borrower took a job elsewhere: the subsidy stops from the date it took effect. */
  EMPLOYED_ELSEWHERE = 'EMPLOYED_ELSEWHERE',
  /** The business closed: the subsidy stops from the date it took effect. */
  BUSINESS_CLOSED = 'BUSINESS_CLOSED',
}

export const FOLLOW_UP_KINDS = Object.values(FollowUpKind);
export const BUSINESS_STATES = Object.values(BusinessState);

/** The states that end the borrower's self-employment (and so the subsidy) from their effective date. */
export const STOPPING_STATES: readonly BusinessState[] = [
  BusinessState.EMPLOYED_ELSEWHERE,
  BusinessState.BUSINESS_CLOSED,
];
