import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Loan } from './loan.entity';
import type { InstallmentStatus } from './loan-status';

/** One row of a loan's schedule, with what has been paid against it. */
@Entity({ name: 'installments' })
@Unique(['loanId', 'number'])
@Index(['status', 'dueDate'])
export class Installment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  @ManyToOne(() => Loan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'loan_id' })
  loan?: Loan;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'integer' })
  days: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalDueFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  interestDueFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  principalPaidFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  interestPaidFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  penaltyAccruedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  penaltyPaidFen: bigint;

  /**
   * The overdue basis (fen) summed over each day since the due date, counted through `penaltyAccruedThrough`; the
   * penalty charged is derived from it (`servicing/penalty.ts`), so it does not matter when it was brought up to date.
   */
  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  penaltyFenDays: bigint;

  /** The overdue basis has been counted up to this date (a posting, the daily close or a replay advances it). */
  @Column({ type: 'date', nullable: true })
  penaltyAccruedThrough: string | null;

  /** Extension and overdue periods are never subsidised. */
  @Column({ type: 'boolean', default: true })
  subsidisable: boolean;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: InstallmentStatus;
}
