import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicantContactPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { Clock, NotFoundError } from '@mla/core';
import { NotificationErrorCode } from '../errors';
import type { ConsentKind, NotificationChannel } from '../notification-enums';
import { NotificationConsent } from './notification-consent.entity';

export interface ConsentInput {
  channel: NotificationChannel;
  kind: ConsentKind;
  reason?: string | null;
}

/**
 * A borrower's consent or opt-out per channel, recorded with who and when: recording replaces the live one (kept,
 * marked withdrawn), withdrawing ends it. A send job reads the live opt-out just before it sends.
 */
@Injectable()
export class NotificationConsentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contacts: ApplicantContactPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  private async assertApplicantInScope(actor: Actor, applicantId: string): Promise<void> {
    const regionCode = await this.contacts.regionOf(applicantId);
    if (regionCode === null) {
      throw new NotFoundError(NotificationErrorCode.CONSENT_NOT_FOUND, `applicant ${applicantId} not found`, {
        id: applicantId,
      });
    }
    this.access.assertCanSee(actor, { regionCode }, 'applicant', applicantId);
  }

  /** Every row of the borrower, newest first (live and withdrawn). */
  async list(actor: Actor, applicantId: string): Promise<NotificationConsent[]> {
    this.access.assertCan(actor, Permission.NOTIFICATION_READ);
    await this.assertApplicantInScope(actor, applicantId);
    return this.dataSource
      .getRepository(NotificationConsent)
      .find({ where: { applicantId }, order: { recordedAt: 'DESC', id: 'DESC' } });
  }

  async record(actor: Actor, applicantId: string, input: ConsentInput): Promise<NotificationConsent> {
    this.access.assertCan(actor, Permission.NOTIFICATION_CONSENT);
    await this.assertApplicantInScope(actor, applicantId);
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(NotificationConsent);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('notification_consents:' || $1 || $2))`, [
        applicantId,
        input.channel,
      ]);
      const current = await this.liveOf(tx, applicantId, input.channel);
      if (current) {
        await repo.update(current.id, { withdrawnAt: now, withdrawnByUserId: actor.userId });
      }
      const row = await repo.save(
        repo.create({
          applicantId,
          channel: input.channel,
          kind: input.kind,
          reason: input.reason ?? null,
          recordedByUserId: actor.userId,
          recordedAt: now,
          withdrawnAt: null,
          withdrawnByUserId: null,
        }),
      );
      await this.audit.record(tx, {
        action: 'notification_consent.recorded',
        entityType: 'notification_consent',
        entityId: row.id,
        before: current,
        after: row,
      });
      return row;
    });
  }

  async withdraw(actor: Actor, applicantId: string, channel: NotificationChannel): Promise<NotificationConsent> {
    this.access.assertCan(actor, Permission.NOTIFICATION_CONSENT);
    await this.assertApplicantInScope(actor, applicantId);
    return this.dataSource.transaction(async (tx) => {
      const current = await this.liveOf(tx, applicantId, channel);
      if (!current) {
        throw new NotFoundError(NotificationErrorCode.CONSENT_NOT_FOUND, 'no live consent on this channel', {
          channel,
        });
      }
      const after = { ...current, withdrawnAt: this.clock.now(), withdrawnByUserId: actor.userId };
      await tx.getRepository(NotificationConsent).update(current.id, {
        withdrawnAt: after.withdrawnAt,
        withdrawnByUserId: actor.userId,
      });
      await this.audit.record(tx, {
        action: 'notification_consent.withdrawn',
        entityType: 'notification_consent',
        entityId: current.id,
        before: current,
        after,
      });
      return after;
    });
  }

  private async liveOf(
    tx: EntityManager,
    applicantId: string,
    channel: NotificationChannel,
  ): Promise<NotificationConsent | null> {
    const rows = await tx
      .getRepository(NotificationConsent)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.applicantId = :applicantId AND c.channel = :channel AND c.withdrawnAt IS NULL', {
        applicantId,
        channel,
      })
      .getMany();
    return rows[0] ?? null;
  }
}
