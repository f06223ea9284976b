import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BANK_PRESETS, isMappingPreset } from '../parsers/bank-presets';
import type { ColumnMapping, StatementFormat } from '../parsers/statement-types';

/**
 * A bank's own account whose statements are reconciled with our records (the loan settlement account that
 * disbursements leave and repayments reach). It keeps the column mapping its CSV/XLSX exports need.
 */
@Entity({ name: 'bank_statement_accounts' })
@Index('uq_bank_statement_accounts_number', ['bankOrganisationId', 'accountNumber'], { unique: true })
export class BankAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  /** The bank's region, so that the federation and finance of that region see its reconciliation. */
  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  /** The bank's institutional account (not personal data). */
  @Column({ type: 'varchar', length: 40 })
  accountNumber: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 3, default: 'CNY' })
  currency: string;

  /** The usual format of its statements; a file's own content decides when this is null. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  format: StatementFormat | null;

  /** The preset its CSV/XLSX exports follow (ICBC, CCB …); when set, the preset's mapping is used as it is now. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  mappingPreset: string | null;

  /** The bank's own column mapping of its CSV/XLSX exports, when no preset fits. */
  @Column({ type: 'jsonb', nullable: true })
  columnMapping: ColumnMapping | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The mapping an account's CSV/XLSX statements are read with: its preset's, else its own; null when none. */
export function effectiveMapping(account: Pick<BankAccount, 'mappingPreset' | 'columnMapping'>): ColumnMapping | null {
  if (account.mappingPreset && isMappingPreset(account.mappingPreset)) return BANK_PRESETS[account.mappingPreset];
  return account.columnMapping;
}
