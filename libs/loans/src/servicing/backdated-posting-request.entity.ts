import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Loan } from '../contracts/loan.entity';

export type BackdatedPostingStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export const BACKDATED_POSTING_STATUSES: readonly BackdatedPostingStatus[] = ['PENDING', 'APPROVED', 'REJECTED'];

/**
 * A repayment dated further back than the configured number of days, held until a second person approves it (then
 * it is posted) or rejects it. It keeps the whole posting input, the maker's reason and who decided what.
 */
@Entity({ name: 'backdated_posting_requests' })
@Index('uq_backdated_posting_requests_pending_reference', ['loanId', 'externalReference'], {
  unique: true,
  where: `status = 'PENDING'`,
})
@Index('ix_backdated_posting_requests_list', ['status', 'requestedAt'])
@Check('ck_backdated_posting_requests_amount', `amount_fen > 0`)
@Check('ck_backdated_posting_requests_status', `status IN ('PENDING', 'APPROVED', 'REJECTED')`)
@Check(
  'ck_backdated_posting_requests_decision',
  `(status = 'PENDING') = (decided_at IS NULL) AND (status = 'APPROVED') = (repayment_id IS NOT NULL)`,
)
export class BackdatedPostingRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  loanId: string;

  @ManyToOne(() => Loan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'loan_id' })
  loan?: Loan;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  @Column({ type: 'date' })
  valueDate: string;

  @Column({ type: 'varchar', length: 24 })
  channel: string;

  @Column({ type: 'varchar', length: 100 })
  externalReference: string;

  /** Why the payment is recorded this late (the maker's words). */
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status: BackdatedPostingStatus;

  @Column({ type: 'uuid' })
  makerUserId: string;

  /** The maker's display name when they asked (lists show it without reading another context). */
  @Column({ type: 'varchar', length: 100 })
  makerName: string;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  checkerUserId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  checkerName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was rejected (required), or the approver's note. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  /** The repayment the approval posted. */
  @Column({ type: 'uuid', nullable: true })
  repaymentId: string | null;
}
