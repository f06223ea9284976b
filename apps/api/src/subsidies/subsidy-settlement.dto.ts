import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Money } from '@mla/core';
import {
  FUNDING_LEVELS,
  MAX_FISCAL_YEAR,
  MIN_FISCAL_YEAR,
  FundingLevel,
  type LevelSettlement,
  type PaidRow,
  type SubsidySettlement,
} from '@mla/subsidies';
import { REGION_CODE } from '../common/patterns';

const yuan = (fen: bigint) => Money.ofFen(fen).toYuanString();

export class SettlementYearParams {
  @ApiProperty({ example: 2024, minimum: MIN_FISCAL_YEAR, maximum: MAX_FISCAL_YEAR })
  @Type(() => Number)
  @IsInt()
  @Min(MIN_FISCAL_YEAR)
  @Max(MAX_FISCAL_YEAR)
  fiscalYear: number;
}

export class SettlementQuery {
  @ApiPropertyOptional({
    example: '150221',
    description: 'The jurisdiction (a division code within yours); your own region when omitted',
  })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a division code of 6, 9 or 12 digits' })
  regionCode?: string;
}

export class LevelSettlementResponse {
  @ApiProperty({ enum: FundingLevel, enumName: 'FundingLevel', required: false })
  fundingLevel?: FundingLevel;
  @ApiProperty({ example: '200000.00' }) allocatedYuan: string;
  @ApiProperty({ example: '0.00' }) toppedUpYuan: string;
  @ApiProperty({ description: 'Allocation plus top-ups' }) allottedYuan: string;
  @ApiProperty({ description: 'Reserved by approved claim lines' }) committedYuan: string;
  @ApiProperty({ description: 'Given back by approvals revoked' }) releasedYuan: string;
  @ApiProperty({ description: 'Payouts cancelled (reversed)' }) cancelledPayoutYuan: string;
  @ApiProperty({ description: 'Paid, net of cancelled payouts' }) paidYuan: string;
  @ApiProperty({ description: 'Approved and not paid yet' }) outstandingYuan: string;
  @ApiProperty({ description: 'Budget left: allotted − committed + released' }) availableYuan: string;

  static from(l: Omit<LevelSettlement, 'fundingLevel'> & { fundingLevel?: FundingLevel }): LevelSettlementResponse {
    return {
      ...(l.fundingLevel ? { fundingLevel: l.fundingLevel } : {}),
      allocatedYuan: yuan(l.allocatedFen),
      toppedUpYuan: yuan(l.toppedUpFen),
      allottedYuan: yuan(l.allottedFen),
      committedYuan: yuan(l.committedFen),
      releasedYuan: yuan(l.releasedFen),
      cancelledPayoutYuan: yuan(l.cancelledPayoutFen),
      paidYuan: yuan(l.paidFen),
      outstandingYuan: yuan(l.outstandingFen),
      availableYuan: yuan(l.availableFen),
    };
  }
}

export class PaidByLevelResponse {
  @ApiProperty() CENTRAL: string;
  @ApiProperty() PROVINCIAL: string;
  @ApiProperty() CITY: string;
  @ApiProperty() COUNTY: string;
}

const byLevel = (row: PaidRow) =>
  Object.fromEntries(FUNDING_LEVELS.map((l) => [l, yuan(row.byLevel[l])])) as unknown as PaidByLevelResponse;

export class PaidInPeriodResponse {
  @ApiProperty({ example: '2024-06-20' }) settlementDate: string;
  @ApiProperty() paidYuan: string;
  @ApiProperty({ type: PaidByLevelResponse }) byLevel: PaidByLevelResponse;
}

export class PaidToBankResponse {
  @ApiProperty({ format: 'uuid' }) bankOrganisationId: string;
  @ApiProperty({ example: '土默特左旗农村信用合作联社' }) bankName: string;
  @ApiProperty() paidYuan: string;
  @ApiProperty({ type: PaidByLevelResponse }) byLevel: PaidByLevelResponse;
}

export class SettlementResponse {
  @ApiProperty() regionCode: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [LevelSettlementResponse], description: 'CENTRAL, PROVINCIAL, CITY, COUNTY in this order' })
  levels: LevelSettlementResponse[];
  @ApiProperty({ type: LevelSettlementResponse, description: 'The four levels together' })
  totals: LevelSettlementResponse;
  @ApiProperty({ type: [PaidInPeriodResponse], description: 'Paid per settlement period, oldest first' })
  byPeriod: PaidInPeriodResponse[];
  @ApiProperty({ type: [PaidToBankResponse], description: 'Paid per bank' })
  byBank: PaidToBankResponse[];

  static from(s: SubsidySettlement): SettlementResponse {
    return {
      regionCode: s.regionCode,
      fiscalYear: s.fiscalYear,
      levels: s.levels.map((l) => LevelSettlementResponse.from(l)),
      totals: LevelSettlementResponse.from(s.totals),
      byPeriod: s.byPeriod.map((p) => ({
        settlementDate: p.settlementDate,
        paidYuan: yuan(p.paidFen),
        byLevel: byLevel(p),
      })),
      byBank: s.byBank.map((b) => ({
        bankOrganisationId: b.bankOrganisationId,
        bankName: b.bankName,
        paidYuan: yuan(b.paidFen),
        byLevel: byLevel(b),
      })),
    };
  }
}
