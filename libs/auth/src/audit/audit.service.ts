import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext, SYSTEM_ACTOR, type ActorRef } from '@mla/core';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the request's actor, else the system. */
  actor?: ActorRef;
}

const SECRET_KEYS = /^(passwordHash|password|newPassword|currentPassword|token|accessToken)$/;

/** Copies a value for the audit log, leaving secrets out and turning bigints and dates into strings. */
export function auditSnapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (value == null) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (SECRET_KEYS.test(key)) return undefined;
      return typeof v === 'bigint' ? v.toString() : v;
    }),
  ) as Record<string, unknown>;
}

/** Writes audit rows inside the caller's transaction: the change and its record commit or roll back together. */
@Injectable()
export class AuditLog {
  async record(tx: EntityManager, record: AuditRecord): Promise<void> {
    const context = RequestContext.current();
    const actor = record.actor ?? context?.actor ?? SYSTEM_ACTOR;
    await tx.insert(AuditEntry, {
      actorUserId: actor.userId,
      actorUsername: actor.username,
      actorOrganisationId: actor.organisationId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      before: auditSnapshot(record.before),
      after: auditSnapshot(record.after),
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
    });
  }
}
