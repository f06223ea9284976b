import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { ClaimBatchStatus } from './claim-status';

/**
 * A bank's subsidy claim for one jurisdiction and settlement period (申报批次): the period totals of the paper form
 * and the deadlines of each step in official working days. Sequence 1 is the regular claim the worker builds after
 * the settlement date; a later sequence is a supplementary claim of lines rejected before and corrected.
 */
@Entity({ name: 'subsidy_claim_batches' })
@Check(
  'ck_subsidy_claim_batches_status',
  `status IN ('DRAFT', 'SUBMITTED', 'INITIAL_REVIEWED', 'FINANCE_REVIEWED', 'PAID')`,
)
@Check('ck_subsidy_claim_batches_period', `period_start <= period_end AND sequence >= 1`)
@Index('uq_subsidy_claim_batches_key', ['bankOrganisationId', 'regionCode', 'settlementDate', 'sequence'], {
  unique: true,
})
@Index(['regionCode', 'settlementDate'])
export class SubsidyClaimBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  /** The jurisdiction (division code) whose finance bureau reviews and pays the claim. */
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  /** The calendar period: from the day after the previous settlement date through the settlement date. */
  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date' })
  settlementDate: string;

  @Column({ type: 'integer', default: 1 })
  sequence: number;

  @Column({ type: 'varchar', length: 20 })
  status: ClaimBatchStatus;

  @Column({ type: 'integer' })
  lineCount: number;

  /** Loans of the bank in the jurisdiction disbursed in the period, and the principal lent. */
  @Column({ type: 'integer' })
  loansLentInPeriod: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  lentInPeriodFen: bigint;

  /** Outstanding principal at the start of the period's first day and at the end of its last. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  openingBalanceFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  closingBalanceFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  requestedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  approvedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  paidFen: bigint;

  /** The bank files by this date (settlement date + the rule's claim working days). */
  @Column({ type: 'date' })
  claimDueOn: string;

  /** Set on submission: the initial review is due by this date. */
  @Column({ type: 'date', nullable: true })
  initialReviewDueOn: string | null;

  /** Set at the initial review: the finance bureau reviews and pays by this date. */
  @Column({ type: 'date', nullable: true })
  paymentDueOn: string | null;

  /** Who built the batch (null: the worker's scheduled build). */
  @Column({ type: 'uuid', nullable: true })
  preparedByUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  preparedByUsername: string;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  initialReviewedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  initialReviewedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  financeReviewedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
