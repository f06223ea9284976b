import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The uploaded file, kept as evidence, in chunks so that it is written and read as a stream. */
@Entity({ name: 'statement_file_chunks' })
export class StatementFileChunk {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
