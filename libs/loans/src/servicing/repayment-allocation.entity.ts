import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Installment } from '../contracts/installment.entity';
import { Repayment } from './repayment.entity';

/** How one repayment was split over one installment, and the installment's status before, for exact reversal. */
@Entity({ name: 'repayment_allocations' })
export class RepaymentAllocation {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  repaymentId: string;

  @ManyToOne(() => Repayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'repayment_id' })
  repayment?: Repayment;

  @Index()
  @Column({ type: 'bigint' })
  installmentId: string;

  @ManyToOne(() => Installment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installment_id' })
  installment?: Installment;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  penaltyFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  interestFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalFen: bigint;

  @Column({ type: 'varchar', length: 16 })
  installmentStatusBefore: string;
}
