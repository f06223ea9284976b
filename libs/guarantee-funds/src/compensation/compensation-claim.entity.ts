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
import { Guarantee } from '../guarantees/guarantee.entity';
import type { CompensationBasis } from '../funds/fund-status';
import type { ClaimStatus } from './claim-status';

/**
 * A bank's claim on the fund for a loan past the fund's trigger. The figures are those of the filing date, and
 * are taken again on the day it is paid (what the fund pays is what the loan owed that day).
 */
@Entity({ name: 'compensation_claims' })
@Check('ck_compensation_claims_status', `status IN ('FILED', 'REVIEWED', 'PAID', 'REJECTED')`)
@Index('uq_compensation_claims_loan', ['loanId'], { unique: true, where: `status <> 'REJECTED'` })
@Index(['fundId', 'status'])
export class CompensationClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. DC-2026-00001. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @Index()
  @Column({ type: 'uuid' })
  guaranteeId: string;

  @ManyToOne(() => Guarantee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'guarantee_id' })
  guarantee?: Guarantee;

  @Column({ type: 'uuid' })
  loanId: string;

  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'varchar', length: 12 })
  status: ClaimStatus;

  /** The date the figures below are taken on. */
  @Column({ type: 'date' })
  asOfDate: string;

  @Column({ type: 'integer' })
  daysPastDue: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalOutstandingFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  interestOverdueFen: bigint;

  @Column({ type: 'varchar', length: 24 })
  compensationBasis: CompensationBasis;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  fundShare: string;

  /** Principal (and interest, by the basis) the loss is measured on. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  coveredFen: bigint;

  /** The fund's share of `coveredFen`, rounded half-up to the fen. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  fundPaysFen: bigint;

  @Column({ type: 'uuid' })
  filedByUserId: string;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastNote: string | null;

  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  paymentReference: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  filedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
