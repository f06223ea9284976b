import { NotFoundError } from '@mla/core';

export enum ApplicantErrorCode {
  APPLICANT_NOT_FOUND = 'APPLICANT_NOT_FOUND',
  APPLICANT_EXISTS = 'APPLICANT_EXISTS',
  /** The person is registered outside the caller's scope: said without naming the record. */
  APPLICANT_ALREADY_REGISTERED = 'APPLICANT_ALREADY_REGISTERED',
  REGION_OUTSIDE_SCOPE = 'REGION_OUTSIDE_SCOPE',
  CREDIT_CODE_INVALID = 'CREDIT_CODE_INVALID',
  REASON_REQUIRED = 'REASON_REQUIRED',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  OPEN_APPLICATION_EXISTS = 'OPEN_APPLICATION_EXISTS',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  SELF_REVIEW = 'SELF_REVIEW',
  TWICE_IN_A_ROW = 'TWICE_IN_A_ROW',
  WRONG_BANK = 'WRONG_BANK',
  FIELD_VISIT_REQUIRED = 'FIELD_VISIT_REQUIRED',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  INVALID_PARTNERSHIP = 'INVALID_PARTNERSHIP',
  GUARANTEE_REQUIRED = 'GUARANTEE_REQUIRED',
  /** A personal field asked for in clear that was never recorded. */
  NO_SUCH_VALUE = 'NO_SUCH_VALUE',
  UNKNOWN_STEP = 'UNKNOWN_STEP',
  INVALID_WORKING_DAYS = 'INVALID_WORKING_DAYS',
  /** The bank named on an application is not an active partner bank branch. */
  BANK_NOT_FOUND = 'BANK_NOT_FOUND',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
}

export function applicantNotFound(id: string): NotFoundError {
  return new NotFoundError(ApplicantErrorCode.APPLICANT_NOT_FOUND, `Applicant ${id} not found`, { id });
}
