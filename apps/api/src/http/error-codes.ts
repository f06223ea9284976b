import { ACCESS_MESSAGES, AUTH_MESSAGES, AccessErrorCode, AuthErrorCode } from '@mla/auth';
import { APPLICANT_MESSAGES, ApplicantErrorCode } from '@mla/applicants';
import { CALENDAR_MESSAGES, CalendarErrorCode } from '@mla/calendar';
import {
  COMMON_MESSAGES,
  CommonErrorCode,
  DATE_MESSAGES,
  DateErrorCode,
  type ErrorCatalogue,
  type Messages,
} from '@mla/core';
import { GUARANTEE_MESSAGES, GuaranteeErrorCode } from '@mla/guarantee-funds';
import { LOAN_POLICY_MESSAGES, LoanPolicyErrorCode } from '@mla/loan-policies';
import { LOAN_MESSAGES, LoanErrorCode, SCHEDULE_MESSAGES, ScheduleErrorCode } from '@mla/loans';
import { QUEUE_MESSAGES, QueueErrorCode } from '@mla/queue';
import { RECONCILIATION_MESSAGES, ReconciliationErrorCode } from '@mla/reconciliation';
import { NOTIFICATION_MESSAGES, NotificationErrorCode } from '@mla/notifications';
import { STATISTICS_MESSAGES, StatisticsErrorCode } from '@mla/statistics';
import { SUBSIDY_MESSAGES, SubsidyErrorCode } from '@mla/subsidies';
import { ApiErrorCode } from './api-error-code';
import { API_MESSAGES } from './api-error-messages';

interface Catalogue<Code extends string> {
  codes: Record<string, Code>;
  messages: ErrorCatalogue<Code>;
}

/** Pairs an enum with its messages; the type ties them, so a catalogue for another enum does not compile. */
function catalogue<Code extends string>(codes: Record<string, Code>, messages: ErrorCatalogue<Code>): Catalogue<Code> {
  return { codes, messages };
}

/**
 * Every error-code enum the API can answer with, one per context, each with its messages, imported by name from
 * the context's index. A new context (or a new enum) is added here so its codes appear in the OpenAPI document
 * and its messages reach the client.
 */
export const CATALOGUES: ReadonlyArray<Catalogue<string>> = [
  catalogue(CommonErrorCode, COMMON_MESSAGES),
  catalogue(DateErrorCode, DATE_MESSAGES),
  catalogue(ApiErrorCode, API_MESSAGES),
  catalogue(QueueErrorCode, QUEUE_MESSAGES),
  catalogue(AuthErrorCode, AUTH_MESSAGES),
  catalogue(AccessErrorCode, ACCESS_MESSAGES),
  catalogue(CalendarErrorCode, CALENDAR_MESSAGES),
  catalogue(ApplicantErrorCode, APPLICANT_MESSAGES),
  catalogue(LoanPolicyErrorCode, LOAN_POLICY_MESSAGES),
  catalogue(LoanErrorCode, LOAN_MESSAGES),
  catalogue(ScheduleErrorCode, SCHEDULE_MESSAGES),
  catalogue(GuaranteeErrorCode, GUARANTEE_MESSAGES),
  catalogue(ReconciliationErrorCode, RECONCILIATION_MESSAGES),
  catalogue(SubsidyErrorCode, SUBSIDY_MESSAGES),
  catalogue(NotificationErrorCode, NOTIFICATION_MESSAGES),
  catalogue(StatisticsErrorCode, STATISTICS_MESSAGES),
];

/**
 * One message per code. Contexts may declare the same code (REASON_REQUIRED, INVALID_AMOUNT, …); the client sees
 * only the code, so they must say the same (they point at `SHARED_MESSAGES`). A disagreement fails at start-up
 * and in the unit tests, never by showing whichever came first.
 */
export function mergeCatalogues(catalogues: ReadonlyArray<Catalogue<string>>): ReadonlyMap<string, Messages> {
  const merged = new Map<string, Messages>();
  for (const { messages } of catalogues) {
    for (const [code, entry] of Object.entries(messages) as [string, Messages][]) {
      const earlier = merged.get(code);
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(entry)) {
        throw new Error(`Error code ${code} has different messages in two contexts; use SHARED_MESSAGES.${code}`);
      }
      merged.set(code, entry);
    }
  }
  return merged;
}

export const ERROR_MESSAGES: ReadonlyMap<string, Messages> = mergeCatalogues(CATALOGUES);

/** Every code an error response may carry, sorted and without repeats (contexts may share a code). */
export const ERROR_CODES: readonly string[] = [...new Set(CATALOGUES.flatMap((c) => Object.values(c.codes)))]
  .filter((code) => typeof code === 'string')
  .sort();
