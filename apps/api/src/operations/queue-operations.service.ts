import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, SessionService, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { BadInputError, CommonErrorCode, DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import { QueueInspector, type FailedJob, type QueueName } from '@mla/queue';

/** The purpose the queue dashboard's cookie token is issued for; no other token opens the dashboard. */
export const QUEUE_DASHBOARD_AUDIENCE = 'queue-dashboard';

/**
 * What system administrators do with the job queues over HTTP: list the failed jobs of a queue, retry one (audited),
 * and open the dashboard (a short-lived token for its cookie, audited). The api runs no processor; this reads and
 * moves jobs in Redis only.
 */
@Injectable()
export class QueueOperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspector: QueueInspector,
    private readonly sessions: SessionService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /** Failed jobs of a queue, the latest failure first (pages by position: the list is short and only grows at its head). */
  async failed(actor: Actor, queue: QueueName, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<FailedJob>> {
    this.access.assertCan(actor, Permission.QUEUE_MANAGE);
    const offset = cursor ? offsetOf(cursor) : 0;
    const jobs = await this.inspector.failed(queue, offset, limit + 1);
    let position = offset;
    const keyed = jobs.map((job) => ({ job, next: ++position }));
    const page = toPage(keyed, limit, (k) => ({ o: k.next }));
    return { items: page.items.map((k) => k.job), nextCursor: page.nextCursor };
  }

  /** Moves a failed job back to waiting, its attempts counted afresh; audited. */
  async retry(actor: Actor, queue: QueueName, id: string): Promise<FailedJob> {
    this.access.assertCan(actor, Permission.QUEUE_MANAGE);
    const job = await this.inspector.retry(queue, id);
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, {
        action: 'queue.job_retried',
        entityType: 'queue_job',
        entityId: `${queue}/${id}`,
        before: { state: 'failed', name: job.name, attemptsMade: job.attemptsMade, failedReason: job.failedReason },
        after: { state: 'waiting' },
      }),
    );
    return job;
  }

  /** A token for the dashboard's cookie, valid QUEUE_DASHBOARD_TTL_SECONDS; audited. */
  async openDashboard(actor: Actor): Promise<{ token: string; ttlSeconds: number }> {
    this.access.assertCan(actor, Permission.QUEUE_MANAGE);
    const ttlSeconds = this.config.env.QUEUE_DASHBOARD_TTL_SECONDS;
    const token = await this.sessions.issuePurposeToken(actor, QUEUE_DASHBOARD_AUDIENCE, ttlSeconds);
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, {
        action: 'queue.dashboard_opened',
        entityType: 'user',
        entityId: actor.userId,
        after: { ttlSeconds },
      }),
    );
    return { token, ttlSeconds };
  }

  /**
   * The administrator a dashboard cookie stands for, read afresh (a disabled user, or one who lost the role, is
   * refused at once): 401 for a missing, forged, expired or revoked token, 403 without the permission.
   */
  async dashboardActor(token: string): Promise<Actor> {
    const actor = await this.sessions.authenticate(token, QUEUE_DASHBOARD_AUDIENCE);
    this.access.assertCan(actor, Permission.QUEUE_MANAGE);
    return actor;
  }
}

function offsetOf(cursor: string): number {
  const { o } = decodeCursor<{ o: number }>(cursor, ['o']);
  if (!Number.isSafeInteger(o) || o < 0) {
    throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list returned', {
      field: 'cursor',
    });
  }
  return o;
}
