import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { BadInputError, type Label } from '@mla/core';
import { BORROWER_SUB_FLAG_LABELS } from '@mla/applicants';
import { BORROWER_CATEGORY_LABELS } from '@mla/loan-policies';
import { StatisticsErrorCode } from '../errors';
import { ratesOf, type FormulaCode } from '../formulas/formulas';
import type { Rate } from '../formulas/ratio';
import { SNAPSHOT_DIMENSIONS, SnapshotDimension, SnapshotScope } from '../snapshots/dimension';
import { FLOW_FIGURES, STOCK_FIGURES, emptyFigures, periodFigures, type Figures } from '../snapshots/figures';
import { SnapshotRepository } from '../snapshots/snapshot.repository';
import { LabelsRepository } from './labels.repository';
import { readScopeOf, validPeriod, type ReadScope } from './statistics-scope';

export interface FigureRow {
  key: string;
  label: Label;
  figures: Figures;
  rates: Record<FormulaCode, Rate>;
}

export interface FiguresResult {
  scope: ReadScope;
  from: string;
  to: string;
  /** The last stored day in the period (stocks are of this day); null when none is stored. */
  asOf: string | null;
  by: SnapshotDimension;
  rows: FigureRow[];
  total: FigureRow;
}

export interface TrendPoint {
  period: string;
  figures: Figures;
  rates: Record<FormulaCode, Rate>;
}

const plain = (text: string): Label => ({ 'zh-CN': text, en: text });

/** Reads figures from the snapshots only (never the loan tables), in the caller's scope. */
@Injectable()
export class StatisticsQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotRepository,
    private readonly labels: LabelsRepository,
    private readonly access: AccessPolicy,
  ) {}

  scopeOf(actor: Actor, regionCode?: string): ReadScope {
    this.access.assertCan(actor, Permission.STATISTICS_READ);
    return readScopeOf(this.access, actor, regionCode);
  }

  /** A period's figures broken down one way, with the scope's total; rates per row. */
  async figures(
    actor: Actor,
    query: { from: string; to: string; regionCode?: string; by?: string },
  ): Promise<FiguresResult> {
    const scope = this.scopeOf(actor, query.regionCode);
    const { from, to } = validPeriod(query.from, query.to);
    const by = (query.by ?? SnapshotDimension.TOTAL) as SnapshotDimension;
    if (!SNAPSHOT_DIMENSIONS.includes(by)) {
      throw new BadInputError(StatisticsErrorCode.INVALID_STATISTICS_DIMENSION, `by ${query.by} is not a breakdown`, {
        field: 'by',
        value: query.by,
      });
    }
    const tx = this.dataSource.manager;
    const asOf = await this.snapshots.latestDate(tx, to);
    const totalRows = await this.read(scope, SnapshotDimension.TOTAL, from, to);
    const total = this.row('', { 'zh-CN': '合计', en: 'Total' }, totalRows.get('') ?? emptyFigures());
    let rows: FigureRow[];
    if (by === SnapshotDimension.TOTAL) rows = [];
    else if (by === SnapshotDimension.REGION && scope.kind === SnapshotScope.REGION) {
      const children = await this.labels.childRegions(tx, scope.regionCode);
      const totals = await this.snapshots.periodTotals(
        tx,
        SnapshotScope.REGION,
        children.map((c) => c.code),
        SnapshotDimension.TOTAL,
        from,
        to,
        FLOW_FIGURES,
        STOCK_FIGURES,
      );
      const byCode = new Map(totals.map((t) => [t.scopeKey, t.figures]));
      rows = children.map((c) => this.row(c.code, plain(c.name), byCode.get(c.code) ?? emptyFigures()));
    } else {
      const read = await this.read(scope, by, from, to);
      rows = await this.labelled(by, read);
    }
    return { scope, from, to, asOf: asOf !== null && asOf >= from ? asOf : null, by, rows, total };
  }

  /** The scope's total per month (or year) of a period: flows of each month, stocks at its last stored day. */
  async trend(
    actor: Actor,
    query: { from: string; to: string; regionCode?: string; granularity?: 'MONTH' | 'YEAR' },
  ): Promise<{ scope: ReadScope; points: TrendPoint[] }> {
    const scope = this.scopeOf(actor, query.regionCode);
    const { from, to } = validPeriod(query.from, query.to);
    const keys = scope.kind === SnapshotScope.REGION ? [scope.regionCode] : scope.bankIds;
    const byDate = new Map<string, Figures>();
    for (const key of keys) {
      const rows = await this.snapshots.series(
        this.dataSource.manager,
        { scopeKind: scope.kind, scopeKey: key, dimensionKind: SnapshotDimension.TOTAL },
        from,
        to,
      );
      for (const r of rows) byDate.set(r.businessDate, add(byDate.get(r.businessDate), r.figures));
    }
    const cut = query.granularity === 'YEAR' ? 4 : 7;
    const groups = new Map<string, Figures[]>();
    for (const [date, figures] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
      const period = date.slice(0, cut);
      groups.set(period, [...(groups.get(period) ?? []), figures]);
    }
    const points = [...groups].map(([period, days]) => {
      const figures = periodFigures(days);
      return { period, figures, rates: ratesOf(figures) };
    });
    return { scope, points };
  }

  /** Period figures of one breakdown in a scope (a bank with branches: summed over them), by breakdown key. */
  async read(scope: ReadScope, by: SnapshotDimension, from: string, to: string): Promise<Map<string, Figures>> {
    const keys = scope.kind === SnapshotScope.REGION ? [scope.regionCode] : scope.bankIds;
    const rows = await this.snapshots.periodTotals(
      this.dataSource.manager,
      scope.kind,
      keys,
      by,
      from,
      to,
      FLOW_FIGURES,
      STOCK_FIGURES,
    );
    const out = new Map<string, Figures>();
    for (const r of rows) out.set(r.dimensionKey, add(out.get(r.dimensionKey), r.figures));
    return out;
  }

  /** Rows with the names of their keys (regions, banks, funds, masked officers, categories, sub-flags, female). */
  async labelled(by: SnapshotDimension, read: Map<string, Figures>): Promise<FigureRow[]> {
    const keys = [...read.keys()];
    const tx = this.dataSource.manager;
    let names = new Map<string, string>();
    if (by === SnapshotDimension.REGION) names = await this.labels.regionNames(tx, keys);
    if (by === SnapshotDimension.BANK || by === SnapshotDimension.FUND)
      names = await this.labels.organisationNames(tx, keys);
    if (by === SnapshotDimension.OFFICER) names = await this.labels.officerNames(tx, keys);
    return keys.map((key) => this.row(key, labelOf(by, key, names), read.get(key) as Figures));
  }

  row(key: string, label: Label, figures: Figures): FigureRow {
    return { key, label, figures, rates: ratesOf(figures) };
  }
}

function labelOf(by: SnapshotDimension, key: string, names: Map<string, string>): Label {
  if (by === SnapshotDimension.CATEGORY) {
    return key === ''
      ? { 'zh-CN': '未登记类别', en: 'No category recorded' }
      : ((BORROWER_CATEGORY_LABELS as Record<string, Label>)[key] ?? plain(key));
  }
  if (by === SnapshotDimension.SUB_FLAG) return (BORROWER_SUB_FLAG_LABELS as Record<string, Label>)[key] ?? plain(key);
  if (by === SnapshotDimension.FEMALE) {
    return key === 'Y' ? { 'zh-CN': '女性', en: 'Women' } : { 'zh-CN': '非女性', en: 'Not women' };
  }
  return plain(names.get(key) ?? key);
}

function add(a: Figures | undefined, b: Figures): Figures {
  if (!a) return { ...b };
  const out = { ...a };
  for (const name of Object.keys(b) as (keyof Figures)[]) out[name] += b[name];
  return out;
}
