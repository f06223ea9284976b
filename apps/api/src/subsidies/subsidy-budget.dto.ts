import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Money } from '@mla/core';
import {
  FUNDING_LEVELS,
  MANUAL_BUDGET_KINDS,
  MAX_FISCAL_YEAR,
  MIN_FISCAL_YEAR,
  BudgetAccount,
  BudgetEntryKind,
  FundingLevel,
  type LevelBalance,
  type ManualBudgetKind,
  type SubsidyBudgetEntry,
  type YearBalances,
} from '@mla/subsidies';
import { PageQueryDto } from '../common/page-query.dto';
import { IsLocalDate, REGION_CODE, YUAN } from '../common/patterns';

const yuan = (fen: bigint) => Money.ofFen(fen).toYuanString();

const REGION_DESCRIPTION = 'The jurisdiction (a division code within yours); your own region when omitted';

export class BookBudgetEntryRequest {
  @ApiPropertyOptional({ example: '150221', description: REGION_DESCRIPTION })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiProperty({ example: 2026, minimum: MIN_FISCAL_YEAR, maximum: MAX_FISCAL_YEAR })
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear: number;

  @ApiProperty({ enum: FundingLevel, enumName: 'FundingLevel', description: 'Which budget level: 中央/省级/市级/县级' })
  @IsIn(FUNDING_LEVELS)
  fundingLevel: FundingLevel;

  @ApiProperty({
    enum: MANUAL_BUDGET_KINDS,
    description: 'ALLOCATION: the yearly budget (once per level and year); TOP_UP: an addition to it',
  })
  @IsIn([...MANUAL_BUDGET_KINDS])
  kind: ManualBudgetKind;

  @ApiProperty({ example: '200000.00', description: 'Yuan, above zero, at most two decimals' })
  @Matches(YUAN, { message: 'amountYuan must be yuan with at most two decimals' })
  amountYuan: string;

  @ApiProperty({
    example: '2026-01-15',
    description: 'From 2000-01-01 to today (Asia/Shanghai); else 422 DATE_OUT_OF_RANGE',
  })
  @IsLocalDate()
  valueDate: string;

  @ApiPropertyOptional({ example: '土财预〔2026〕3号', description: 'The budget notice (预算指标文件)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentReference?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) memo?: string;
}

export class ReverseBudgetEntryRequest {
  @ApiProperty({ description: 'Why the entry is reversed' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class BudgetYearQuery {
  @ApiPropertyOptional({ example: '150221', description: REGION_DESCRIPTION })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiProperty({ example: 2026, minimum: MIN_FISCAL_YEAR, maximum: MAX_FISCAL_YEAR })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear: number;
}

export class ListBudgetEntriesQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '150221', description: REGION_DESCRIPTION })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;

  @ApiProperty({ example: 2026, minimum: MIN_FISCAL_YEAR, maximum: MAX_FISCAL_YEAR })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear: number;

  @ApiPropertyOptional({
    enum: FundingLevel,
    enumName: 'FundingLevel',
    description: 'One level; all four when omitted',
  })
  @IsOptional()
  @IsIn(FUNDING_LEVELS)
  fundingLevel?: FundingLevel;
}

export class BudgetEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() budgetId: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ enum: FundingLevel, enumName: 'FundingLevel' }) fundingLevel: FundingLevel;
  @ApiProperty({ enum: BudgetAccount, description: 'AVAILABLE (what approvals may take) or PAID' })
  account: BudgetAccount;
  @ApiProperty({ enum: BudgetEntryKind }) kind: BudgetEntryKind;
  @ApiProperty({
    example: '200000.00',
    description: 'Signed yuan on its account: commitments are negative, a reversal negates what it reverses',
  })
  amountYuan: string;
  @ApiProperty() valueDate: string;
  @ApiProperty({ nullable: true, type: String }) documentReference: string | null;
  @ApiProperty({ nullable: true, type: String }) claimLineId: string | null;
  @ApiProperty({ nullable: true, type: String }) payoutBatchId: string | null;
  @ApiProperty({ nullable: true, type: String }) reversesEntryId: string | null;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty({ description: 'The username of who booked it (system for claims run by jobs)' }) bookedBy: string;
  @ApiProperty() bookedAt: string;

  static from(e: SubsidyBudgetEntry, budget = e.budget): BudgetEntryResponse {
    return {
      id: e.id,
      budgetId: e.budgetId,
      regionCode: budget?.regionCode ?? '',
      fiscalYear: budget?.fiscalYear ?? 0,
      fundingLevel: budget?.fundingLevel ?? FundingLevel.COUNTY,
      account: e.account,
      kind: e.kind,
      amountYuan: yuan(e.amountFen),
      valueDate: e.valueDate,
      documentReference: e.documentReference,
      claimLineId: e.claimLineId,
      payoutBatchId: e.payoutBatchId,
      reversesEntryId: e.reversesEntryId,
      memo: e.memo,
      bookedBy: e.bookedByUsername,
      bookedAt: e.bookedAt.toISOString(),
    };
  }
}

export class BudgetEntryPage {
  @ApiProperty({ type: [BudgetEntryResponse] }) items: BudgetEntryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LevelBalanceResponse {
  @ApiProperty({ enum: FundingLevel, enumName: 'FundingLevel' }) fundingLevel: FundingLevel;
  @ApiProperty({ description: 'False when nothing was booked on this level and year (all figures 0.00)' })
  exists: boolean;
  @ApiProperty({ example: '200000.00' }) allocatedYuan: string;
  @ApiProperty({ example: '0.00' }) toppedUpYuan: string;
  @ApiProperty({ description: 'Reserved by approved claim lines, paid ones included' }) committedYuan: string;
  @ApiProperty({ description: 'Given back by lines undone after approval' }) releasedYuan: string;
  @ApiProperty() paidYuan: string;
  @ApiProperty({ description: 'allocated + topped up − committed + released' }) availableYuan: string;
  @ApiProperty({ description: 'Approved and not paid yet: committed − released − paid' }) outstandingYuan: string;

  static from(b: LevelBalance): LevelBalanceResponse {
    return {
      fundingLevel: b.fundingLevel,
      exists: b.exists,
      allocatedYuan: yuan(b.allocatedFen),
      toppedUpYuan: yuan(b.toppedUpFen),
      committedYuan: yuan(b.committedFen),
      releasedYuan: yuan(b.releasedFen),
      paidYuan: yuan(b.paidFen),
      availableYuan: yuan(b.availableFen),
      outstandingYuan: yuan(b.outstandingFen),
    };
  }
}

export class YearBalancesResponse {
  @ApiProperty() regionCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [LevelBalanceResponse], description: 'CENTRAL, PROVINCIAL, CITY, COUNTY in this order' })
  levels: LevelBalanceResponse[];

  static from(y: YearBalances): YearBalancesResponse {
    return {
      regionCode: y.regionCode,
      fiscalYear: y.fiscalYear,
      levels: y.levels.map((l) => LevelBalanceResponse.from(l)),
    };
  }
}
