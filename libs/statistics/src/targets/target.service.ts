import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { NotFoundError, parseRegionCode } from '@mla/core';
import { StatisticsErrorCode } from '../errors';
import { StatisticsTarget } from './statistics-target.entity';
import { validTarget, type TargetInput } from './target-input';

/** A region's yearly targets and thresholds: listed in scope, set (created or changed) and removed, audited. */
@Injectable()
export class TargetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, year?: number): Promise<StatisticsTarget[]> {
    this.access.assertCan(actor, Permission.STATISTICS_READ);
    const rows = await this.dataSource.manager.find(StatisticsTarget, {
      where: year ? { year } : {},
      order: { year: 'DESC', regionCode: 'ASC', kind: 'ASC' },
    });
    return rows.filter((t) => this.access.canSee(actor, { regionCode: t.regionCode }));
  }

  /** Creates the region's target of that year and kind, or changes its value. */
  async set(actor: Actor, input: TargetInput): Promise<StatisticsTarget> {
    this.access.assertCan(actor, Permission.STATISTICS_TARGET_MANAGE);
    parseRegionCode(input.regionCode);
    const valid = validTarget(input);
    this.access.assertCanSee(actor, { regionCode: valid.regionCode }, 'Region', valid.regionCode);
    return this.dataSource.transaction(async (tx) => {
      const before = await tx.findOne(StatisticsTarget, {
        where: { regionCode: valid.regionCode, year: valid.year, kind: valid.kind },
        lock: { mode: 'pessimistic_write' },
      });
      const rows = (await tx.query(
        `INSERT INTO statistics_targets (region_code, year, kind, value, formula, updated_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (region_code, year, kind) DO UPDATE
           SET value = EXCLUDED.value, formula = EXCLUDED.formula, updated_by_user_id = EXCLUDED.updated_by_user_id,
               updated_at = now()
         RETURNING id`,
        [valid.regionCode, valid.year, valid.kind, valid.value, valid.formula, actor.userId],
      )) as { id: string }[];
      const target = await tx.findOneByOrFail(StatisticsTarget, { id: rows[0].id });
      await this.audit.record(tx, {
        action: before ? 'statistics.target_changed' : 'statistics.target_set',
        entityType: 'statistics_target',
        entityId: target.id,
        before: before ? { value: before.value, formula: before.formula } : undefined,
        after: {
          regionCode: target.regionCode,
          year: target.year,
          kind: target.kind,
          value: target.value,
          formula: target.formula,
        },
      });
      return target;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    this.access.assertCan(actor, Permission.STATISTICS_TARGET_MANAGE);
    await this.dataSource.transaction(async (tx) => {
      const target = await tx.findOne(StatisticsTarget, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!target || !this.access.canSee(actor, { regionCode: target.regionCode })) {
        throw new NotFoundError(StatisticsErrorCode.STATISTICS_TARGET_NOT_FOUND, `target ${id} not found`, { id });
      }
      await tx.delete(StatisticsTarget, { id });
      await this.audit.record(tx, {
        action: 'statistics.target_removed',
        entityType: 'statistics_target',
        entityId: id,
        before: { regionCode: target.regionCode, year: target.year, kind: target.kind, value: target.value },
      });
    });
  }
}
