import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { LineOutcome } from './import-status';

/**
 * A booked line of a bank statement. Stored once per account (`dedupeKey`: the bank's transaction id, or the
 * line's content and its occurrence in the file when the bank gives no id), so overlapping statements add nothing
 * twice. The counterparty account is personal data: encrypted, masked, and a keyed hash to match loans by.
 */
@Entity({ name: 'statement_lines' })
@Index('uq_statement_lines_dedupe', ['bankAccountId', 'dedupeKey'], { unique: true })
@Index(['bankAccountId', 'bookingDate'])
@Index(['bankAccountId', 'outcome'])
// Matching (and resuming it) walks an import's PENDING lines in id order.
@Index('ix_statement_lines_pending', ['importId', 'id'], { where: `outcome = 'PENDING'` })
export class StatementLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  importId: string;

  @Column({ type: 'uuid' })
  bankAccountId: string;

  @Column({ type: 'integer' })
  lineNumber: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  bankTransactionId: string | null;

  @Column({ type: 'char', length: 64 })
  dedupeKey: string;

  @Column({ type: 'date' })
  bookingDate: string;

  @Column({ type: 'date', nullable: true })
  valueDate: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  /** ISO 4217; the account's currency (CNY by default) when the file says none. */
  @Column({ type: 'varchar', length: 3, default: 'CNY' })
  currency: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  counterpartyName: string | null;

  @Column({ type: 'text', nullable: true })
  counterpartyAccountCiphertext: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  counterpartyAccountMasked: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  counterpartyAccountIndex: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, nullable: true })
  balanceAfterFen: bigint | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: LineOutcome;

  /** 1 exact reference, 2 account + amount + date window, 3 suggestion; null when unmatched. */
  @Column({ type: 'smallint', nullable: true })
  matchTier: number | null;

  /** Which rule matched (e.g. DISBURSEMENT_REFERENCE, BORROWER_ACCOUNT_AMOUNT). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  matchRule: string | null;

  /** DISBURSEMENT or REPAYMENT. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  matchedKind: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  matchedLoanId: string | null;

  // Partial: most lines never match a repayment, and inserting them should not grow this index.
  @Index({ where: 'matched_repayment_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  matchedRepaymentId: string | null;

  /** A credit split by hand over several loans: the repayments it was posted as. */
  @Column({ type: 'uuid', array: true, nullable: true })
  splitRepaymentIds: string[] | null;

  /** Installments one credit settled (a line may settle several). */
  @Column({ type: 'integer', nullable: true })
  installmentsSettled: number | null;

  @Column({ type: 'bigint', nullable: true })
  duplicateOfLineId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
