import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { SubsidyClaimBatch } from './subsidy-claim-batch.entity';

/**
 * A payout 拨付 of a claim batch's approved lines: the payment order's reference and date. Each line's split is
 * paid on its budgets (`SubsidyBudgetLedger.pay`) under this id. The same reference for the same batch is the same
 * payout (asking again returns it).
 */
@Entity({ name: 'subsidy_payouts' })
@Index('uq_subsidy_payouts_reference', ['batchId', 'paymentReference'], { unique: true })
export class SubsidyPayout {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @ManyToOne(() => SubsidyClaimBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: SubsidyClaimBatch;

  @Column({ type: 'varchar', length: 100 })
  paymentReference: string;

  @Column({ type: 'date' })
  paymentDate: string;

  @Column({ type: 'integer' })
  lineCount: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  @Column({ type: 'uuid', nullable: true })
  paidByUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  paidByUsername: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
