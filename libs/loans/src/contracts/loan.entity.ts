import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { LoanStatus } from './loan-status';

/** A signed loan contract: created from an approved application, active once disbursed. */
@Entity({ name: 'loans' })
@Check('ck_loans_principal', `principal_fen > 0 AND term_months > 0`)
@Index('ix_loans_past_due', ['daysPastDue'], { where: 'days_past_due > 0' })
export class Loan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  contractNumber: string;

  /** One loan per application. */
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  applicationId: string;

  @Index()
  @Column({ type: 'uuid' })
  applicantId: string;

  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'uuid' })
  policyId: string;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  principalFen: bigint;

  /** Contract rate per year, as a fraction ('0.0495'). */
  @Column({ type: 'numeric', precision: 9, scale: 6 })
  annualRate: string;

  /** 1-year LPR (percent) on the signing date, fixed for the life of the loan. */
  @Column({ type: 'numeric', precision: 6, scale: 4 })
  lprPercent: string;

  @Column({ type: 'date' })
  lprEffectiveDate: string;

  @Column({ type: 'date' })
  signingDate: string;

  @Column({ type: 'integer' })
  termMonths: number;

  @Column({ type: 'varchar', length: 48 })
  repaymentMethod: string;

  /** Schedule conventions fixed at signing (day count, basis, rounding, settlement days). */
  @Column({ type: 'jsonb' })
  conventions: object;

  /**
   * Monthly methods: the first due date agreed at signing (later ones keep its day); null = a month after the
   * value date. Every rebuild of the schedule (disbursement, extension) anchors on it.
   */
  @Column({ type: 'date', nullable: true })
  firstDueDate: string | null;

  /** Penalty interest on overdue principal = contract rate × (1 + this), e.g. '0.5' for +50%; never subsidised. */
  @Column({ type: 'numeric', precision: 6, scale: 4 })
  penaltyUplift: string;

  /**
   * Days after a due date before an unpaid installment counts as overdue; paid within them, no penalty. Unpaid after
   * them, penalty runs from the due date.
   */
  @Column({ type: 'integer', default: 0 })
  graceDays: number;

  /** What penalty is charged on (PenaltyBasis): overdue principal, or overdue principal and interest (复利). */
  @Column({ type: 'varchar', length: 24, default: 'PRINCIPAL' })
  penaltyBasis: string;

  /** The order a payment settles components in, oldest installment first (e.g. penalty, interest, principal). */
  @Column({ type: 'varchar', length: 10, array: true })
  allocationOrder: string[];

  /** Overpayments held for the borrower. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  creditFen: bigint;

  @Column({ type: 'varchar', length: 16 })
  status: LoanStatus;

  @Column({ type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'date', nullable: true })
  maturityDate: string | null;

  /** 展期: granted once; the maturity before it, and when and for how long. */
  @Column({ type: 'date', nullable: true })
  originalMaturityDate: string | null;

  @Column({ type: 'date', nullable: true })
  extendedOn: string | null;

  @Column({ type: 'integer', nullable: true })
  extensionMonths: number | null;

  /** Indexed, like the disbursement reference: bank statements are matched by them (reconciliation). */
  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  bankLoanNumber: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  disbursementReference: string | null;

  /** The borrower's account the loan was paid into (encrypted, masked, and a keyed hash to match statements by). */
  @Column({ type: 'text', nullable: true })
  borrowerAccountCiphertext: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  borrowerAccountMasked: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  borrowerAccountIndex: string | null;

  /** Days past due as of the last nightly close (for reports); the live figure comes from the installments. */
  @Column({ type: 'integer', default: 0 })
  daysPastDue: number;

  @Column({ type: 'uuid' })
  signedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
