import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageKind } from '../notification-enums';

/**
 * The text of a kind of message, in Chinese with variables ({name}, {amountDue}, {dueDate}, {bank}, {officerPhone},
 * {contractNumber}, …), versioned: a message records the version it was written with; the newest version is used.
 */
@Entity({ name: 'notification_templates' })
@Index('uq_notification_templates_version', ['kind', 'version'], { unique: true })
export class NotificationTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: MessageKind;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** The signature the gateway prefixes (e.g. 某县妇联); registered with the gateway. */
  @Column({ type: 'varchar', length: 20 })
  signName: string;

  /** The gateway's code of the registered template this text corresponds to. */
  @Column({ type: 'varchar', length: 64 })
  gatewayTemplateCode: string;

  /** Null for the versions the migration seeds. */
  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
