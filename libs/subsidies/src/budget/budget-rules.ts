import { Money, RuleViolationError } from '@mla/core';
import { SubsidyErrorCode } from '../errors';
import { BudgetEntryKind } from './budget-entry-kind';
import type { FundingLevel } from './funding-level';

/** Which budget: a jurisdiction's yearly budget of one funding level. */
export interface BudgetKey {
  regionCode: string;
  fiscalYear: number;
  fundingLevel: FundingLevel;
}

/** Net fen per kind (a reversal counted under the kind it reverses), as the ledger stores them (signed). */
export type BudgetKindTotals = Partial<Record<Exclude<BudgetEntryKind, BudgetEntryKind.REVERSAL>, bigint>>;

/** A budget's figures, all in fen and all positive as people read them. */
export interface BudgetBalance {
  allocatedFen: bigint;
  toppedUpFen: bigint;
  /** Reserved by approved claim lines (paid ones included). */
  committedFen: bigint;
  /** Given back by lines undone after approval. */
  releasedFen: bigint;
  paidFen: bigint;
  /** allocated + topped up − committed + released: what approvals may still take. */
  availableFen: bigint;
  /** committed − released − paid: approved and not paid yet. */
  outstandingFen: bigint;
}

/** The figures from the ledger's signed totals (commitments are stored negative, everything else positive). */
export function balanceOf(totals: BudgetKindTotals): BudgetBalance {
  const allocatedFen = totals[BudgetEntryKind.ALLOCATION] ?? 0n;
  const toppedUpFen = totals[BudgetEntryKind.TOP_UP] ?? 0n;
  const committedFen = -(totals[BudgetEntryKind.COMMITMENT] ?? 0n);
  const releasedFen = totals[BudgetEntryKind.RELEASE] ?? 0n;
  const paidFen = totals[BudgetEntryKind.PAYOUT] ?? 0n;
  return {
    allocatedFen,
    toppedUpFen,
    committedFen,
    releasedFen,
    paidFen,
    availableFen: allocatedFen + toppedUpFen - committedFen + releasedFen,
    outstandingFen: committedFen - releasedFen - paidFen,
  };
}

export const EMPTY_BALANCE: BudgetBalance = balanceOf({});

/** Refuses to take more than is available (a commitment, or a reversed allocation or top-up). */
export function assertAvailable(key: BudgetKey, balance: BudgetBalance, requestedFen: bigint): void {
  if (requestedFen > balance.availableFen) {
    throw new RuleViolationError(
      SubsidyErrorCode.BUDGET_EXCEEDED,
      `The ${key.fundingLevel} subsidy budget of ${key.fiscalYear} in ${key.regionCode} has ${Money.ofFen(balance.availableFen).toYuanString()} available; ${Money.ofFen(requestedFen).toYuanString()} was asked`,
      {
        regionCode: key.regionCode,
        fiscalYear: key.fiscalYear,
        fundingLevel: key.fundingLevel,
        availableYuan: Money.ofFen(balance.availableFen).toYuanString(),
        requestedYuan: Money.ofFen(requestedFen).toYuanString(),
      },
    );
  }
}
