export enum FundStatus {
  /** Issues new guarantees. */
  OPEN = 'OPEN',
  /** Issues none; existing guarantees, releases and compensation go on. */
  SUSPENDED = 'SUSPENDED',
}

/** What the fund's compensation covers of a defaulted loan (the fund pays its share of it). */
export enum CompensationBasis {
  PRINCIPAL = 'PRINCIPAL',
  PRINCIPAL_AND_INTEREST = 'PRINCIPAL_AND_INTEREST',
}
