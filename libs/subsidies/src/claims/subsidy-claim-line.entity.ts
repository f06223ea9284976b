import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { ClaimLineEligibility, ClaimLineStatus, InitialReviewFinding } from './claim-status';
import { SubsidyClaimBatch } from './subsidy-claim-batch.entity';

/**
 * One loan's subsidy for one period in a claim batch: the calculation's whole `SubsidyLine` (every input and check,
 * money as strings of fen) and, as columns, the figures lists and totals read. A loan and period has at most one
 * line that is not rejected (`uq_subsidy_claim_lines_live`): a rejected line can be claimed again in a later batch,
 * never twice.
 */
@Entity({ name: 'subsidy_claim_lines' })
@Check('ck_subsidy_claim_lines_status', `status IN ('PENDING', 'APPROVED', 'REJECTED', 'PAID')`)
@Check(
  'ck_subsidy_claim_lines_split',
  `central_fen + provincial_fen + city_fen + county_fen = subsidy_fen AND subsidy_fen >= 0`,
)
@Index('uq_subsidy_claim_lines_live', ['loanId', 'settlementDate'], {
  unique: true,
  where: `status <> 'REJECTED'`,
})
@Index(['batchId', 'id'])
export class SubsidyClaimLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  batchId: string;

  @ManyToOne(() => SubsidyClaimBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: SubsidyClaimBatch;

  @Index()
  @Column({ type: 'uuid' })
  loanId: string;

  @Column({ type: 'varchar', length: 64 })
  contractNumber: string;

  /** For the borrower's masked name in lists (read through the applicants' port). */
  @Column({ type: 'uuid' })
  applicantId: string;

  /** The loan's days of the period (both ends inclusive) and the settlement date that closes it. */
  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date' })
  settlementDate: string;

  /** The calculation's `SubsidyLine`, bigint figures as strings of fen. */
  @Column({ type: 'jsonb' })
  calculation: object;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  interestCollectedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  subsidyFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  centralFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  provincialFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  cityFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  countyFen: bigint;

  @Column({ type: 'varchar', length: 10 })
  eligibility: ClaimLineEligibility;

  @Column({ type: 'varchar', length: 10 })
  status: ClaimLineStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  initialFinding: InitialReviewFinding | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  initialNote: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  financeReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedByUsername: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  payoutId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
