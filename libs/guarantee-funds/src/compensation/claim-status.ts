/** A compensation claim (代偿申请): filed by the bank, reviewed, then approved (paid) by a second operator. */
export enum ClaimStatus {
  FILED = 'FILED',
  /** Checked and recommended by one guarantee operator; a different one approves or rejects. */
  REVIEWED = 'REVIEWED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
}
