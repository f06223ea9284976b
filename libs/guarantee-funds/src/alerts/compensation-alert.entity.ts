import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { CompensationAlertClosedReason, CompensationAlertStatus } from './compensation-alert-status';

/**
 * 代偿预警: a guaranteed loan more days past due than its fund's compensation trigger, flagged by the nightly close
 * for the guarantee operator and the bank. One open alert per loan; its figures are those of the last close.
 */
@Entity({ name: 'compensation_alerts' })
@Check('ck_compensation_alerts_status', `status IN ('OPEN', 'CLOSED')`)
@Check(
  'ck_compensation_alerts_closed',
  `(status = 'OPEN' AND closed_on IS NULL) OR (status = 'CLOSED' AND closed_on IS NOT NULL AND closed_reason IS NOT NULL)`,
)
@Index('uq_compensation_alerts_open_loan', ['loanId'], { unique: true, where: `status = 'OPEN'` })
@Index(['fundId', 'status'])
export class CompensationAlert {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  /** The loan's contract number, as the bank knows it. */
  @Column({ type: 'varchar', length: 64 })
  loanContractNumber: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Index()
  @Column({ type: 'uuid' })
  guaranteeId: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'varchar', length: 8 })
  status: CompensationAlertStatus;

  /** The close date that first found the loan past the trigger. */
  @Column({ type: 'date' })
  flaggedOn: string;

  /** The last close date that found it still past. */
  @Column({ type: 'date' })
  lastSeenOn: string;

  @Column({ type: 'integer' })
  daysPastDue: number;

  /** The fund's trigger when last seen (days past due after which the bank may claim). */
  @Column({ type: 'integer' })
  triggerDays: number;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalOutstandingFen: bigint;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  closedReason: CompensationAlertClosedReason | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
