import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per state change or security event. Append-only: a trigger (see the migration) refuses UPDATE and
 * DELETE, so history cannot be rewritten even by the application.
 */
@Entity({ name: 'audit_log' })
@Index(['entityType', 'entityId'])
@Index(['occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorUsername: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  /** e.g. 'user.created', 'auth.login.failed'. */
  @Index()
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after: object | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
