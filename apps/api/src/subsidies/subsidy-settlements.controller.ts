import { Controller, Get, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@mla/auth';
import { SubsidySettlementService } from '@mla/subsidies';
import { CurrentActor } from '../auth/current-actor.decorator';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../common/xlsx-response';
import { SettlementQuery, SettlementResponse, SettlementYearParams } from './subsidy-settlement.dto';

const UNAUTHENTICATED = { status: 401, description: 'Not signed in' } as const;
const BAD_INPUT = { status: 400, description: 'VALIDATION_FAILED: fiscalYear or regionCode malformed' } as const;
const FORBIDDEN = { status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy budgets' } as const;
const OUT_OF_SCOPE = {
  status: 422,
  description: 'REGION_OUTSIDE_SCOPE: regionCode is outside your jurisdiction; INVALID_FISCAL_YEAR',
} as const;

/** The yearly settlement 清算 of a jurisdiction's subsidy budgets by funding source. */
@ApiTags('subsidy-budgets')
@ApiBearerAuth()
@Controller('subsidy-settlements')
export class SubsidySettlementsController {
  constructor(private readonly settlements: SubsidySettlementService) {}

  @Get(':fiscalYear')
  @ApiOperation({
    summary: 'Read the yearly settlement by funding source',
    description:
      'For a jurisdiction and budget year, per funding level (central, provincial, city, county) and in all, in ' +
      'yuan: the allocation and top-ups, committed by approvals, released by revoked approvals, payouts cancelled, ' +
      'paid, approved and unpaid, and the budget left; then what was paid per settlement period and per bank. ' +
      'Finance bureau and auditors, within their jurisdiction.',
  })
  @ApiOkResponse({ type: SettlementResponse, description: 'The settlement' })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async settlement(
    @CurrentActor() actor: Actor,
    @Param() p: SettlementYearParams,
    @Query() q: SettlementQuery,
  ): Promise<SettlementResponse> {
    return SettlementResponse.from(await this.settlements.settlement(actor, p.fiscalYear, q.regionCode));
  }

  @Get(':fiscalYear/workbook')
  @ApiOperation({
    summary: 'Download the yearly settlement (XLSX)',
    description:
      'The same settlement as a workbook: 清算汇总 (per funding level and in all), 分期拨付 (per settlement period) ' +
      'and 分银行拨付 (per bank); Chinese headers, yuan with two decimals. Audited (subsidy_settlement.exported).',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async workbook(
    @CurrentActor() actor: Actor,
    @Param() p: SettlementYearParams,
    @Query() q: SettlementQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const buffer = await this.settlements.settlementXlsx(actor, p.fiscalYear, q.regionCode);
    return xlsxDownload(res, `subsidy-settlement-${p.fiscalYear}.xlsx`, buffer);
  }
}
