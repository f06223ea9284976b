import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Applicant } from '../applicants/applicant.entity';
import { ApplicationStatus } from './application-status';

export interface PartnershipMember {
  applicantId: string;
  amountFen: string;
}

export interface StoredEligibilityCheck {
  rule: string;
  outcome: 'PASS' | 'FAIL' | 'WARN';
  code: string;
  messageZh: string;
  messageEn: string;
  details?: object;
}

const OPEN = `'DRAFT', 'SUBMITTED', 'RECOMMENDED', 'ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED', 'APPROVED', 'RETURNED'`;

@Entity({ name: 'loan_applications' })
@Check('ck_loan_applications_status', `status IN (${OPEN}, 'REJECTED', 'WITHDRAWN', 'CLOSED')`)
@Check('ck_loan_applications_amount', `amount_fen > 0 AND term_months > 0`)
// One open application per person; the database holds the line even against two officers at once.
@Index('uq_loan_applications_open_per_applicant', ['applicantId'], { unique: true, where: `status IN (${OPEN})` })
@Index(['status', 'stepDueDate'])
export class LoanApplication {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human reference, e.g. SQ-2026-000042. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'uuid' })
  applicantId: string;

  @ManyToOne(() => Applicant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id' })
  applicant?: Applicant;

  /** The applicant's region, for scope. */
  @Index()
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  /** The federation office preparing the application. */
  @Column({ type: 'uuid' })
  organisationId: string;

  /** The partner bank that will review and lend. */
  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  @Column({ type: 'integer' })
  termMonths: number;

  @Column({ type: 'varchar', length: 20 })
  purpose: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  purposeDetail: string | null;

  @Column({ type: 'varchar', length: 48 })
  repaymentMethod: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  partnershipMembers: PartnershipMember[];

  @Column({ type: 'varchar', length: 24 })
  status: ApplicationStatus;

  /** The policy version the last eligibility check used. */
  @Column({ type: 'uuid', nullable: true })
  policyId: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  eligibility: StoredEligibilityCheck[];

  @Column({ type: 'timestamptz', nullable: true })
  eligibilityCheckedAt: Date | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  /** Whoever moved the application last: they may not move it again next (maker-checker). */
  @Column({ type: 'uuid' })
  lastActorUserId: string;

  @Column({ type: 'timestamptz' })
  stepEnteredAt: Date;

  /** Business date by which the waiting step should be done (working days from the step's configuration). */
  @Column({ type: 'date', nullable: true })
  stepDueDate: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
