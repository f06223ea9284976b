import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  actorUserId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
  /** Restrict to actions by members of organisations in this region (code prefix). */
  actorRegionPrefix?: string;
}

@Injectable()
export class AuditRepository {
  /** Newest first, keyset on id. */
  list(tx: EntityManager, filter: AuditFilter, limit: number, beforeId?: string): Promise<AuditEntry[]> {
    const qb = tx.createQueryBuilder(AuditEntry, 'a');
    if (filter.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: filter.actorUserId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('a.entity_type = :type', { type: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :eid', { eid: filter.entityId });
    if (filter.requestId) qb.andWhere('a.request_id = :rid', { rid: filter.requestId });
    if (filter.from) qb.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.occurred_at < :to', { to: filter.to });
    if (filter.actorRegionPrefix !== undefined) {
      qb.andWhere('a.actor_organisation_id IN (SELECT id FROM organisations WHERE region_code LIKE :prefix)', {
        prefix: `${filter.actorRegionPrefix}%`,
      });
    }
    if (beforeId) qb.andWhere('a.id < :beforeId', { beforeId });
    return qb.orderBy('a.id', 'DESC').limit(limit).getMany();
  }
}
