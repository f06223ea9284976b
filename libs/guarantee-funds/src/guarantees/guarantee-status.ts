export enum GuaranteeStatus {
  /** Liability reserved: the loan is to be made or outstanding. */
  ACTIVE = 'ACTIVE',
  /** The loan was repaid; nothing is reserved any more. */
  RELEASED = 'RELEASED',
  /** The application ended without a loan (returned, rejected, withdrawn). */
  CANCELLED = 'CANCELLED',
  /** The fund paid its share of the defaulted loan. */
  COMPENSATED = 'COMPENSATED',
}
