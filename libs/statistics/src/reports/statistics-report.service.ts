import { Injectable } from '@nestjs/common';
import type { Actor } from '@mla/auth';
import { BadInputError, LocalDate, type Label } from '@mla/core';
import { StatisticsErrorCode } from '../errors';
import { SnapshotDimension, SnapshotScope } from '../snapshots/dimension';
import { emptyFigures } from '../snapshots/figures';
import { MAX_STATISTICS_YEAR, MIN_STATISTICS_YEAR } from '../targets/target-input';
import { MONITORING_COLUMNS, PROGRAMME_COLUMNS, buildTable, type ReportTable } from './report-tables';
import { reportWorkbook } from './report-xlsx';
import { StatisticsQueryService, type FigureRow, type FiguresResult } from './statistics-query.service';
import { monthPeriod, validPeriod, type ReadScope } from './statistics-scope';

export type ReportFormat = 'json' | 'xlsx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'xlsx'];

/**
 * The tables of the chain of reporting, from snapshots: the monthly and yearly statistical tables a county sends up
 * (its townships and its total; a city its counties; a province its cities), and the monitoring table by category,
 * sub-flags and female. Each as JSON or as XLSX with Chinese headers, amounts in 万元, formulas printed under it.
 */
@Injectable()
export class StatisticsReportService {
  constructor(private readonly query: StatisticsQueryService) {}

  async monthly(actor: Actor, month: string, regionCode?: string): Promise<ReportTable> {
    const period = monthPeriod(month);
    const title = { 'zh-CN': '妇女创业担保贷款统计月报表', en: 'Monthly statistical table' };
    return this.programme(actor, title, period, `${month.replace('-', '年')}月`, month, regionCode);
  }

  async yearly(actor: Actor, year: number, regionCode?: string): Promise<ReportTable> {
    if (!Number.isInteger(year) || year < MIN_STATISTICS_YEAR || year > MAX_STATISTICS_YEAR) {
      throw new BadInputError(StatisticsErrorCode.INVALID_STATISTICS_YEAR, `year ${year} out of range`, {
        field: 'year',
        value: year,
        min: MIN_STATISTICS_YEAR,
        max: MAX_STATISTICS_YEAR,
      });
    }
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    const title = { 'zh-CN': '妇女创业担保贷款统计年报表', en: 'Yearly statistical table' };
    return this.programme(actor, title, period, `${year}年`, String(year), regionCode);
  }

  async monitoring(actor: Actor, from: string, to: string, regionCode?: string): Promise<ReportTable> {
    const period = validPeriod(from, to);
    const scope = this.query.scopeOf(actor, regionCode);
    const by = async (dimension: SnapshotDimension) =>
      (await this.query.figures(actor, {
        ...period,
        regionCode: this.regionOf(scope),
        by: dimension,
      })) as FiguresResult;
    const categories = await by(SnapshotDimension.CATEGORY);
    const flags = await by(SnapshotDimension.SUB_FLAG);
    const female = await by(SnapshotDimension.FEMALE);
    const rows = [
      ...categories.rows.map((r) => ({ label: r.label, period: r, yearToDate: r })),
      ...flags.rows.map((r) => ({ label: prefixed('其中：', 'of which ', r.label), period: r, yearToDate: r })),
      ...female.rows
        .filter((r) => r.key === 'Y')
        .map((r) => ({ label: { 'zh-CN': '女性合计', en: 'Women, all categories' }, period: r, yearToDate: r })),
      { label: { 'zh-CN': '合计', en: 'Total' }, period: categories.total, yearToDate: categories.total },
    ];
    return buildTable(
      {
        'zh-CN': '创业担保贷款分类监测表（借款人类别、细分标识、女性）',
        en: 'Monitoring table by category, sub-flag and female',
      },
      this.subtitle(scope, `${period.from}至${period.to}`, `${period.from} to ${period.to}`),
      categories.asOf,
      MONITORING_COLUMNS,
      rows,
    );
  }

  workbook(table: ReportTable, firstHeader: string): Promise<Buffer> {
    return reportWorkbook(table, firstHeader);
  }

  private async programme(
    actor: Actor,
    title: Label,
    period: { from: string; to: string },
    periodZh: string,
    periodEn: string,
    regionCode?: string,
  ): Promise<ReportTable> {
    const scope = this.query.scopeOf(actor, regionCode);
    const yearStart = LocalDate.parse(period.from).year;
    const ytd = { from: `${yearStart}-01-01`, to: period.to };
    const byRegion = SnapshotDimension.REGION;
    const region = this.regionOf(scope);
    const current = await this.query.figures(actor, { ...period, regionCode: region, by: byRegion });
    const year = await this.query.figures(actor, { ...ytd, regionCode: region, by: byRegion });
    const yearRows = new Map(year.rows.map((r) => [r.key, r]));
    const empty = (key: string): FigureRow => this.query.row(key, { 'zh-CN': key, en: key }, emptyFigures());
    const rows = [
      ...current.rows.map((r) => ({ label: r.label, period: r, yearToDate: yearRows.get(r.key) ?? empty(r.key) })),
      { label: { 'zh-CN': '合计', en: 'Total' }, period: current.total, yearToDate: year.total },
    ];
    return buildTable(title, this.subtitle(scope, periodZh, periodEn), current.asOf, PROGRAMME_COLUMNS, rows);
  }

  private regionOf(scope: ReadScope): string | undefined {
    return scope.kind === SnapshotScope.REGION ? scope.regionCode : undefined;
  }

  private subtitle(scope: ReadScope, periodZh: string, periodEn: string): Label {
    const who = scope.kind === SnapshotScope.REGION ? `区划${scope.regionCode}` : '本行';
    const whoEn = scope.kind === SnapshotScope.REGION ? `region ${scope.regionCode}` : 'own bank';
    return { 'zh-CN': `${who}，${periodZh}`, en: `${whoEn}, ${periodEn}` };
  }
}

function prefixed(zh: string, en: string, label: Label): Label {
  return { 'zh-CN': `${zh}${label['zh-CN']}`, en: `${en}${label.en}` };
}
