import { ApplicantErrorCode } from '@mla/applicants';
import { AccessErrorCode, AuthErrorCode } from '@mla/auth';
import { CommonErrorCode, DateErrorCode } from '@mla/core';
import { GuaranteeErrorCode } from '@mla/guarantee-funds';
import { LoanPolicyErrorCode } from '@mla/loan-policies';
import { LoanErrorCode, ScheduleErrorCode } from '@mla/loans';
import { QueueErrorCode } from '@mla/queue';
import { ReconciliationErrorCode } from '@mla/reconciliation';
import { ApiErrorCode } from './api-error-code';

/**
 * Every error-code enum the API can answer with, one per context, each imported by name from the context's index.
 * A new context (or a new enum) is added here so its codes appear in the OpenAPI document.
 */
const CATALOGUES: ReadonlyArray<Record<string, string>> = [
  CommonErrorCode,
  DateErrorCode,
  ApiErrorCode,
  QueueErrorCode,
  AuthErrorCode,
  AccessErrorCode,
  ApplicantErrorCode,
  LoanPolicyErrorCode,
  LoanErrorCode,
  ScheduleErrorCode,
  GuaranteeErrorCode,
  ReconciliationErrorCode,
];

/** Every code an error response may carry, sorted and without repeats (contexts may share a code). */
export const ERROR_CODES: readonly string[] = [...new Set(CATALOGUES.flatMap((catalogue) => Object.values(catalogue)))]
  .filter((code) => typeof code === 'string')
  .sort();
