export enum LoanStatus {
  /** Contract signed; waiting for the bank to disburse. */
  SIGNED = 'SIGNED',
  ACTIVE = 'ACTIVE',
  OVERDUE = 'OVERDUE',
  REPAID = 'REPAID',
  COMPENSATED = 'COMPENSATED',
  WRITTEN_OFF = 'WRITTEN_OFF',
}

export enum InstallmentStatus {
  PENDING = 'PENDING',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  /** Replaced by a rescheduled row (extension); kept for history, owes nothing. */
  SUPERSEDED = 'SUPERSEDED',
}

export enum LoanErrorCode {
  LOAN_NOT_FOUND = 'LOAN_NOT_FOUND',
  APPLICATION_NOT_APPROVED = 'APPLICATION_NOT_APPROVED',
  LOAN_EXISTS = 'LOAN_EXISTS',
  CONTRACT_NUMBER_TAKEN = 'CONTRACT_NUMBER_TAKEN',
  RATE_ABOVE_CAP = 'RATE_ABOVE_CAP',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  TERM_ABOVE_MAX = 'TERM_ABOVE_MAX',
  ALREADY_DISBURSED = 'ALREADY_DISBURSED',
  AMOUNT_DIFFERS = 'AMOUNT_DIFFERS',
  EXTENSION_USED = 'EXTENSION_USED',
  EXTENSION_TOO_LONG = 'EXTENSION_TOO_LONG',
  EXTENSION_NOT_POSSIBLE = 'EXTENSION_NOT_POSSIBLE',
  NOT_IN_QUEUE = 'NOT_IN_QUEUE',
  /** An external reference already posted for this loan as another kind of posting, or with other figures. */
  REFERENCE_REUSED = 'REFERENCE_REUSED',
}
