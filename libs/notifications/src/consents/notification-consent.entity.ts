import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ConsentKind, NotificationChannel } from '../notification-enums';

/**
 * A borrower's consent or opt-out on a channel, with who recorded it and when. At most one live (not withdrawn) row
 * per borrower and channel; withdrawing keeps the row with who withdrew it and when.
 */
@Entity({ name: 'notification_consents' })
@Index('uq_notification_consents_live', ['applicantId', 'channel'], { unique: true, where: 'withdrawn_at IS NULL' })
@Index('ix_notification_consents_applicant', ['applicantId', 'recordedAt'])
export class NotificationConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicantId: string;

  @Column({ type: 'varchar', length: 8 })
  channel: NotificationChannel;

  @Column({ type: 'varchar', length: 8 })
  kind: ConsentKind;

  /** How she said so (e.g. 电话告知, 书面申请). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  withdrawnByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
