/** The two balances of a fund's ledger: money held, and guaranteed principal outstanding. */
export enum LedgerAccount {
  DEPOSIT = 'DEPOSIT',
  LIABILITY = 'LIABILITY',
}

export enum EntryKind {
  // Deposit account
  CONTRIBUTION = 'CONTRIBUTION',
  INTEREST_INCOME = 'INTEREST_INCOME',
  COMPENSATION_PAID = 'COMPENSATION_PAID',
  RECOVERY_RECEIVED = 'RECOVERY_RECEIVED',
  /** Signed, with a reason (bank charges, corrections of amounts booked outside the system, …). */
  ADJUSTMENT = 'ADJUSTMENT',
  // Liability account
  /** A guarantee issued: its principal is reserved. */
  RESERVE = 'RESERVE',
  /** Principal repaid by the borrower. */
  RELEASE_REPAYMENT = 'RELEASE_REPAYMENT',
  /** The loan was paid off, compensated, written off, or the application never became a loan. */
  RELEASE_END = 'RELEASE_END',
  // Either account
  /** Undoes one earlier entry exactly (amount negated); the only way to correct the ledger. */
  REVERSAL = 'REVERSAL',
}

export const ACCOUNT_OF: Record<Exclude<EntryKind, EntryKind.REVERSAL>, LedgerAccount> = {
  [EntryKind.CONTRIBUTION]: LedgerAccount.DEPOSIT,
  [EntryKind.INTEREST_INCOME]: LedgerAccount.DEPOSIT,
  [EntryKind.COMPENSATION_PAID]: LedgerAccount.DEPOSIT,
  [EntryKind.RECOVERY_RECEIVED]: LedgerAccount.DEPOSIT,
  [EntryKind.ADJUSTMENT]: LedgerAccount.DEPOSIT,
  [EntryKind.RESERVE]: LedgerAccount.LIABILITY,
  [EntryKind.RELEASE_REPAYMENT]: LedgerAccount.LIABILITY,
  [EntryKind.RELEASE_END]: LedgerAccount.LIABILITY,
};

/** Kinds a person books by hand (the others follow from guarantees, repayments and claims). */
export const MANUAL_KINDS = [EntryKind.CONTRIBUTION, EntryKind.INTEREST_INCOME, EntryKind.ADJUSTMENT] as const;
export type ManualKind = (typeof MANUAL_KINDS)[number];

/** Kinds a person may reverse by hand; a recovery that bounced is one of them. */
export const REVERSIBLE_KINDS: readonly EntryKind[] = [...MANUAL_KINDS, EntryKind.RECOVERY_RECEIVED];
