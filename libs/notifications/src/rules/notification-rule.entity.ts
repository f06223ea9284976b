import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationChannel, RecipientKind } from '../notification-enums';

/**
 * When and to whom reminders go in a region, versioned like loan policies: a new version of a region's rule takes
 * effect from its date and the older ones stay for the messages written under them. A loan follows the rule of the
 * deepest region that contains it (a village rule wins over its county's).
 */
@Entity({ name: 'notification_rules' })
@Index('uq_notification_rules_version', ['regionCode', 'version'], { unique: true })
export class NotificationRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'integer' })
  version: number;

  /** The first business date the version applies to. */
  @Column({ type: 'date' })
  effectiveFrom: string;

  /** Days before a due date a reminder goes out (e.g. 7, 3, 1). */
  @Column({ type: 'integer', array: true })
  daysBefore: number[];

  /** Days after a missed due date a reminder goes out (e.g. 1, 7, 30). */
  @Column({ type: 'integer', array: true })
  daysAfter: number[];

  @Column({ type: 'varchar', length: 24, array: true })
  recipients: RecipientKind[];

  /** Quiet hours start and end, 'HH:mm' in Asia/Shanghai (e.g. 21:00–08:00); both null: none. */
  @Column({ type: 'varchar', length: 5, nullable: true })
  quietStart: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  quietEnd: string | null;

  /** Most messages one phone receives in a business day; the rest wait for the next day. */
  @Column({ type: 'integer' })
  dailyCapPerPhone: number;

  @Column({ type: 'varchar', length: 8 })
  channel: NotificationChannel;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
