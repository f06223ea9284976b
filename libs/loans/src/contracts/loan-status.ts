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
