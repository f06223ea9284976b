import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import { GuaranteeFund } from '../funds/guarantee-fund.entity';
import type { EntryKind, LedgerAccount } from './entry-kind';

/**
 * One append-only line of a fund's ledger (a trigger refuses UPDATE and DELETE). Amounts are signed fen: a
 * contribution adds to the deposit, a compensation takes from it; a reserve adds to the liability, a release takes
 * from it. Each entry names its cause (guarantee, loan, repayment, claim or document) and who booked it.
 */
@Entity({ name: 'guarantee_fund_entries' })
@Check('ck_guarantee_fund_entries_amount', `amount_fen <> 0`)
@Check(
  'ck_guarantee_fund_entries_kind',
  `(kind IN ('CONTRIBUTION', 'INTEREST_INCOME', 'RECOVERY_RECEIVED') AND account = 'DEPOSIT' AND amount_fen > 0)
   OR (kind = 'COMPENSATION_PAID' AND account = 'DEPOSIT' AND amount_fen < 0)
   OR (kind = 'ADJUSTMENT' AND account = 'DEPOSIT')
   OR (kind = 'RESERVE' AND account = 'LIABILITY' AND amount_fen > 0)
   OR (kind IN ('RELEASE_REPAYMENT', 'RELEASE_END') AND account = 'LIABILITY' AND amount_fen < 0)
   OR (kind = 'REVERSAL' AND reverses_entry_id IS NOT NULL)`,
)
@Index('uq_guarantee_fund_entries_reverses', ['reversesEntryId'], {
  unique: true,
  where: 'reverses_entry_id IS NOT NULL',
})
@Index('uq_guarantee_fund_entries_recovery_reference', ['claimId', 'documentReference'], {
  unique: true,
  where: `kind = 'RECOVERY_RECEIVED'`,
})
@Index(['fundId', 'valueDate'])
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => GuaranteeFund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund?: GuaranteeFund;

  @Column({ type: 'varchar', length: 10 })
  account: LedgerAccount;

  @Column({ type: 'varchar', length: 24 })
  kind: EntryKind;

  @Column({ type: 'bigint', transformer: BIGINT_FEN })
  amountFen: bigint;

  /** The business date the entry counts from. */
  @Column({ type: 'date' })
  valueDate: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  guaranteeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  loanId: string | null;

  @Column({ type: 'uuid', nullable: true })
  repaymentId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  claimId: string | null;

  /** The paper behind it: a bank slip, an allocation notice, a remittance reference. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  documentReference: string | null;

  @Column({ type: 'bigint', nullable: true })
  reversesEntryId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo: string | null;

  /** The inputs of the figure (leverage and rate in force, shares, amounts it was computed from). */
  @Column({ type: 'jsonb', nullable: true })
  basis: Record<string, string | number | boolean | null> | null;

  @Column({ type: 'uuid', nullable: true })
  bookedByUserId: string | null;

  @Column({ type: 'varchar', length: 64 })
  bookedByUsername: string;

  @CreateDateColumn({ type: 'timestamptz' })
  bookedAt: Date;
}
