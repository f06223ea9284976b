/** Codes of the date checks, shared by every context. */
export enum DateErrorCode {
  /** A well-formed date outside what the record allows (before the loan existed, in the future, …). */
  DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE',
  /** A query range whose end is before its start, or longer than allowed. */
  INVALID_DATE_RANGE = 'INVALID_DATE_RANGE',
  INVALID_DATE = 'INVALID_DATE',
}
