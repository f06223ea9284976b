import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  FormulaCode,
  MAX_STATISTICS_YEAR,
  MIN_STATISTICS_YEAR,
  ResponsibleParty,
  TARGET_KINDS,
  TARGET_RULES,
  TargetKind,
  WARNING_STATUSES,
  WarningLevel,
  WarningStatus,
  WarningTrend,
  type StatisticsTarget,
  type StatisticsWarning,
} from '@mla/statistics';
import { PageQueryDto } from '../common/page-query.dto';
import { REGION_CODE } from '../common/patterns';

const yuanOfFen = (fen: string) => {
  const digits = fen.split('.')[0].padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

export class SetTargetRequest {
  @ApiProperty({ example: '150221', description: 'The region the target is for (within your jurisdiction)' })
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode: string;

  @ApiProperty({ example: 2026, minimum: MIN_STATISTICS_YEAR, maximum: MAX_STATISTICS_YEAR })
  @IsInt()
  @Min(MIN_STATISTICS_YEAR)
  @Max(MAX_STATISTICS_YEAR)
  year: number;

  @ApiProperty({ enum: TargetKind, enumName: 'TargetKind' })
  @IsIn(TARGET_KINDS)
  kind: TargetKind;

  @ApiProperty({
    example: '20000000.00',
    description:
      'LENDING_VOLUME: yuan (2 decimals); REPAYMENT_RATE and the rate thresholds: a fraction (1 = 100%, 0.95); ' +
      'WOMEN_REACHED and REVIEW_STEPS_LATE: a whole number',
  })
  @IsString()
  @MaxLength(20)
  value: string;

  @ApiPropertyOptional({
    enum: [FormulaCode.COLLECTION_RATE, FormulaCode.REPAYMENT_RATE_AT_MATURITY],
    description: 'REPAYMENT_RATE only: the formula the target holds (default COLLECTION_RATE)',
  })
  @IsOptional()
  @IsIn([FormulaCode.COLLECTION_RATE, FormulaCode.REPAYMENT_RATE_AT_MATURITY])
  formula?: FormulaCode;
}

export class TargetsQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_STATISTICS_YEAR)
  @Max(MAX_STATISTICS_YEAR)
  year?: number;
}

export class TargetResponse {
  @ApiProperty() id: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: TargetKind, enumName: 'TargetKind' }) kind: TargetKind;
  @ApiProperty({ enum: ['FEN', 'RATE', 'COUNT'], description: 'How value reads: yuan, a fraction, a count' })
  unit: string;
  @ApiProperty({ enum: ['TARGET', 'THRESHOLD'], description: 'Reach at least, or stay at or under' })
  direction: string;
  @ApiProperty({ example: '20000000.00', description: 'Yuan for lending volume; else the fraction or count' })
  value: string;
  @ApiProperty({ nullable: true, enum: FormulaCode, enumName: 'FormulaCode' }) formula: FormulaCode | null;
  @ApiProperty() updatedAt: string;

  static from(t: StatisticsTarget): TargetResponse {
    const rule = TARGET_RULES[t.kind];
    const value = rule.unit === 'FEN' ? yuanOfFen(t.value) : t.value.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
    return {
      id: t.id,
      regionCode: t.regionCode,
      year: t.year,
      kind: t.kind,
      unit: rule.unit,
      direction: rule.direction,
      value,
      formula: t.formula,
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}

export class WarningsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WarningStatus, enumName: 'WarningStatus' })
  @IsOptional()
  @IsIn(WARNING_STATUSES)
  status?: WarningStatus;

  @ApiPropertyOptional({ example: '150221', description: 'A region within your jurisdiction (default: your own)' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_STATISTICS_YEAR)
  @Max(MAX_STATISTICS_YEAR)
  year?: number;
}

export class WarningResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TargetKind, enumName: 'TargetKind' }) kind: TargetKind;
  @ApiProperty() regionCode: string;
  @ApiProperty() year: number;
  @ApiProperty({ enum: WarningLevel, enumName: 'WarningLevel' }) level: WarningLevel;
  @ApiProperty({ enum: WarningStatus, enumName: 'WarningStatus' }) status: WarningStatus;
  @ApiProperty({ description: 'As measured: yuan for lending volume, a fraction for rates, a count' }) measured: string;
  @ApiProperty({ description: 'The target or threshold, in the same unit' }) target: string;
  @ApiProperty({ enum: WarningTrend, enumName: 'WarningTrend' }) trend: WarningTrend;
  @ApiProperty({ nullable: true, description: 'Volume and count targets: the year end at the pace so far' })
  projectedYearEnd: string | null;
  @ApiProperty({ enum: ResponsibleParty, enumName: 'ResponsibleParty', description: 'Who must act' })
  responsible: ResponsibleParty;
  @ApiProperty() raisedOn: string;
  @ApiProperty() lastSeenOn: string;
  @ApiProperty({ nullable: true }) clearedOn: string | null;

  static from(w: StatisticsWarning): WarningResponse {
    const fen = TARGET_RULES[w.kind].unit === 'FEN';
    const show = (v: string) => (fen ? yuanOfFen(v) : v);
    return {
      id: w.id,
      kind: w.kind,
      regionCode: w.regionCode,
      year: w.year,
      level: w.level,
      status: w.status,
      measured: show(w.measured),
      target: show(w.target),
      trend: w.trend,
      projectedYearEnd: w.projectedYearEnd === null ? null : show(w.projectedYearEnd),
      responsible: w.responsible,
      raisedOn: w.raisedOn,
      lastSeenOn: w.lastSeenOn,
      clearedOn: w.clearedOn,
    };
  }
}

export class WarningPage {
  @ApiProperty({ type: [WarningResponse] }) items: WarningResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
