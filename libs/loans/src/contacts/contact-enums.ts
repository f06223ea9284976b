/** How an officer reached (or tried to reach) a borrower about her loan (贷后跟踪回访、催收). */
export enum ContactKind {
  PHONE_CALL = 'PHONE_CALL',
  VISIT = 'VISIT',
  SMS = 'SMS',
  OTHER = 'OTHER',
}

/** What came of a contact. */
export enum ContactOutcome {
  REACHED = 'REACHED',
  NOT_REACHED = 'NOT_REACHED',
  PROMISED_TO_PAY = 'PROMISED_TO_PAY',
  REFUSED = 'REFUSED',
  WRONG_NUMBER = 'WRONG_NUMBER',
  /** The borrower says she has paid (the posting has not arrived yet). */
  CLAIMS_PAID = 'CLAIMS_PAID',
  OTHER = 'OTHER',
}
