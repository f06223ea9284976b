import type { LabelCatalogue } from '@mla/core';

/**
 * The two sums of a budget's ledger. AVAILABLE is what approvals may still take: allocations and top-ups add to it,
 * a commitment takes from it, a release gives back. PAID is what has left in payout batches; a payout moves money
 * that a commitment already took, so it does not touch AVAILABLE again.
 */
export enum BudgetAccount {
  AVAILABLE = 'AVAILABLE',
  PAID = 'PAID',
}

export enum BudgetEntryKind {
  /** The yearly budget of the level (下达预算), positive. */
  ALLOCATION = 'ALLOCATION',
  /** A later addition to it (追加预算), positive. */
  TOP_UP = 'TOP_UP',
  /** An approved claim line reserves its share (审核占用), negative on AVAILABLE. */
  COMMITMENT = 'COMMITMENT',
  /** A commitment undone (line rejected after approval, dropped from a cancelled payout), positive on AVAILABLE. */
  RELEASE = 'RELEASE',
  /** The committed amount paid out in a batch (拨付), positive on PAID. */
  PAYOUT = 'PAYOUT',
  /** Undoes one earlier entry exactly (amount negated, same account), pointing at it. */
  REVERSAL = 'REVERSAL',
}

export const ACCOUNT_OF_KIND: Record<Exclude<BudgetEntryKind, BudgetEntryKind.REVERSAL>, BudgetAccount> = {
  [BudgetEntryKind.ALLOCATION]: BudgetAccount.AVAILABLE,
  [BudgetEntryKind.TOP_UP]: BudgetAccount.AVAILABLE,
  [BudgetEntryKind.COMMITMENT]: BudgetAccount.AVAILABLE,
  [BudgetEntryKind.RELEASE]: BudgetAccount.AVAILABLE,
  [BudgetEntryKind.PAYOUT]: BudgetAccount.PAID,
};

/** Kinds the finance bureau books (and may reverse) by hand; the others follow from claims. */
export const MANUAL_BUDGET_KINDS = [BudgetEntryKind.ALLOCATION, BudgetEntryKind.TOP_UP] as const;
export type ManualBudgetKind = (typeof MANUAL_BUDGET_KINDS)[number];

export const BUDGET_ENTRY_KIND_LABELS: LabelCatalogue<BudgetEntryKind> = {
  [BudgetEntryKind.ALLOCATION]: { 'zh-CN': '下达年度预算', en: 'Yearly allocation' },
  [BudgetEntryKind.TOP_UP]: { 'zh-CN': '追加预算', en: 'Top-up' },
  [BudgetEntryKind.COMMITMENT]: { 'zh-CN': '审核占用', en: 'Commitment' },
  [BudgetEntryKind.RELEASE]: { 'zh-CN': '释放占用', en: 'Release' },
  [BudgetEntryKind.PAYOUT]: { 'zh-CN': '拨付', en: 'Payout' },
  [BudgetEntryKind.REVERSAL]: { 'zh-CN': '冲正', en: 'Reversal' },
};
