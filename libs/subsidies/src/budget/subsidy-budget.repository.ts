import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_OF_KIND, BudgetEntryKind, type BudgetAccount } from './budget-entry-kind';
import type { BudgetKey, BudgetKindTotals } from './budget-rules';
import { SubsidyBudgetEntry } from './subsidy-budget-entry.entity';
import { SubsidyBudget } from './subsidy-budget.entity';

export type NewBudgetEntry = Omit<SubsidyBudgetEntry, 'id' | 'bookedAt' | 'account' | 'budget'> & {
  account?: BudgetAccount;
};

export interface BudgetEntryFilter {
  regionCode: string;
  fiscalYear: number;
  fundingLevel?: string;
}

/** The only reader and writer of budgets and their entries. Entries are inserted, never changed. */
@Injectable()
export class SubsidyBudgetRepository {
  /**
   * The budget row locked FOR UPDATE, or null when none was ever booked. Every booking on a budget takes this
   * lock first, then sums the ledger: bookings on one budget take turns, bookings on others run in parallel.
   */
  async lock(tx: EntityManager, key: BudgetKey): Promise<SubsidyBudget | null> {
    return tx
      .createQueryBuilder(SubsidyBudget, 'b')
      .setLock('pessimistic_write')
      .where('b.region_code = :regionCode AND b.fiscal_year = :fiscalYear AND b.funding_level = :fundingLevel', key)
      .getOne();
  }

  /** The budget locked, created first when missing (two first bookings at once both end up with the one row). */
  async lockOrCreate(tx: EntityManager, key: BudgetKey): Promise<SubsidyBudget> {
    await tx.query(
      `INSERT INTO subsidy_budgets (region_code, fiscal_year, funding_level) VALUES ($1, $2, $3)
       ON CONFLICT (region_code, fiscal_year, funding_level) DO NOTHING`,
      [key.regionCode, key.fiscalYear, key.fundingLevel],
    );
    return (await this.lock(tx, key))!;
  }

  async lockById(tx: EntityManager, id: string): Promise<SubsidyBudget | null> {
    return tx.createQueryBuilder(SubsidyBudget, 'b').setLock('pessimistic_write').where('b.id = :id', { id }).getOne();
  }

  budgetsOf(tx: EntityManager, regionCode: string, fiscalYear: number): Promise<SubsidyBudget[]> {
    return tx.find(SubsidyBudget, { where: { regionCode, fiscalYear } });
  }

  find(tx: EntityManager, key: BudgetKey): Promise<SubsidyBudget | null> {
    return tx.findOne(SubsidyBudget, { where: key });
  }

  async insert(tx: EntityManager, entry: NewBudgetEntry): Promise<SubsidyBudgetEntry> {
    const account = entry.account ?? ACCOUNT_OF_KIND[entry.kind as Exclude<BudgetEntryKind, BudgetEntryKind.REVERSAL>];
    const result = await tx.insert(SubsidyBudgetEntry, { ...entry, account });
    return tx.findOneOrFail(SubsidyBudgetEntry, {
      where: { id: String(result.identifiers[0].id) },
      relations: { budget: true },
    });
  }

  findEntry(tx: EntityManager, id: string): Promise<SubsidyBudgetEntry | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return tx.findOne(SubsidyBudgetEntry, { where: { id }, relations: { budget: true } });
  }

  async isReversed(tx: EntityManager, id: string): Promise<boolean> {
    return (await tx.count(SubsidyBudgetEntry, { where: { reversesEntryId: id } })) > 0;
  }

  /** Net fen per kind of one budget (a reversal counted under the kind it reverses). */
  async totalsByKind(tx: EntityManager, budgetId: string): Promise<BudgetKindTotals> {
    const rows = (await tx.query(
      `SELECT COALESCE(o.kind, e.kind) AS kind, SUM(e.amount_fen)::text AS fen
         FROM subsidy_budget_entries e LEFT JOIN subsidy_budget_entries o ON o.id = e.reverses_entry_id
        WHERE e.budget_id = $1
        GROUP BY 1`,
      [budgetId],
    )) as { kind: Exclude<BudgetEntryKind, BudgetEntryKind.REVERSAL>; fen: string }[];
    return Object.fromEntries(rows.map((r) => [r.kind, BigInt(r.fen)])) as BudgetKindTotals;
  }

  /** A claim line's entries on a budget that are not reversed (its commitment, release, payout), oldest first. */
  lineEntries(tx: EntityManager, budgetId: string, claimLineId: string): Promise<SubsidyBudgetEntry[]> {
    return tx
      .createQueryBuilder(SubsidyBudgetEntry, 'e')
      .where('e.budget_id = :budgetId AND e.claim_line_id = :claimLineId', { budgetId, claimLineId })
      .andWhere(`e.kind <> 'REVERSAL'`)
      .andWhere('NOT EXISTS (SELECT 1 FROM subsidy_budget_entries r WHERE r.reverses_entry_id = e.id)')
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Keyset page of the entries of a region's budgets of a year (one level or all), newest first. */
  page(tx: EntityManager, filter: BudgetEntryFilter, limit: number, beforeId?: string): Promise<SubsidyBudgetEntry[]> {
    const qb = tx
      .createQueryBuilder(SubsidyBudgetEntry, 'e')
      .innerJoinAndSelect('e.budget', 'b')
      .where('b.region_code = :regionCode AND b.fiscal_year = :fiscalYear', filter);
    if (filter.fundingLevel) qb.andWhere('b.funding_level = :fundingLevel', { fundingLevel: filter.fundingLevel });
    if (beforeId) qb.andWhere('e.id < :beforeId', { beforeId });
    return qb.orderBy('e.id', 'DESC').limit(limit).getMany();
  }
}
