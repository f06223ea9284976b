/**
 * Every code a notifications use case throws (with a typed domain error from `@mla/core`). The values are part of
 * the API: clients and tests match on them, so a member is never renamed. Each has its messages in `messages.ts`.
 */
export enum NotificationErrorCode {
  /** No reminder rule with this id (or outside the caller's region). */
  NOTIFICATION_RULE_NOT_FOUND = 'NOTIFICATION_RULE_NOT_FOUND',
  /** A rule's field is out of its bounds (details: field, value, min, max). */
  NOTIFICATION_RULE_INVALID = 'NOTIFICATION_RULE_INVALID',
  /** Quiet hours need both a start and an end, HH:mm (details: field). */
  QUIET_HOURS_INVALID = 'QUIET_HOURS_INVALID',
  /** No template of this kind and version. */
  NOTIFICATION_TEMPLATE_NOT_FOUND = 'NOTIFICATION_TEMPLATE_NOT_FOUND',
  /** The template names variables that do not exist (details: variables). */
  TEMPLATE_UNKNOWN_VARIABLE = 'TEMPLATE_UNKNOWN_VARIABLE',
  /** No message with this id in the caller's region. */
  NOTIFICATION_MESSAGE_NOT_FOUND = 'NOTIFICATION_MESSAGE_NOT_FOUND',
  /** Only a message that failed for good can be sent again (details: status). */
  MESSAGE_NOT_RETRYABLE = 'MESSAGE_NOT_RETRYABLE',
  /** No live consent or opt-out of this borrower on this channel to withdraw. */
  CONSENT_NOT_FOUND = 'CONSENT_NOT_FOUND',
  /** A delivery receipt whose signature, key or time does not check out. */
  RECEIPT_SIGNATURE_INVALID = 'RECEIPT_SIGNATURE_INVALID',
}
