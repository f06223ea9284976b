import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { BudgetAccount, BudgetEntryKind } from './budget-entry-kind';
import { SubsidyBudget } from './subsidy-budget.entity';

/**
 * One append-only line of a subsidy budget's ledger (a trigger refuses UPDATE, DELETE and TRUNCATE). Amounts are
 * signed fen on their account: AVAILABLE = allocations + top-ups − commitments + releases; PAID = payouts. A
 * correction is a REVERSAL entry on the same account, pointing at the entry it undoes. Claim lines and payout
 * batches are named by id only (their tables belong to the claims part and carry no foreign key here).
 */
@Entity({ name: 'subsidy_budget_entries' })
@Check('ck_subsidy_budget_entries_amount', `amount_fen <> 0`)
@Check(
  'ck_subsidy_budget_entries_kind',
  `(kind IN ('ALLOCATION', 'TOP_UP') AND account = 'AVAILABLE' AND amount_fen > 0)
   OR (kind = 'COMMITMENT' AND account = 'AVAILABLE' AND amount_fen < 0 AND claim_line_id IS NOT NULL)
   OR (kind = 'RELEASE' AND account = 'AVAILABLE' AND amount_fen > 0 AND claim_line_id IS NOT NULL)
   OR (kind = 'PAYOUT' AND account = 'PAID' AND amount_fen > 0 AND claim_line_id IS NOT NULL AND payout_batch_id IS NOT NULL)
   OR (kind = 'REVERSAL' AND reverses_entry_id IS NOT NULL)`,
)
@Index('uq_subsidy_budget_entries_reverses', ['reversesEntryId'], {
  unique: true,
  where: 'reverses_entry_id IS NOT NULL',
})
// A claim line reserves its share of a budget once: committing it again finds this entry.
@Index('uq_subsidy_budget_entries_commitment', ['budgetId', 'claimLineId'], {
  unique: true,
  where: `kind = 'COMMITMENT'`,
})
@Index(['budgetId', 'id'])
export class SubsidyBudgetEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  budgetId: string;

  @ManyToOne(() => SubsidyBudget, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budget_id' })
  budget?: SubsidyBudget;

  @Column({ type: 'varchar', length: 10 })
  account: BudgetAccount;

  @Column({ type: 'varchar', length: 12 })
  kind: BudgetEntryKind;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  /** The business date the entry counts from. */
  @Column({ type: 'date' })
  valueDate: string;

  /** The paper behind it: the budget notice (预算指标文件), the payment order of a batch. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentReference: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  claimLineId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  payoutBatchId: string | null;

  @Column({ type: 'bigint', nullable: true })
  reversesEntryId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo: string | null;

  @Column({ type: 'uuid', nullable: true })
  bookedByUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  bookedByUsername: string;

  @CreateDateColumn({ type: 'timestamptz' })
  bookedAt: Date;
}
