import { JoinColumn, ManyToOne, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LoanApplication } from './application.entity';

/** The application's history, one row per move: what, by whom, why. */
@Entity({ name: 'loan_application_transitions' })
export class ApplicationTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => LoanApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: LoanApplication;

  /** CREATE, SUBMIT, WITHDRAW, or <STEP>_<DECISION> such as FEDERATION_REVIEW_APPROVE. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 24 })
  toStatus: string;

  @Column({ type: 'uuid' })
  actorUserId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;
}
