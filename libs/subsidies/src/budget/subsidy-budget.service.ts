import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import {
  BadInputError,
  Clock,
  CommonErrorCode,
  DEFAULT_PAGE_SIZE,
  EARLIEST_BUSINESS_DATE,
  InvalidStateError,
  Money,
  NotFoundError,
  RuleViolationError,
  assertDateWithin,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { SubsidyErrorCode } from '../errors';
import { BudgetEntryKind, MANUAL_BUDGET_KINDS, type ManualBudgetKind } from './budget-entry-kind';
import { budgetKey } from './budget-input';
import { EMPTY_BALANCE, assertAvailable, type BudgetBalance, type BudgetKey } from './budget-rules';
import { FUNDING_LEVELS, type FundingLevel } from './funding-level';
import type { SubsidyBudgetEntry } from './subsidy-budget-entry.entity';
import { SubsidyBudgetLedger } from './subsidy-budget-ledger';
import { SubsidyBudgetRepository } from './subsidy-budget.repository';

export interface BookBudgetEntryInput {
  /** The jurisdiction; the actor's own region when omitted. */
  regionCode?: string;
  fiscalYear: number;
  fundingLevel: FundingLevel;
  kind: ManualBudgetKind;
  amountYuan: string;
  valueDate: string;
  documentReference?: string | null;
  memo?: string | null;
}

export interface BudgetEntryQuery {
  regionCode?: string;
  fiscalYear: number;
  fundingLevel?: FundingLevel;
}

export interface LevelBalance extends BudgetBalance {
  fundingLevel: FundingLevel;
  /** False when nothing was ever booked on this level's budget (all figures zero). */
  exists: boolean;
}

export interface YearBalances {
  regionCode: string;
  fiscalYear: number;
  levels: LevelBalance[];
}

/**
 * The finance bureau's side of the yearly subsidy budgets: it books each level's allocation and top-ups, reverses
 * them when a notice was wrong, lists the entries and reads the balances. Claims reserve and pay through
 * `SubsidyBudgetLedger`. Every booking is audited; nothing is updated or deleted.
 */
@Injectable()
export class SubsidyBudgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: SubsidyBudgetRepository,
    private readonly ledger: SubsidyBudgetLedger,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** Books a level's yearly allocation (once per budget) or a top-up. */
  async book(actor: Actor, input: BookBudgetEntryInput): Promise<SubsidyBudgetEntry> {
    this.access.assertCan(actor, Permission.SUBSIDY_BUDGET_MANAGE);
    const key = this.scopedKey(actor, input.regionCode, input.fiscalYear, input.fundingLevel);
    if (!MANUAL_BUDGET_KINDS.includes(input.kind)) {
      throw new BadInputError(
        SubsidyErrorCode.INVALID_BUDGET_KIND,
        `kind must be one of ${MANUAL_BUDGET_KINDS.join(', ')}`,
        { field: 'kind' },
      );
    }
    const amount = positiveYuan(input.amountYuan);
    const valueDate = assertDateWithin('valueDate', input.valueDate, {
      min: EARLIEST_BUSINESS_DATE,
      max: this.clock.today(),
      minReason: 'the earliest business date',
      maxReason: 'today',
    }).toString();
    return this.dataSource.transaction(async (tx) => {
      const budget = await this.budgets.lockOrCreate(tx, key);
      if (input.kind === BudgetEntryKind.ALLOCATION) {
        const totals = await this.budgets.totalsByKind(tx, budget.id);
        if ((totals[BudgetEntryKind.ALLOCATION] ?? 0n) !== 0n) {
          throw new InvalidStateError(
            SubsidyErrorCode.ALLOCATION_EXISTS,
            `The ${key.fundingLevel} budget of ${key.fiscalYear} in ${key.regionCode} is already allocated`,
            { fundingLevel: key.fundingLevel, fiscalYear: key.fiscalYear },
          );
        }
      }
      return this.ledger.append(
        tx,
        {
          budgetId: budget.id,
          kind: input.kind,
          amountFen: amount.fen,
          valueDate,
          documentReference: input.documentReference?.trim() || null,
          claimLineId: null,
          payoutBatchId: null,
          reversesEntryId: null,
          memo: input.memo?.trim() || null,
        },
        actor,
      );
    });
  }

  /** Reverses an allocation or top-up exactly, while what stays available covers it. */
  async reverse(actor: Actor, entryId: string, reason: string): Promise<SubsidyBudgetEntry> {
    this.access.assertCan(actor, Permission.SUBSIDY_BUDGET_MANAGE);
    if (typeof reason !== 'string' || !reason.trim()) {
      throw new BadInputError(SubsidyErrorCode.REASON_REQUIRED, 'reason is required to reverse an entry', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const found = await this.budgets.findEntry(tx, entryId);
      if (!found?.budget || !this.access.canSee(actor, { regionCode: found.budget.regionCode })) {
        throw new NotFoundError(SubsidyErrorCode.BUDGET_ENTRY_NOT_FOUND, `Budget entry ${entryId} not found`, {
          id: entryId,
        });
      }
      const budget = (await this.budgets.lockById(tx, found.budgetId))!;
      if (!(MANUAL_BUDGET_KINDS as readonly BudgetEntryKind[]).includes(found.kind)) {
        throw new InvalidStateError(
          SubsidyErrorCode.NOT_REVERSIBLE,
          `A ${found.kind} entry follows from a claim and is undone through it`,
        );
      }
      if (await this.budgets.isReversed(tx, found.id)) {
        throw new InvalidStateError(SubsidyErrorCode.ALREADY_REVERSED, `Entry ${found.id} is already reversed`);
      }
      const key: BudgetKey = budget;
      assertAvailable(key, await this.ledger.balanceOfBudget(tx, budget), found.amountFen);
      return this.ledger.reversal(tx, found, this.clock.today().toString(), reason.trim().slice(0, 500), actor);
    });
  }

  /** Entries of a region's budgets of a year (one level or all four), newest first. */
  async entries(
    actor: Actor,
    query: BudgetEntryQuery,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<SubsidyBudgetEntry>> {
    this.access.assertCan(actor, Permission.SUBSIDY_BUDGET_READ);
    const key = this.scopedKey(actor, query.regionCode, query.fiscalYear, query.fundingLevel ?? FUNDING_LEVELS[0]);
    const before = cursor ? String(decodeCursor<{ id: string }>(cursor, ['id']).id) : undefined;
    if (before !== undefined && !/^\d{1,18}$/.test(before)) {
      throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list gave', {
        field: 'cursor',
      });
    }
    const rows = await this.budgets.page(
      this.dataSource.manager,
      { regionCode: key.regionCode, fiscalYear: key.fiscalYear, fundingLevel: query.fundingLevel },
      limit + 1,
      before,
    );
    return toPage(rows, limit, (e) => ({ id: e.id }));
  }

  /** The four levels' figures of a region's year (zeros for a level with nothing booked). */
  async balances(actor: Actor, regionCode: string | undefined, fiscalYear: number): Promise<YearBalances> {
    this.access.assertCan(actor, Permission.SUBSIDY_BUDGET_READ);
    const key = this.scopedKey(actor, regionCode, fiscalYear, FUNDING_LEVELS[0]);
    const manager = this.dataSource.manager;
    const budgets = await this.budgets.budgetsOf(manager, key.regionCode, key.fiscalYear);
    const levels: LevelBalance[] = [];
    for (const fundingLevel of FUNDING_LEVELS) {
      const budget = budgets.find((b) => b.fundingLevel === fundingLevel);
      const balance = budget ? await this.ledger.balanceOfBudget(manager, budget) : EMPTY_BALANCE;
      levels.push({ fundingLevel, exists: Boolean(budget), ...balance });
    }
    return { regionCode: key.regionCode, fiscalYear: key.fiscalYear, levels };
  }

  /** A checked key within the actor's jurisdiction (their own region when none is given). */
  private scopedKey(actor: Actor, regionCode: string | undefined, fiscalYear: number, level: string): BudgetKey {
    const key = budgetKey(regionCode ?? actor.regionCode, fiscalYear, level);
    if (!this.access.canSee(actor, { regionCode: key.regionCode })) {
      throw new RuleViolationError(
        SubsidyErrorCode.REGION_OUTSIDE_SCOPE,
        `Region ${key.regionCode} is outside your jurisdiction`,
        { field: 'regionCode' },
      );
    }
    return key;
  }
}

/** '1200.50' as Money, more than zero; a clear error otherwise. */
function positiveYuan(raw: string): Money {
  if (typeof raw !== 'string' || !/^\d{1,12}(\.\d{1,2})?$/.test(raw) || Money.ofYuan(raw).isZero()) {
    throw new BadInputError(
      SubsidyErrorCode.INVALID_AMOUNT,
      'amountYuan must be yuan above zero, two decimals at most',
      {
        field: 'amountYuan',
      },
    );
  }
  return Money.ofYuan(raw);
}
