/**
 * Every code a loan use case throws (with a typed domain error from `@mla/core`). The values are part of the API:
 * clients and tests match on them, so a member is never renamed. Schedule input errors keep their own enum beside
 * the engine (`schedule/schedule-errors.ts`), which is used without a loan too (the schedule preview).
 */
export enum LoanErrorCode {
  LOAN_NOT_FOUND = 'LOAN_NOT_FOUND',
  APPLICATION_NOT_APPROVED = 'APPLICATION_NOT_APPROVED',
  LOAN_EXISTS = 'LOAN_EXISTS',
  CONTRACT_NUMBER_TAKEN = 'CONTRACT_NUMBER_TAKEN',
  RATE_ABOVE_CAP = 'RATE_ABOVE_CAP',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  TERM_ABOVE_MAX = 'TERM_ABOVE_MAX',
  INVALID_RATE = 'INVALID_RATE',
  INVALID_ALLOCATION_ORDER = 'INVALID_ALLOCATION_ORDER',
  ALREADY_DISBURSED = 'ALREADY_DISBURSED',
  AMOUNT_DIFFERS = 'AMOUNT_DIFFERS',
  NOT_IN_QUEUE = 'NOT_IN_QUEUE',
  NOTHING_TO_CONFIRM = 'NOTHING_TO_CONFIRM',
  REFERENCE_REQUIRED = 'REFERENCE_REQUIRED',
  EXTENSION_USED = 'EXTENSION_USED',
  EXTENSION_TOO_LONG = 'EXTENSION_TOO_LONG',
  EXTENSION_NOT_POSSIBLE = 'EXTENSION_NOT_POSSIBLE',
  /** An extension or a reversal without the reason it needs. */
  REASON_REQUIRED = 'REASON_REQUIRED',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  LOAN_NOT_REPAYABLE = 'LOAN_NOT_REPAYABLE',
  /** An external reference already posted for this loan as another kind of posting, or with other figures. */
  REFERENCE_REUSED = 'REFERENCE_REUSED',
  PAYOFF_SHORT = 'PAYOFF_SHORT',
  PREPAYMENT_NOT_POSSIBLE = 'PREPAYMENT_NOT_POSSIBLE',
  PREPAYMENT_AMOUNT = 'PREPAYMENT_AMOUNT',
  REPAYMENT_NOT_FOUND = 'REPAYMENT_NOT_FOUND',
  ALREADY_REVERSED = 'ALREADY_REVERSED',
  /** The loan left servicing (compensated, written off): its repayments stay as they are. */
  LOAN_CLOSED = 'LOAN_CLOSED',
  NOT_REVERSIBLE = 'NOT_REVERSIBLE',
  LATER_REPAYMENTS_EXIST = 'LATER_REPAYMENTS_EXIST',
  /** A payment dated before a payoff, prepayment or extension that rewrote the schedule after it. */
  BACKDATED_ACROSS_RESCHEDULE = 'BACKDATED_ACROSS_RESCHEDULE',
  /** A repayment dated further back than BACKDATE_APPROVAL_DAYS without the reason a second person will judge. */
  BACKDATE_REASON_REQUIRED = 'BACKDATE_REASON_REQUIRED',
  BACKDATED_POSTING_NOT_FOUND = 'BACKDATED_POSTING_NOT_FOUND',
  /** The back-dated posting request was approved or rejected already. */
  BACKDATED_POSTING_DECIDED = 'BACKDATED_POSTING_DECIDED',
  /** The person who asked for a back-dated posting cannot approve or reject it. */
  BACKDATED_POSTING_SELF_DECISION = 'BACKDATED_POSTING_SELF_DECISION',
  /** The nightly close is running (this date, or another one) in some process; try again when it has finished. */
  DAILY_CLOSE_RUNNING = 'DAILY_CLOSE_RUNNING',
  /** Dates close in order: a date before the last closed one that was never closed cannot be closed now. */
  DAILY_CLOSE_OUT_OF_ORDER = 'DAILY_CLOSE_OUT_OF_ORDER',
  /** An earlier date closed first (catch-up) failed, so the date asked for was not closed. */
  DAILY_CLOSE_EARLIER_DATE_FAILED = 'DAILY_CLOSE_EARLIER_DATE_FAILED',
  /** No follow-up with this id on the loan. */
  FOLLOW_UP_NOT_FOUND = 'FOLLOW_UP_NOT_FOUND',
  /** A follow-up's kind, state, change date, jobs count or note is missing or malformed. */
  FOLLOW_UP_INVALID = 'FOLLOW_UP_INVALID',
  /** A follow-up is recorded on a disbursed loan only. */
  FOLLOW_UP_NOT_POSSIBLE = 'FOLLOW_UP_NOT_POSSIBLE',
  /** The follow-up was withdrawn already. */
  FOLLOW_UP_WITHDRAWN = 'FOLLOW_UP_WITHDRAWN',
  /** A contact record with a promised date or amount whose outcome is not PROMISED_TO_PAY. */
  CONTACT_PROMISE_WITHOUT_PROMISE = 'CONTACT_PROMISE_WITHOUT_PROMISE',
}
