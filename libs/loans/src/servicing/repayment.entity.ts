import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Loan } from '../contracts/loan.entity';

export type RepaymentStatus = 'POSTED' | 'REVERSED';

/** Money received for a loan. The external reference makes posting idempotent: the same one twice posts once. */
@Entity({ name: 'repayments' })
@Unique(['loanId', 'externalReference'])
@Check('ck_repayments_amount', `amount_fen > 0`)
export class Repayment {
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

  /** REGULAR; PAYOFF settles the whole loan, PREPAYMENT part of the principal (both with interest to the value date). */
  @Column({ type: 'varchar', length: 10, default: 'REGULAR' })
  kind: 'REGULAR' | 'PAYOFF' | 'PREPAYMENT';

  /** BANK_COUNTER, TRANSFER, AUTO_DEBIT, STATEMENT_IMPORT, OTHER. */
  @Column({ type: 'varchar', length: 24 })
  channel: string;

  /** Indexed alone too: bank statements are matched by it across loans (reconciliation). */
  @Index()
  @Column({ type: 'varchar', length: 100 })
  externalReference: string;

  /** The part no installment could take, held as the borrower's credit. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  creditFen: bigint;

  /** The loan's status before this posting, restored by a reversal. */
  @Column({ type: 'varchar', length: 16 })
  loanStatusBefore: string;

  @Column({ type: 'varchar', length: 10, default: 'POSTED' })
  status: RepaymentStatus;

  @Column({ type: 'uuid' })
  postedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  postedAt: Date;

  /** Arrival order: postings of one value date apply in this order (a replay keeps it). */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', insert: false, update: false })
  seq: string;

  @Column({ type: 'timestamptz', nullable: true })
  reversedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reversedByUserId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reversalReason: string | null;
}
