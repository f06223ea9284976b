import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicantContactPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { Clock, ConflictError, DEFAULT_PAGE_SIZE, NotFoundError, decodeCursor, toPage, type Page } from '@mla/core';
import { NotificationJob, OutboxRepository, QueueName, sendMessageJobId } from '@mla/queue';
import { NotificationErrorCode } from '../errors';
import { MessageStatus, type MessageKind } from '../notification-enums';
import { NotificationMessage } from './notification-message.entity';

export interface MessageFilter {
  status?: MessageStatus[];
  kind?: MessageKind;
  applicantId?: string;
  limit?: number;
  cursor?: string;
}

/** A message as the officer's list shows it: masked name and phone, status and why it failed. */
export interface MessageListItem {
  message: NotificationMessage;
  maskedName: string | null;
}

/** The officer's view of messages (their region's) and the retry of one that failed for good. */
@Injectable()
export class NotificationMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contacts: ApplicantContactPort,
    private readonly outbox: OutboxRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Newest first, keyset-paginated, within the actor's region. */
  async list(actor: Actor, filter: MessageFilter): Promise<Page<MessageListItem>> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
    const q = this.dataSource
      .getRepository(NotificationMessage)
      .createQueryBuilder('m')
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1);
    const scope = this.access.scopeOf(actor);
    if (scope.kind === 'region') q.andWhere('m.regionCode LIKE :p', { p: `${scope.regionPrefix}%` });
    if (scope.kind === 'organisation') q.andWhere('false');
    if (filter.status?.length) q.andWhere('m.status IN (:...status)', { status: filter.status });
    if (filter.kind) q.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.applicantId) q.andWhere('m.applicantId = :a', { a: filter.applicantId });
    if (filter.cursor) {
      const c = decodeCursor<{ at: string; id: string }>(filter.cursor, ['at', 'id']);
      q.andWhere('(m.createdAt, m.id) < (:at::timestamptz, :id::uuid)', { at: c.at, id: c.id });
    }
    const page = toPage(await q.getMany(), limit, (m) => ({ at: m.createdAt.toISOString(), id: m.id }));
    const names = await this.contacts.maskedNamesOf(
      page.items.map((m) => m.applicantId).filter((a): a is string => !!a),
    );
    return {
      items: page.items.map((message) => ({
        message,
        maskedName: message.applicantId ? (names.get(message.applicantId) ?? null) : null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Sends a message that failed for good again: a new round, its send job queued through the outbox. Audited. */
  async retry(actor: Actor, id: string): Promise<NotificationMessage> {
    this.access.assertCan(actor, Permission.NOTIFICATION_RETRY);
    return this.dataSource.transaction(async (tx) => {
      const message = await tx
        .getRepository(NotificationMessage)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.id = :id', { id })
        .getOne();
      if (!message || !this.access.canSee(actor, { regionCode: message.regionCode })) {
        throw new NotFoundError(NotificationErrorCode.NOTIFICATION_MESSAGE_NOT_FOUND, `message ${id} not found`, {
          id,
        });
      }
      if (message.status !== MessageStatus.FAILED_PERMANENT) {
        throw new ConflictError(NotificationErrorCode.MESSAGE_NOT_RETRYABLE, `message ${id} is ${message.status}`, {
          status: message.status,
        });
      }
      const after = {
        ...message,
        status: MessageStatus.QUEUED,
        dispatch: message.dispatch + 1,
        attempts: 0,
        notBefore: this.clock.now(),
        sentOn: null,
        receiptStatus: null,
        receiptAt: null,
      };
      await tx.getRepository(NotificationMessage).update(id, {
        status: after.status,
        dispatch: after.dispatch,
        attempts: 0,
        notBefore: after.notBefore,
        sentOn: null,
        receiptStatus: null,
        receiptAt: null,
      });
      await this.outbox.enqueue(
        tx,
        QueueName.NOTIFICATIONS,
        NotificationJob.SEND_MESSAGE,
        { messageId: id, dispatch: after.dispatch },
        sendMessageJobId(id, after.dispatch),
      );
      await this.audit.record(tx, {
        action: 'notification_message.retried',
        entityType: 'notification_message',
        entityId: id,
        before: { status: message.status, dispatch: message.dispatch, lastErrorCode: message.lastErrorCode },
        after: { status: after.status, dispatch: after.dispatch },
      });
      return after;
    });
  }
}
