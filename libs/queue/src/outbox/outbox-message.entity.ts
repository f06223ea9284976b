import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work for the queue, written in the same transaction as the state change that calls for it and relayed to
 * BullMQ after commit (jobId = this id, or a deterministic key), so a job never runs for a rolled-back change
 * and is never lost for a committed one.
 */
@Entity({ name: 'outbox_messages' })
@Index('ix_outbox_messages_pending', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ type: 'varchar', length: 64 })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Deterministic BullMQ job id for work that must happen once; no ':' allowed. */
  @Column({ type: 'varchar', length: 200 })
  jobId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
