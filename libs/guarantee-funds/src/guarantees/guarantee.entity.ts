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
import { GuaranteeFund } from '../funds/guarantee-fund.entity';
import type { GuaranteeStatus } from './guarantee-status';

/** A guarantee contract of a fund for one application (and the loan made from it). */
@Entity({ name: 'guarantees' })
@Check('ck_guarantees_status', `status IN ('ACTIVE', 'RELEASED', 'CANCELLED', 'COMPENSATED')`)
@Check('ck_guarantees_amount', `amount_fen > 0`)
@Index('uq_guarantees_application', ['applicationId'], { unique: true, where: `status <> 'CANCELLED'` })
@Index(['fundId', 'status'])
export class Guarantee {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. TMYQ-DB-2026-00001. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  contractNumber: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => GuaranteeFund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund?: GuaranteeFund;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  loanId: string | null;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  /** Guaranteed principal (the application's amount). */
  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  /** The fund's share of a loss, fixed when the guarantee was issued. */
  @Column({ type: 'numeric', precision: 5, scale: 4 })
  fundShare: string;

  @Column({ type: 'varchar', length: 12 })
  status: GuaranteeStatus;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'uuid' })
  issuedByUserId: string;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
