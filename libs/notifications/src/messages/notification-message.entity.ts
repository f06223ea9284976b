import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type {
  MessageFailureCode,
  MessageKind,
  MessageStatus,
  NotificationChannel,
  RecipientKind,
} from '../notification-enums';

/**
 * One message to one recipient, written before anything is sent under a unique key (installment, rule, recipient,
 * date; or the paid claim line), so a selection run twice writes nothing twice. Holds ids only; the phone and the
 * template's values are kept encrypted (`envelope_ciphertext`), the phone's keyed hash counts the daily cap.
 */
@Entity({ name: 'notification_messages' })
@Index('ix_notification_messages_dispatch', ['status', 'notBefore'])
@Index('ix_notification_messages_list', ['regionCode', 'createdAt', 'id'])
export class NotificationMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_notification_messages_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 24 })
  kind: MessageKind;

  @Column({ type: 'varchar', length: 24 })
  recipientKind: RecipientKind;

  @Column({ type: 'varchar', length: 8 })
  channel: NotificationChannel;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  loanId: string | null;

  @Column({ type: 'bigint', nullable: true })
  installmentId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  applicantId: string | null;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  claimLineId: string | null;

  @Column({ type: 'uuid', nullable: true })
  ruleId: string | null;

  @Column({ type: 'integer', nullable: true })
  ruleVersion: number | null;

  @Column({ type: 'uuid' })
  templateId: string;

  @Column({ type: 'integer' })
  templateVersion: number;

  /** The business date the message was selected for. */
  @Column({ type: 'date' })
  scheduledDate: string;

  /** Days before (negative) or after (positive) the due date; null for other kinds. */
  @Column({ type: 'integer', nullable: true })
  offsetDays: number | null;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  /** The amount the message names (owed, or paid), fen. */
  @Column({ type: 'bigint', transformer: BIGINT_FEN, nullable: true })
  amountFen: bigint | null;

  /** The keyed hash of the phone (the daily cap counts by it). */
  @Column({ type: 'char', length: 64, nullable: true })
  phoneIndex: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  phoneMasked: string | null;

  /** The phone and the template's values, encrypted. */
  @Column({ type: 'text', nullable: true })
  envelopeCiphertext: string | null;

  @Column({ type: 'varchar', length: 24 })
  status: MessageStatus;

  /** Bumped each time the message is queued again (after a wait or a retry): the send job's id carries it. */
  @Column({ type: 'integer', default: 0 })
  dispatch: number;

  /** Gateway calls made. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Not sent before this instant (quiet hours, the daily cap). */
  @Column({ type: 'timestamptz' })
  notBefore: Date;

  /** The business date it was sent on (the daily cap's day). */
  @Column({ type: 'date', nullable: true })
  sentOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  gatewayMessageId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  receiptStatus: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  receiptAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  lastErrorCode: MessageFailureCode | null;

  /** The gateway's own code for the last failure, as it gave it (no personal data). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastGatewayCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
