import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { StatementFormat } from '../parsers/statement-types';
import type { ImportStatus } from './import-status';

/** One uploaded statement file and what its import did. The same content twice for an account imports once. */
@Entity({ name: 'statement_imports' })
@Index('uq_statement_imports_content', ['bankAccountId', 'contentSha256'], {
  unique: true,
  where: `status <> 'FAILED'`,
})
export class StatementImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  bankAccountId: string;

  @Column({ type: 'uuid' })
  bankOrganisationId: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 10 })
  format: StatementFormat;

  @Column({ type: 'char', length: 64 })
  contentSha256: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 12 })
  status: ImportStatus;

  /** Progress while processing, and the final counts. */
  @Column({ type: 'integer', default: 0 })
  linesRead: number;

  @Column({ type: 'integer', default: 0 })
  linesStored: number;

  /** Lines already imported from an earlier (overlapping) statement of the account: not stored again. */
  @Column({ type: 'integer', default: 0 })
  linesAlreadyKnown: number;

  /** Lines whose matching is decided (resumable progress: the lines still PENDING are what is left). */
  @Column({ type: 'integer', default: 0 })
  linesMatched: number;

  /** The last line id matching got to. */
  @Column({ type: 'bigint', nullable: true })
  matchCursorLineId: string | null;

  /** When the job last made progress: an unfinished import quiet for long is resumed by the housekeeping job. */
  @Column({ type: 'timestamptz', nullable: true })
  progressAt: Date | null;

  /** Runs queued for this import (the first by the upload; more by the housekeeping job or a re-run). */
  @Column({ type: 'integer', default: 1 })
  runs: number;

  /** When the raw file was deleted (retention over, or the import failed and its time passed). */
  @Column({ type: 'timestamptz', nullable: true })
  filePurgedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: 'integer', nullable: true })
  errorLine: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  errorField: string | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, nullable: true })
  openingBalanceFen: bigint | null;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, nullable: true })
  closingBalanceFen: bigint | null;

  @Column({ type: 'date', nullable: true })
  periodFrom: string | null;

  @Column({ type: 'date', nullable: true })
  periodTo: string | null;

  @Column({ type: 'uuid' })
  uploadedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
