import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StatisticsTarget } from '../targets/statistics-target.entity';
import type { TargetKind } from '../targets/target-kind';
import { StatisticsWarning } from './statistics-warning.entity';
import { WarningStatus } from './warning-level';

export interface RaiseWarning {
  kind: StatisticsWarning['kind'];
  regionCode: string;
  year: number;
  level: StatisticsWarning['level'];
  measured: string;
  target: string;
  trend: StatisticsWarning['trend'];
  projectedYearEnd: string | null;
  responsible: StatisticsWarning['responsible'];
  businessDate: string;
}

/** Targets and warnings as the evaluator reads and writes them. */
@Injectable()
export class WarningRepository {
  targetsOfYear(tx: EntityManager, year: number): Promise<StatisticsTarget[]> {
    return tx.find(StatisticsTarget, { where: { year }, order: { regionCode: 'ASC', kind: 'ASC' } });
  }

  openWarnings(tx: EntityManager, year: number): Promise<StatisticsWarning[]> {
    return tx.find(StatisticsWarning, { where: { year, status: WarningStatus.OPEN } });
  }

  /** Opens a warning, or refreshes the open one; `created` says which. */
  async raise(tx: EntityManager, w: RaiseWarning): Promise<{ warning: StatisticsWarning; created: boolean }> {
    const rows = (await tx.query(
      `INSERT INTO statistics_warnings (kind, region_code, year, level, status, measured, target, trend,
                                        projected_year_end, responsible, raised_on, last_seen_on, raised_at)
       VALUES ($1, $2, $3, $4, 'OPEN', $5, $6, $7, $8, $9, $10, $10, now())
       ON CONFLICT (region_code, year, kind) WHERE status = 'OPEN' DO UPDATE
         SET level = EXCLUDED.level, measured = EXCLUDED.measured, target = EXCLUDED.target, trend = EXCLUDED.trend,
             projected_year_end = EXCLUDED.projected_year_end, responsible = EXCLUDED.responsible,
             last_seen_on = EXCLUDED.last_seen_on
       RETURNING id, (xmax = 0) AS created`,
      [
        w.kind,
        w.regionCode,
        w.year,
        w.level,
        w.measured,
        w.target,
        w.trend,
        w.projectedYearEnd,
        w.responsible,
        w.businessDate,
      ],
    )) as { id: string; created: boolean }[];
    const warning = await tx.findOneByOrFail(StatisticsWarning, { id: rows[0].id });
    return { warning, created: rows[0].created };
  }

  /** Clears an open warning (guarded: a warning already cleared is left as it is). */
  async clear(tx: EntityManager, id: string, businessDate: string, measured: string | null): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE statistics_warnings SET status = 'CLEARED', cleared_on = $2, cleared_at = now(),
              measured = coalesce($3, measured), last_seen_on = $2
        WHERE id = $1 AND status = 'OPEN' RETURNING id`,
      [id, businessDate, measured],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The guarantee funds of a region and the regions under it (guarantee_funds of libs/guarantee-funds). */
  async fundsOfRegion(tx: EntityManager, regionPrefix: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT id::text AS id FROM guarantee_funds WHERE region_code LIKE $1 ORDER BY id`, [
      `${regionPrefix}%`,
    ])) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The region's subsidy budgets of the year: committed (approved claim lines, net of releases) against allocated
   * (allocations and top-ups), summed over funding levels (subsidy_budgets, subsidy_budget_entries of libs/subsidies).
   */
  async subsidyBudgetUsed(
    tx: EntityManager,
    regionCode: string,
    year: number,
  ): Promise<{ used: bigint; allocated: bigint }> {
    const rows = (await tx.query(
      `SELECT coalesce(-sum(e.amount_fen) FILTER (WHERE e.kind IN ('COMMITMENT', 'RELEASE')), 0)::text AS used,
              coalesce(sum(e.amount_fen) FILTER (WHERE e.kind IN ('ALLOCATION', 'TOP_UP')), 0)::text AS allocated
         FROM subsidy_budgets b JOIN subsidy_budget_entries e ON e.budget_id = b.id
        WHERE b.region_code = $1 AND b.fiscal_year = $2`,
      [regionCode, year],
    )) as { used: string; allocated: string }[];
    return { used: BigInt(rows[0]?.used ?? '0'), allocated: BigInt(rows[0]?.allocated ?? '0') };
  }
}

export interface WarningFilter {
  status?: WarningStatus;
  /** Region prefix (scope) the warning's region must start with; none: every region. */
  regionPrefix?: string;
  year?: number;
  /** Only these kinds (a bank's users: the warnings banks must act on). */
  kinds?: TargetKind[];
}

/** Warnings newest first (raised at, id), keyset-paginated. */
@Injectable()
export class WarningListRepository {
  async page(
    tx: EntityManager,
    filter: WarningFilter,
    limit: number,
    after?: { t: string; id: string },
  ): Promise<StatisticsWarning[]> {
    const qb = tx
      .createQueryBuilder(StatisticsWarning, 'w')
      .orderBy('w.raised_at', 'DESC')
      .addOrderBy('w.id', 'DESC')
      .limit(limit);
    if (filter.status) qb.andWhere('w.status = :status', { status: filter.status });
    if (filter.year) qb.andWhere('w.year = :year', { year: filter.year });
    if (filter.regionPrefix) qb.andWhere('w.region_code LIKE :prefix', { prefix: `${filter.regionPrefix}%` });
    if (filter.kinds) qb.andWhere('w.kind IN (:...kinds)', { kinds: filter.kinds });
    if (after) qb.andWhere('(w.raised_at, w.id) < (:t, :id)', { t: after.t, id: after.id });
    return qb.getMany();
  }
}
