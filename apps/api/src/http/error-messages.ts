import { ORGANISATION_KIND_LABELS, PERMISSION_LABELS, ROLE_LABELS } from '@mla/auth';
import {
  CommonErrorCode,
  labelOf,
  plainValue,
  renderMessage,
  type DomainErrorKind,
  type LabelCatalogue,
  type Language,
  type Messages,
  type ValueFormatter,
} from '@mla/core';
import { CLAIM_BATCH_STATUS_LABELS, CLAIM_LINE_STATUS_LABELS, FUNDING_LEVEL_LABELS } from '@mla/subsidies';
import { ERROR_MESSAGES } from './error-codes';
import { fieldLabel } from './field-labels';

/** Detail values that name a member of a fixed list are shown by its label, not its code. */
const LABELLED: Readonly<Record<string, LabelCatalogue<string>>> = {
  role: ROLE_LABELS,
  organisationKind: ORGANISATION_KIND_LABELS,
  permission: PERMISSION_LABELS,
  fundingLevel: FUNDING_LEVEL_LABELS,
  claimLineStatus: CLAIM_LINE_STATUS_LABELS,
  claimBatchStatus: CLAIM_BATCH_STATUS_LABELS,
};

const formatValue: ValueFormatter = (name, value, language) => {
  if ((name === 'field' || name === 'fields') && language === 'zh-CN') {
    const paths = Array.isArray(value) ? value : [value];
    if (paths.length && paths.every((p) => typeof p === 'string' && p.trim() !== '')) {
      return (paths as string[]).map((p) => fieldLabel(p, language)).join('、');
    }
  }
  const labels = Object.hasOwn(LABELLED, name) ? LABELLED[name] : undefined;
  if (labels && typeof value === 'string') return labelOf(labels, value, language);
  return plainValue(name, value, language);
};

/** What a code without messages falls back to (a code from outside the catalogue): said by its kind. */
const BY_KIND: Record<DomainErrorKind, CommonErrorCode> = {
  bad_input: CommonErrorCode.VALIDATION_FAILED,
  unauthenticated: CommonErrorCode.UNAUTHENTICATED,
  forbidden: CommonErrorCode.FORBIDDEN,
  not_found: CommonErrorCode.NOT_FOUND,
  conflict: CommonErrorCode.CONFLICT,
  invalid_state: CommonErrorCode.CONFLICT,
  rule_violation: CommonErrorCode.CONFLICT,
  rate_limited: CommonErrorCode.RATE_LIMITED,
  unavailable: CommonErrorCode.SERVICE_UNAVAILABLE,
};

/** Answers of the HTTP layer with a status that has no code of its own (405, 406, …). */
export const REQUEST_REFUSED: Messages = {
  'zh-CN': '请求无法处理，请检查请求地址和方法',
  en: 'The request cannot be processed; check its address and method',
};

/**
 * The values templates read: the details as they are, and for a list of field problems (`[{ field, … }]`) the
 * first `field` and all `fields`.
 */
function valuesOf(details: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(details)) {
    return typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined;
  }
  const fields = [
    ...new Set(
      details
        .map((d) => (typeof d === 'object' && d !== null ? (d as { field?: unknown }).field : undefined))
        .filter((f): f is string => typeof f === 'string' && f !== ''),
    ),
  ];
  return fields.length ? { field: fields[0], fields } : undefined;
}

export function messagesFor(code: string, kind?: DomainErrorKind): Messages {
  return ERROR_MESSAGES.get(code) ?? (kind ? ERROR_MESSAGES.get(BY_KIND[kind]) : undefined) ?? REQUEST_REFUSED;
}

/** The user-facing message of an error code, in a language, filled from the error's details. */
export function renderError(code: string, language: Language, details?: unknown, kind?: DomainErrorKind): string {
  return renderMessage(messagesFor(code, kind), language, valuesOf(details), formatValue);
}
