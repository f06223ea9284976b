import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import {
  BadInputError,
  InvalidStateError,
  Money,
  RequestContext,
  RuleViolationError,
  SYSTEM_ACTOR,
  isUniqueViolation,
  type ActorRef,
} from '@mla/core';
import { SubsidyErrorCode } from '../errors';
import { BudgetEntryKind } from './budget-entry-kind';
import { budgetKey, dateOf, positiveFen, uuidOf } from './budget-input';
import { EMPTY_BALANCE, assertAvailable, balanceOf, type BudgetBalance, type BudgetKey } from './budget-rules';
import type { FundingLevel } from './funding-level';
import type { SubsidyBudgetEntry } from './subsidy-budget-entry.entity';
import type { SubsidyBudget } from './subsidy-budget.entity';
import { SubsidyBudgetRepository, type NewBudgetEntry } from './subsidy-budget.repository';

/** Which budget a claim line draws on: its jurisdiction, fiscal year and funding level. */
export interface BudgetLineRef {
  regionCode: string;
  year: number;
  level: FundingLevel;
  claimLineId: string;
}

export interface CommitInput extends BudgetLineRef {
  amountFen: bigint;
  valueDate: string;
  memo?: string | null;
  /**
   * A line whose commitment was released (its approval revoked) and is approved again: the release is reversed,
   * within what is available. Without it such a line is refused (LINE_RELEASED).
   */
  renewReleased?: boolean;
}

export interface PayInput extends BudgetLineRef {
  amountFen: bigint;
  payoutBatchId: string;
  valueDate: string;
  documentReference?: string | null;
}

export interface ReleaseInput extends BudgetLineRef {
  valueDate: string;
  reason: string;
  payoutBatchId?: string | null;
}

export interface CancelPayoutInput extends BudgetLineRef {
  payoutBatchId: string;
  valueDate: string;
  reason: string;
}

export interface CommitResult {
  entry: SubsidyBudgetEntry;
  /** False when the line was already committed with this amount (nothing was written). */
  created: boolean;
}

type EntryFacts = Omit<NewBudgetEntry, 'bookedByUserId' | 'bookedByUsername'>;

/**
 * The published port of the subsidy budgets: what claims call, in their own transaction, by id. Each operation
 * first locks the budget's row (FOR UPDATE), then reads the ledger and appends: two approvals on one budget take
 * turns, so the second sees the first's commitment and neither can overdraw it; approvals on other budgets do not
 * wait. A refusal throws before anything is written (the caller's transaction rolls back with it).
 *
 * Why a locked row rather than `pg_advisory_xact_lock`: the row already exists as the entries' parent, its lock
 * ends with the transaction on every path, it shows in `pg_locks` as the budget it guards, and no key has to be
 * hashed into 64 bits (where two budgets could collide). Waiting on it holds the caller's one connection and no
 * other, so a burst of approvals queues on the pool (DATABASE_POOL_WAIT_MS) instead of exhausting it.
 *
 * A transaction that books one claim line on several levels locks their budgets one by one: it must do so in
 * `FUNDING_LEVELS` order (central first), so that two such transactions never wait on each other (a deadlock).
 */
@Injectable()
export class SubsidyBudgetLedger {
  constructor(
    private readonly budgets: SubsidyBudgetRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * An approved claim line reserves its share of the budget. Idempotent per (budget, line): the same line and
   * amount again returns the first commitment; another amount is refused (LINE_ALREADY_COMMITTED).
   */
  async commit(tx: EntityManager, input: CommitInput): Promise<CommitResult> {
    const { key, claimLineId } = this.lineRef(input);
    const amountFen = positiveFen(input.amountFen, 'amountFen');
    const valueDate = dateOf(input.valueDate, 'valueDate');
    const budget = await this.lockAllocated(tx, key);
    const line = await this.budgets.lineEntries(tx, budget.id, claimLineId);
    const committed = line.find((e) => e.kind === BudgetEntryKind.COMMITMENT);
    if (committed) {
      const release = line.find((e) => e.kind === BudgetEntryKind.RELEASE);
      if (release && !input.renewReleased) this.released();
      if (release && -committed.amountFen === amountFen) {
        assertAvailable(key, await this.balanceOfBudget(tx, budget), amountFen);
        await this.reversal(tx, release, valueDate, input.memo?.trim() || '重新审核通过');
        return { entry: committed, created: true };
      }
      if (-committed.amountFen === amountFen) return { entry: committed, created: false };
      throw new InvalidStateError(
        SubsidyErrorCode.LINE_ALREADY_COMMITTED,
        `Claim line ${claimLineId} already holds ${Money.ofFen(-committed.amountFen).toYuanString()} of this budget`,
        {
          committedYuan: Money.ofFen(-committed.amountFen).toYuanString(),
          requestedYuan: Money.ofFen(amountFen).toYuanString(),
        },
      );
    }
    assertAvailable(key, await this.balanceOfBudget(tx, budget), amountFen);
    try {
      const entry = await this.append(tx, {
        budgetId: budget.id,
        kind: BudgetEntryKind.COMMITMENT,
        amountFen: -amountFen,
        valueDate,
        documentReference: null,
        claimLineId,
        payoutBatchId: null,
        reversesEntryId: null,
        memo: input.memo?.trim() || null,
      });
      return { entry, created: true };
    } catch (error) {
      // Only reachable without the lock (it serialises commitments of a budget); the index is the backstop.
      if (isUniqueViolation(error, 'uq_subsidy_budget_entries_commitment')) {
        throw new InvalidStateError(SubsidyErrorCode.LINE_ALREADY_COMMITTED, `Claim line ${claimLineId} is committed`);
      }
      throw error;
    }
  }

  /**
   * Gives a line's commitment back to the budget (rejected after approval, dropped from a payout). Idempotent: a
   * line released before returns that release. A paid line is refused: cancel its payout first.
   */
  async release(tx: EntityManager, input: ReleaseInput): Promise<SubsidyBudgetEntry> {
    const { key, claimLineId } = this.lineRef(input);
    const valueDate = dateOf(input.valueDate, 'valueDate');
    const reason = this.reasonOf(input.reason);
    const payoutBatchId = input.payoutBatchId ? uuidOf(input.payoutBatchId, 'payoutBatchId') : null;
    const budget = await this.lockAllocated(tx, key);
    const line = await this.budgets.lineEntries(tx, budget.id, claimLineId);
    const committed = this.committedOf(line, claimLineId);
    const released = line.find((e) => e.kind === BudgetEntryKind.RELEASE);
    if (released) return released;
    const paid = line.find((e) => e.kind === BudgetEntryKind.PAYOUT);
    if (paid) this.alreadyPaid(paid);
    return this.append(tx, {
      budgetId: budget.id,
      kind: BudgetEntryKind.RELEASE,
      amountFen: -committed.amountFen,
      valueDate,
      documentReference: null,
      claimLineId,
      payoutBatchId,
      reversesEntryId: null,
      memo: reason,
    });
  }

  /**
   * Pays a line in a payout batch: its commitment moves to paid. A line not committed yet is committed first,
   * within the budget (a payout over the budget is refused with BUDGET_EXCEEDED and writes nothing). Idempotent per
   * (line, batch).
   */
  async pay(tx: EntityManager, input: PayInput): Promise<SubsidyBudgetEntry> {
    const claimLineId = uuidOf(input.claimLineId, 'claimLineId');
    const amountFen = positiveFen(input.amountFen, 'amountFen');
    const payoutBatchId = uuidOf(input.payoutBatchId, 'payoutBatchId');
    const valueDate = dateOf(input.valueDate, 'valueDate');
    const { entry: committed } = await this.commit(tx, { ...input, amountFen, valueDate });
    const line = await this.budgets.lineEntries(tx, committed.budgetId, claimLineId);
    const paid = line.find((e) => e.kind === BudgetEntryKind.PAYOUT);
    if (paid?.payoutBatchId === payoutBatchId) return paid;
    if (paid) this.alreadyPaid(paid);
    return this.append(tx, {
      budgetId: committed.budgetId,
      kind: BudgetEntryKind.PAYOUT,
      amountFen,
      valueDate,
      documentReference: input.documentReference?.trim() || null,
      claimLineId,
      payoutBatchId,
      reversesEntryId: null,
      memo: null,
    });
  }

  /** Undoes a line's payout in a batch (a reversal): the amount is committed and unpaid again. */
  async cancelPayout(tx: EntityManager, input: CancelPayoutInput): Promise<SubsidyBudgetEntry> {
    const { key, claimLineId } = this.lineRef(input);
    const payoutBatchId = uuidOf(input.payoutBatchId, 'payoutBatchId');
    const valueDate = dateOf(input.valueDate, 'valueDate');
    const reason = this.reasonOf(input.reason);
    const budget = await this.lockAllocated(tx, key);
    const line = await this.budgets.lineEntries(tx, budget.id, claimLineId);
    const paid = line.find((e) => e.kind === BudgetEntryKind.PAYOUT && e.payoutBatchId === payoutBatchId);
    if (!paid) {
      throw new InvalidStateError(
        SubsidyErrorCode.LINE_NOT_PAID,
        `Claim line ${claimLineId} has no payout in batch ${payoutBatchId}`,
      );
    }
    return this.reversal(tx, paid, valueDate, reason);
  }

  /** The figures of a budget (zeros when none was booked). Pass the caller's transaction to read under its lock. */
  async balance(
    tx: EntityManager,
    ref: { regionCode: string; year: number; level: FundingLevel },
  ): Promise<BudgetBalance> {
    const key = budgetKey(ref.regionCode, ref.year, ref.level);
    const budget = await this.budgets.find(tx, key);
    return budget ? this.balanceOfBudget(tx, budget) : EMPTY_BALANCE;
  }

  async balanceOfBudget(tx: EntityManager, budget: SubsidyBudget): Promise<BudgetBalance> {
    return balanceOf(await this.budgets.totalsByKind(tx, budget.id));
  }

  /** An exact reversing entry of `original` (same account, line and batch; amount negated). */
  async reversal(
    tx: EntityManager,
    original: SubsidyBudgetEntry,
    valueDate: string,
    memo: string,
    by?: ActorRef,
  ): Promise<SubsidyBudgetEntry> {
    try {
      return await this.append(
        tx,
        {
          budgetId: original.budgetId,
          account: original.account,
          kind: BudgetEntryKind.REVERSAL,
          amountFen: -original.amountFen,
          valueDate,
          documentReference: original.documentReference,
          claimLineId: original.claimLineId,
          payoutBatchId: original.payoutBatchId,
          reversesEntryId: original.id,
          memo,
        },
        by,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_subsidy_budget_entries_reverses')) {
        throw new InvalidStateError(SubsidyErrorCode.ALREADY_REVERSED, `Entry ${original.id} is already reversed`);
      }
      throw error;
    }
  }

  /**
   * Writes an entry in the caller's transaction, booked by `by` (else the request's actor, else the system), and
   * audits it.
   */
  async append(tx: EntityManager, facts: EntryFacts, by?: ActorRef): Promise<SubsidyBudgetEntry> {
    const who = by ?? RequestContext.current()?.actor ?? SYSTEM_ACTOR;
    const entry = await this.budgets.insert(tx, {
      ...facts,
      bookedByUserId: who.userId,
      bookedByUsername: who.username ?? 'system',
    });
    await this.audit.record(tx, {
      action: `subsidy_budget.entry_${entry.kind.toLowerCase()}`,
      entityType: 'subsidy_budget',
      entityId: entry.budgetId,
      after: entry,
      actor: who,
    });
    return entry;
  }

  private async lockAllocated(tx: EntityManager, key: BudgetKey): Promise<SubsidyBudget> {
    const budget = await this.budgets.lock(tx, key);
    if (!budget) {
      throw new RuleViolationError(
        SubsidyErrorCode.BUDGET_NOT_ALLOCATED,
        `No ${key.fundingLevel} subsidy budget of ${key.fiscalYear} in ${key.regionCode}`,
        { regionCode: key.regionCode, fiscalYear: key.fiscalYear, fundingLevel: key.fundingLevel },
      );
    }
    return budget;
  }

  private lineRef(ref: BudgetLineRef): { key: BudgetKey; claimLineId: string } {
    return { key: budgetKey(ref.regionCode, ref.year, ref.level), claimLineId: uuidOf(ref.claimLineId, 'claimLineId') };
  }

  private committedOf(line: SubsidyBudgetEntry[], claimLineId: string): SubsidyBudgetEntry {
    const committed = line.find((e) => e.kind === BudgetEntryKind.COMMITMENT);
    if (!committed) {
      throw new InvalidStateError(
        SubsidyErrorCode.LINE_NOT_COMMITTED,
        `Claim line ${claimLineId} holds nothing of this budget`,
      );
    }
    return committed;
  }

  private reasonOf(reason: string): string {
    if (typeof reason !== 'string' || !reason.trim()) {
      throw new BadInputError(SubsidyErrorCode.REASON_REQUIRED, 'reason is required', { field: 'reason' });
    }
    return reason.trim().slice(0, 500);
  }

  private released(): never {
    throw new InvalidStateError(SubsidyErrorCode.LINE_RELEASED, 'The claim line’s commitment was released');
  }

  private alreadyPaid(paid: SubsidyBudgetEntry): never {
    throw new InvalidStateError(
      SubsidyErrorCode.LINE_ALREADY_PAID,
      `The claim line was paid in batch ${paid.payoutBatchId}`,
      { payoutBatchId: paid.payoutBatchId },
    );
  }
}
