import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The uploaded file, kept as evidence for a retention period (STATEMENT_FILE_RETENTION_DAYS), in chunks so that it
 * is written and read as a stream. Each chunk is encrypted (AES-256-GCM, bound to its import and position), as the
 * file holds borrowers' accounts; chunks stored before encryption say `encrypted = false` and are purged by the
 * hourly housekeeping as soon as their import is finished.
 */
@Entity({ name: 'statement_file_chunks' })
export class StatementFileChunk {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;

  @Column({ type: 'boolean', default: false })
  encrypted: boolean;
}
