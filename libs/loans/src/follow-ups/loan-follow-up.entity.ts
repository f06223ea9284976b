import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Loan } from '../contracts/loan.entity';
import { BusinessState, FollowUpKind } from './follow-up-kinds';

/**
 * A follow-up on a loan's borrower (回访 / 就业核查) as a federation officer recorded it. Append-only: a wrong record is
 * withdrawn with a reason (it stays, marked), never edited. A record finding the borrower employed elsewhere or the
 * business closed carries the date that took effect; the subsidy stops from the earliest such date still standing.
 */
@Entity({ name: 'loan_follow_ups' })
@Index('ix_loan_follow_ups_loan', ['loanId', 'visitedOn'])
@Check('ck_loan_follow_ups_kind', `kind IN ('ON_SITE_VISIT', 'PHONE', 'EMPLOYMENT_CHECK')`)
@Check('ck_loan_follow_ups_state', `business_state IN ('STILL_OPERATING', 'EMPLOYED_ELSEWHERE', 'BUSINESS_CLOSED')`)
@Check('ck_loan_follow_ups_changed_on', `(business_state = 'STILL_OPERATING') = (changed_on IS NULL)`)
@Check('ck_loan_follow_ups_changed_before_visit', `changed_on IS NULL OR changed_on <= visited_on`)
@Check('ck_loan_follow_ups_jobs', `jobs_created >= 0`)
@Check('ck_loan_follow_ups_withdrawal', `(withdrawn_at IS NULL) = (withdrawal_reason IS NULL)`)
export class LoanFollowUp {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  @ManyToOne(() => Loan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'loan_id' })
  loan?: Loan;

  @Column({ type: 'varchar', length: 20 })
  kind: FollowUpKind;

  /** The day of the visit, call or check. */
  @Column({ type: 'date' })
  visitedOn: string;

  @Column({ type: 'varchar', length: 20 })
  businessState: BusinessState;

  /** The day the job elsewhere or the closure took effect (absent while the business operates). */
  @Column({ type: 'date', nullable: true })
  changedOn: string | null;

  /** Jobs the business provided when it was checked (statistics read it). */
  @Column({ type: 'int' })
  jobsCreated: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Column({ type: 'varchar', length: 100 })
  recordedByName: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  withdrawnByName: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawalReason: string | null;
}
