/**
 * Every code a subsidy use case throws (with a typed domain error from `@mla/core`). The values are part of the API:
 * clients and tests match on them, so a member is never renamed. Each has its messages in `messages.ts`.
 */
export enum SubsidyErrorCode {
  /** A subsidy claim asked for a period whose settlement date has not come yet. */
  PERIOD_NOT_SETTLED = 'PERIOD_NOT_SETTLED',
  // The yearly budget of each funding level (budget/)
  /** A commitment or payout asks for more than the budget has available (details: level, year, available, requested). */
  BUDGET_EXCEEDED = 'BUDGET_EXCEEDED',
  /** No allocation has been booked for this region, year and funding level. */
  BUDGET_NOT_ALLOCATED = 'BUDGET_NOT_ALLOCATED',
  /** The budget of this year and level already has its allocation: book a top-up instead. */
  ALLOCATION_EXISTS = 'ALLOCATION_EXISTS',
  /** The claim line is already committed on this budget with another amount. */
  LINE_ALREADY_COMMITTED = 'LINE_ALREADY_COMMITTED',
  /** The claim line has no commitment on this budget. */
  LINE_NOT_COMMITTED = 'LINE_NOT_COMMITTED',
  /** The claim line's commitment was released; it can be neither paid nor committed again. */
  LINE_RELEASED = 'LINE_RELEASED',
  /** The claim line is paid (in another batch): cancel that payout first. */
  LINE_ALREADY_PAID = 'LINE_ALREADY_PAID',
  /** The claim line has no payout in this batch to cancel. */
  LINE_NOT_PAID = 'LINE_NOT_PAID',
  BUDGET_ENTRY_NOT_FOUND = 'BUDGET_ENTRY_NOT_FOUND',
  INVALID_FUNDING_LEVEL = 'INVALID_FUNDING_LEVEL',
  INVALID_FISCAL_YEAR = 'INVALID_FISCAL_YEAR',
  INVALID_BUDGET_KIND = 'INVALID_BUDGET_KIND',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  REASON_REQUIRED = 'REASON_REQUIRED',
  REGION_OUTSIDE_SCOPE = 'REGION_OUTSIDE_SCOPE',
  NOT_REVERSIBLE = 'NOT_REVERSIBLE',
  ALREADY_REVERSED = 'ALREADY_REVERSED',
  // Claims, reviews and payouts (claims/)
  /** A claim batch that does not exist or lies outside the caller's bank or jurisdiction. */
  CLAIM_BATCH_NOT_FOUND = 'CLAIM_BATCH_NOT_FOUND',
  /** A claim line that does not exist in the batch named. */
  CLAIM_LINE_NOT_FOUND = 'CLAIM_LINE_NOT_FOUND',
  /** The batch is not at the step this action belongs to (details: status, expected). */
  CLAIM_INVALID_STATE = 'CLAIM_INVALID_STATE',
  /** The line was already approved, rejected or paid (details: status). */
  LINE_ALREADY_DECIDED = 'LINE_ALREADY_DECIDED',
  /** Only an approved line's approval can be revoked (this one is pending or rejected). */
  LINE_NOT_APPROVED = 'LINE_NOT_APPROVED',
  /** The line is in a payout already: its approval can no longer be revoked. */
  LINE_PAID_NOT_REVOCABLE = 'LINE_PAID_NOT_REVOCABLE',
  /** Maker-checker: the finance reviewer prepared, submitted or initially reviewed this batch. */
  OWN_CLAIM_REVIEW_FORBIDDEN = 'OWN_CLAIM_REVIEW_FORBIDDEN',
  /** A supplementary claim found no loan of the period without a live line (nothing was rejected and corrected). */
  NOTHING_TO_CLAIM = 'NOTHING_TO_CLAIM',
  /** A payout found no approved line to pay. */
  NO_APPROVED_LINES = 'NO_APPROVED_LINES',
  /** The date is not a settlement date of the subsidy calendar (details: settlementDate, next). */
  NOT_A_SETTLEMENT_DATE = 'NOT_A_SETTLEMENT_DATE',
  /** The facts given to the subsidy calculation are inconsistent (a period ending before it starts, a bad calendar…). */
  INVALID_SUBSIDY_INPUT = 'INVALID_SUBSIDY_INPUT',
}
