import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadInputError, DateErrorCode, DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import { AccessPolicy } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { Permission } from '../access/permission';
import type { AuditEntry } from './audit-entry.entity';
import { AuditRepository, type AuditFilter } from './audit.repository';

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entries: AuditRepository,
    private readonly access: AccessPolicy,
  ) {}

  /** Auditors of a region read what members of that region's organisations did; administrators read everything. */
  async list(
    actor: Actor,
    filter: Omit<AuditFilter, 'actorRegionPrefix'>,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<AuditEntry>> {
    this.access.assertCan(actor, Permission.AUDIT_READ);
    if (filter.from && filter.to && filter.to < filter.from) {
      throw new BadInputError(DateErrorCode.INVALID_DATE_RANGE, 'to must be on or after from', {
        field: 'to',
        min: filter.from.toISOString(),
      });
    }
    const scope = this.access.scopeOf(actor);
    const scoped: AuditFilter = { ...filter };
    if (scope.kind === 'region') scoped.actorRegionPrefix = scope.regionPrefix;
    if (scope.kind === 'organisation') scoped.actorRegionPrefix = '\u0000';
    const before = cursor ? decodeCursor<{ id: string }>(cursor, ['id']).id : undefined;
    const rows = await this.entries.list(this.dataSource.manager, scoped, limit + 1, before);
    return toPage(rows, limit, (e) => ({ id: e.id }));
  }
}
