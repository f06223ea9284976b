/** A loan flagged past its fund's compensation trigger by the nightly close. */
export enum CompensationAlertStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

/** Why an alert closed (at a nightly close). */
export enum CompensationAlertClosedReason {
  /** Repaid back within the trigger, or the loan left servicing. */
  BELOW_THRESHOLD = 'BELOW_THRESHOLD',
  /** The bank filed a compensation claim: the claim carries it from here. */
  CLAIM_FILED = 'CLAIM_FILED',
  /** The guarantee is no longer active (released, compensated). */
  GUARANTEE_ENDED = 'GUARANTEE_ENDED',
}
