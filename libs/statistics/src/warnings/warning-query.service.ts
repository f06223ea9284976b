import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { DEFAULT_PAGE_SIZE, decodeCursor, regionPrefix, toPage, type Page } from '@mla/core';
import { SnapshotScope } from '../snapshots/dimension';
import { readScopeOf } from '../reports/statistics-scope';
import type { StatisticsWarning } from './statistics-warning.entity';
import { WarningListRepository, type WarningFilter } from './warning.repository';
import type { WarningStatus } from './warning-level';
import { ResponsibleParty, TARGET_KINDS, TARGET_RULES } from '../targets/target-kind';

/**
 * The warning list in the caller's scope: a region's users see the warnings of their region and the regions under
 * it; a bank's users see the warnings their banks must act on (repayment, PAR30) in every region.
 */
@Injectable()
export class WarningQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly list: WarningListRepository,
    private readonly access: AccessPolicy,
  ) {}

  async page(
    actor: Actor,
    query: { status?: WarningStatus; regionCode?: string; year?: number },
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<StatisticsWarning>> {
    this.access.assertCan(actor, Permission.STATISTICS_READ);
    const scope = readScopeOf(this.access, actor, query.regionCode);
    const after = cursor ? decodeCursor<{ t: string; id: string }>(cursor, ['t', 'id']) : undefined;
    const filter: WarningFilter = { status: query.status, year: query.year };
    if (scope.kind === SnapshotScope.REGION) filter.regionPrefix = regionPrefix(scope.regionCode);
    else filter.kinds = TARGET_KINDS.filter((k) => TARGET_RULES[k].responsible === ResponsibleParty.BANK);
    const rows = await this.list.page(this.dataSource.manager, filter, limit + 1, after);
    return toPage(rows, limit, (w) => ({ t: w.raisedAt.toISOString(), id: w.id }));
  }
}
