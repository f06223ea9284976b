import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { Loan } from '../contracts/loan.entity';
import type { ContactKind, ContactOutcome } from './contact-enums';

/**
 * One contact with a borrower about her loan: a call, a visit, a text message. Append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE): a wrong record is corrected by a later one, never edited.
 */
@Entity({ name: 'loan_contacts' })
@Index('ix_loan_contacts_latest', ['loanId', 'contactedAt', 'id'])
@Check('ck_loan_contacts_kind', `kind IN ('PHONE_CALL', 'VISIT', 'SMS', 'OTHER')`)
@Check(
  'ck_loan_contacts_outcome',
  `outcome IN ('REACHED', 'NOT_REACHED', 'PROMISED_TO_PAY', 'REFUSED', 'WRONG_NUMBER', 'CLAIMS_PAID', 'OTHER')`,
)
@Check(
  'ck_loan_contacts_promise',
  `(promised_date IS NULL AND promised_amount_fen IS NULL) OR outcome = 'PROMISED_TO_PAY'`,
)
@Check('ck_loan_contacts_promised_amount', `promised_amount_fen IS NULL OR promised_amount_fen > 0`)
export class LoanContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  loanId: string;

  @ManyToOne(() => Loan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'loan_id' })
  loan?: Loan;

  @Column({ type: 'varchar', length: 16 })
  kind: ContactKind;

  @Column({ type: 'varchar', length: 24 })
  outcome: ContactOutcome;

  /** When the contact took place (the officer says; not after the moment it is recorded). */
  @Column({ type: 'timestamptz' })
  contactedAt: Date;

  /** The date the borrower promised to pay by (PROMISED_TO_PAY only). */
  @Column({ type: 'date', nullable: true })
  promisedDate: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, nullable: true })
  promisedAmountFen: bigint | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  officerUserId: string;

  /** The officer's display name when she recorded it (lists show it without reading another context). */
  @Column({ type: 'varchar', length: 100 })
  officerName: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
