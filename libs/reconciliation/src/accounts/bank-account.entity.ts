import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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

  /** The column mapping of its CSV/XLSX exports (a preset's, or the bank's own). */
  @Column({ type: 'jsonb', nullable: true })
  columnMapping: ColumnMapping | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
