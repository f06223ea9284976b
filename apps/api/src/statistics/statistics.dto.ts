import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Money, type Label } from '@mla/core';
import {
  FIGURE_NAMES,
  FORMULA_CODES,
  FORMULAS,
  FormulaCode,
  MAX_STATISTICS_YEAR,
  MIN_STATISTICS_YEAR,
  REPORT_FORMATS,
  SNAPSHOT_DIMENSIONS,
  SnapshotDimension,
  percentOf,
  type FigureName,
  type FigureRow,
  type Figures,
  type FiguresResult,
  type Rate,
  type ReadScope,
  type ReportFormat,
  type ReportTable,
  type TrendPoint,
} from '@mla/statistics';
import { IsLocalDate, REGION_CODE } from '../common/patterns';

export class LabelDto {
  @ApiProperty({ example: '到期还款率' }) 'zh-CN': string;
  @ApiProperty({ example: 'Repayment rate at maturity' }) en: string;
}

export class FormulaResponse {
  @ApiProperty({ enum: FormulaCode, enumName: 'FormulaCode' }) code: FormulaCode;
  @ApiProperty({ type: LabelDto }) name: Label;
  @ApiProperty({ type: LabelDto, description: 'The formula in words, with what a zero denominator means' })
  formula: Label;
  @ApiProperty({ type: LabelDto }) numerator: Label;
  @ApiProperty({ type: LabelDto }) denominator: Label;
  @ApiProperty({ enum: ['PERIOD', 'END_OF_PERIOD'], description: 'Flows over the period, or the position at its end' })
  basis: 'PERIOD' | 'END_OF_PERIOD';

  static all(): FormulaResponse[] {
    return FORMULA_CODES.map((c) => {
      const f = FORMULAS[c];
      return {
        code: c,
        name: f.name,
        formula: f.formula,
        numerator: f.numerator,
        denominator: f.denominator,
        basis: f.basis,
      };
    });
  }
}

const REGION_DESCRIPTION =
  'A division code within your jurisdiction (default: your own). Bank users always read their own bank.';

export class PeriodQuery {
  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsLocalDate()
  to: string;

  @ApiPropertyOptional({ example: '150221', description: REGION_DESCRIPTION })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;
}

export class FiguresQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: SnapshotDimension, enumName: 'SnapshotDimension', default: SnapshotDimension.TOTAL })
  @IsOptional()
  @IsIn(SNAPSHOT_DIMENSIONS)
  by?: SnapshotDimension;
}

export class TrendQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: ['MONTH', 'YEAR'], default: 'MONTH' })
  @IsOptional()
  @IsIn(['MONTH', 'YEAR'])
  granularity?: 'MONTH' | 'YEAR';
}

/** Figures as strings: amounts in yuan with 2 decimals (keys ending Yuan), counts as whole numbers. */
export function figuresView(figures: Figures): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FIGURE_NAMES as readonly FigureName[]) {
    if (name.endsWith('Fen')) out[name.replace(/Fen$/, 'Yuan')] = Money.ofFen(figures[name]).toYuanString();
    else out[name] = figures[name].toString();
  }
  return out;
}

/** Rates in percent with 2 decimals; null = not applicable (不适用). */
export function ratesView(rates: Record<FormulaCode, Rate>): Record<string, string | null> {
  return Object.fromEntries(FORMULA_CODES.map((c) => [c, percentOf(rates[c])]));
}

export class FigureRowResponse {
  @ApiProperty({ description: 'The breakdown key (region code, id, category, sub-flag, Y/N); empty for the total' })
  key: string;
  @ApiProperty({ type: LabelDto, description: 'Its name (people masked)' }) label: Label;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Flows summed over the period, positions at its last stored day; amounts in yuan (…Yuan)',
  })
  figures: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description: 'Each formula in percent (2 decimals); null = not applicable (nothing due, nothing outstanding)',
  })
  rates: Record<string, string | null>;

  static from(row: FigureRow): FigureRowResponse {
    return { key: row.key, label: row.label, figures: figuresView(row.figures), rates: ratesView(row.rates) };
  }
}

export class ScopeResponse {
  @ApiProperty({ enum: ['REGION', 'BANK'] }) kind: 'REGION' | 'BANK';
  @ApiPropertyOptional() regionCode?: string;
  @ApiPropertyOptional({ type: [String] }) bankIds?: string[];

  static from(scope: ReadScope): ScopeResponse {
    return scope.kind === 'REGION'
      ? { kind: 'REGION', regionCode: scope.regionCode }
      : { kind: 'BANK', bankIds: scope.bankIds };
  }
}

export class FiguresResponse {
  @ApiProperty({ type: ScopeResponse }) scope: ScopeResponse;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, description: 'The last stored day of the period; null when none is stored' })
  asOf: string | null;
  @ApiProperty({ enum: SnapshotDimension, enumName: 'SnapshotDimension' }) by: SnapshotDimension;
  @ApiProperty({ type: [FigureRowResponse] }) rows: FigureRowResponse[];
  @ApiProperty({ type: FigureRowResponse }) total: FigureRowResponse;

  static from(r: FiguresResult): FiguresResponse {
    return {
      scope: ScopeResponse.from(r.scope),
      from: r.from,
      to: r.to,
      asOf: r.asOf,
      by: r.by,
      rows: r.rows.map((x) => FigureRowResponse.from(x)),
      total: FigureRowResponse.from(r.total),
    };
  }
}

export class TrendPointResponse {
  @ApiProperty({ example: '2026-03', description: 'YYYY-MM or YYYY' }) period: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) figures: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true } })
  rates: Record<string, string | null>;

  static from(p: TrendPoint): TrendPointResponse {
    return { period: p.period, figures: figuresView(p.figures), rates: ratesView(p.rates) };
  }
}

export class TrendResponse {
  @ApiProperty({ type: ScopeResponse }) scope: ScopeResponse;
  @ApiProperty({ type: [TrendPointResponse] }) points: TrendPointResponse[];
}

class FormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ example: '150221', description: REGION_DESCRIPTION })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;
}

export class MonthlyReportQuery extends FormatQuery {
  @ApiProperty({ example: '2026-03', description: 'YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;
}

export class YearlyReportQuery extends FormatQuery {
  @ApiProperty({ example: 2026, minimum: MIN_STATISTICS_YEAR, maximum: MAX_STATISTICS_YEAR })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_STATISTICS_YEAR)
  @Max(MAX_STATISTICS_YEAR)
  year: number;
}

export class MonitoringReportQuery extends FormatQuery {
  @ApiProperty({ example: '2026-01-01' })
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: '2026-03-31' })
  @IsLocalDate()
  to: string;
}

export class ReportColumnResponse {
  @ApiProperty() key: string;
  @ApiProperty({ type: LabelDto }) header: Label;
  @ApiProperty({ enum: ['WAN_YUAN', 'COUNT', 'PERCENT'], description: '万元 with 4 decimals, a count, or percent' })
  kind: string;
}

export class ReportRowResponse {
  @ApiProperty({ type: LabelDto }) label: Label;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', nullable: true },
    description: 'Cells by column key; null = not applicable (不适用)',
  })
  cells: Record<string, string | null>;
}

export class ReportFormulaResponse {
  @ApiProperty({ enum: FormulaCode, enumName: 'FormulaCode' }) code: FormulaCode;
  @ApiProperty({ type: LabelDto }) name: Label;
  @ApiProperty({ type: LabelDto }) formula: Label;
}

export class ReportResponse {
  @ApiProperty({ type: LabelDto }) title: Label;
  @ApiProperty({ type: LabelDto }) subtitle: Label;
  @ApiProperty({ nullable: true }) asOf: string | null;
  @ApiProperty({ type: [ReportColumnResponse] }) columns: ReportColumnResponse[];
  @ApiProperty({ type: [ReportRowResponse] }) rows: ReportRowResponse[];
  @ApiProperty({ type: [ReportFormulaResponse], description: 'Every formula, as printed under the table' })
  formulas: ReportFormulaResponse[];

  static from(t: ReportTable): ReportResponse {
    return t;
  }
}
