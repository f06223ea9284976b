import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Put,
  Query,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@mla/auth';
import {
  StatisticsQueryService,
  StatisticsReportService,
  TargetService,
  WarningQueryService,
  type ReportTable,
} from '@mla/statistics';
import { CurrentActor } from '../auth/current-actor.decorator';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../common/xlsx-response';
import {
  FiguresQuery,
  FiguresResponse,
  FormulaResponse,
  MonitoringReportQuery,
  MonthlyReportQuery,
  ReportResponse,
  TrendPointResponse,
  TrendQuery,
  TrendResponse,
  ScopeResponse,
  YearlyReportQuery,
} from './statistics.dto';
import {
  SetTargetRequest,
  TargetResponse,
  TargetsQuery,
  WarningPage,
  WarningResponse,
  WarningsQuery,
} from './statistics-targets.dto';

const UNAUTHENTICATED = { status: 401, description: 'Not signed in' } as const;
const FORBIDDEN = { status: 403, description: 'PERMISSION_DENIED: the role may not read statistics' } as const;
const OUT_OF_SCOPE = {
  status: 404,
  description: 'NOT_FOUND: regionCode is outside your jurisdiction',
} as const;
const BAD_PERIOD =
  'VALIDATION_FAILED: a field missing or malformed; INVALID_STATISTICS_PERIOD: from after to, or longer than 3 years; ' +
  'INVALID_REGION_CODE';
const SCOPE_TEXT =
  'Read from the daily snapshots only (never the loan tables). A bank user reads her bank’s figures; a county ' +
  'its own and its townships’; a city the sum of its counties; administrators any region.';

/** Statistics 统计: formulas, figures and trends, reports of the chain of reporting, targets and early warnings. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly figures: StatisticsQueryService,
    private readonly reports: StatisticsReportService,
    private readonly targets: TargetService,
    private readonly warnings: WarningQueryService,
  ) {}

  @Get('formulas')
  @ApiOperation({
    summary: 'List the rate formulas',
    description:
      'The named, documented formulas (到期还款率, 回收率, 逾期率, PAR30, PAR90, 代偿率, 追偿率): name, formula, ' +
      'numerator and denominator in Chinese and English. A rate whose denominator is zero is not applicable ' +
      '(null, shown as 不适用), never 0% or 100%. The same text is printed under every report.',
  })
  @ApiOkResponse({ type: [FormulaResponse] })
  @ApiResponse(UNAUTHENTICATED)
  formulas(): FormulaResponse[] {
    return FormulaResponse.all();
  }

  @Get('figures')
  @ApiOperation({
    summary: 'Read the figures of a period',
    description:
      'Programme figures of a period (loans made, outstanding, repaid, overdue, compensated, recovered, subsidy ' +
      'claimed and paid, jobs created, women reached) with every rate, as a total and broken down by child region, ' +
      `bank, fund, officer (masked), borrower category, sub-flag or female. Flows are summed over the period; ` +
      `positions are those of its last stored day. Amounts in yuan. ${SCOPE_TEXT}`,
  })
  @ApiOkResponse({ type: FiguresResponse })
  @ApiResponse({ status: 400, description: `${BAD_PERIOD}; INVALID_STATISTICS_DIMENSION` })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async read(@CurrentActor() actor: Actor, @Query() q: FiguresQuery): Promise<FiguresResponse> {
    return FiguresResponse.from(await this.figures.figures(actor, q));
  }

  @Get('trend')
  @ApiOperation({
    summary: 'Read the monthly or yearly series',
    description:
      'The scope’s figures and rates per month (or year) of a period, for trend analysis: flows of each month, ' +
      `positions at its last stored day. ${SCOPE_TEXT}`,
  })
  @ApiOkResponse({ type: TrendResponse })
  @ApiResponse({ status: 400, description: BAD_PERIOD })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async trend(@CurrentActor() actor: Actor, @Query() q: TrendQuery): Promise<TrendResponse> {
    const { scope, points } = await this.figures.trend(actor, q);
    return { scope: ScopeResponse.from(scope), points: points.map((p) => TrendPointResponse.from(p)) };
  }

  @Get('reports/monthly')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOperation({
    summary: 'The monthly statistical table (月报)',
    description:
      'The table a county sends up each month: one row per child region (township, or county of a city, or city of ' +
      'a province) and the total; the month’s and the year-to-date lending, balances, risk, compensation, subsidy, ' +
      `jobs and rates, amounts in 万元 (4 decimals). JSON, or XLSX with Chinese headers and the formulas under it. ${SCOPE_TEXT}`,
  })
  @ApiOkResponse({ type: ReportResponse, description: 'The table (or the workbook with format=xlsx)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: month not YYYY-MM, format not json or xlsx' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async monthly(
    @CurrentActor() actor: Actor,
    @Query() q: MonthlyReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportResponse | StreamableFile> {
    const table = await this.reports.monthly(actor, q.month, q.regionCode);
    return this.answer(res, table, q.format, `statistics-monthly-${q.month}.xlsx`, '地区');
  }

  @Get('reports/yearly')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOperation({
    summary: 'The yearly statistical table (年报)',
    description:
      'As the monthly table, over a calendar year: one row per child region and the total, amounts in 万元. JSON, ' +
      `or XLSX with Chinese headers and the formulas under it. ${SCOPE_TEXT}`,
  })
  @ApiOkResponse({ type: ReportResponse, description: 'The table (or the workbook with format=xlsx)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: year out of range, format not json or xlsx' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async yearly(
    @CurrentActor() actor: Actor,
    @Query() q: YearlyReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportResponse | StreamableFile> {
    const table = await this.reports.yearly(actor, q.year, q.regionCode);
    return this.answer(res, table, q.format, `statistics-yearly-${q.year}.xlsx`, '地区');
  }

  @Get('reports/monitoring')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOperation({
    summary: 'The monitoring table by category, sub-flag and female',
    description:
      'The table banks keep (财金〔2018〕107号): loans made, balances and overdue by the ten borrower categories, ' +
      'their sub-flags and the female flag, women’s share in each, amounts in 万元. JSON, or XLSX with Chinese ' +
      `headers and the formulas under it. ${SCOPE_TEXT}`,
  })
  @ApiOkResponse({ type: ReportResponse, description: 'The table (or the workbook with format=xlsx)' })
  @ApiResponse({ status: 400, description: BAD_PERIOD })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async monitoring(
    @CurrentActor() actor: Actor,
    @Query() q: MonitoringReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportResponse | StreamableFile> {
    const table = await this.reports.monitoring(actor, q.from, q.to, q.regionCode);
    return this.answer(res, table, q.format, `statistics-monitoring-${q.from}-${q.to}.xlsx`, '借款人类别');
  }

  @Get('targets')
  @ApiOperation({
    summary: 'List targets and thresholds',
    description:
      'Yearly targets (lending volume, repayment rate, women reached) and thresholds (fund leverage used, PAR30, ' +
      'compensation rate, subsidy budget used, review steps late) of the regions within your jurisdiction.',
  })
  @ApiOkResponse({ type: [TargetResponse] })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: year out of range' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  async listTargets(@CurrentActor() actor: Actor, @Query() q: TargetsQuery): Promise<TargetResponse[]> {
    return (await this.targets.list(actor, q.year)).map((t) => TargetResponse.from(t));
  }

  @Put('targets')
  @ApiOperation({
    summary: 'Set a target or threshold',
    description:
      'Creates the region’s target of a year and kind, or changes its value (one per region, year and kind). ' +
      'The next snapshot job raises or clears warnings against it. Audited (statistics.target_set / ' +
      'target_changed). Federation, finance bureau and administrators, within their jurisdiction.',
  })
  @ApiOkResponse({ type: TargetResponse })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED; INVALID_TARGET_KIND; INVALID_TARGET_VALUE: not in the kind’s unit; ' +
      'INVALID_STATISTICS_YEAR; INVALID_REGION_CODE',
  })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not set targets' })
  @ApiResponse(OUT_OF_SCOPE)
  async setTarget(@CurrentActor() actor: Actor, @Body() body: SetTargetRequest): Promise<TargetResponse> {
    return TargetResponse.from(await this.targets.set(actor, body));
  }

  @Delete('targets/:id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a target or threshold',
    description:
      'Removes it; its open warning is cleared by the next snapshot job. Audited (statistics.target_removed).',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id is not a UUID' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not set targets' })
  @ApiResponse({ status: 404, description: 'STATISTICS_TARGET_NOT_FOUND: no such target in your jurisdiction' })
  async removeTarget(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.targets.remove(actor, id);
  }

  @Get('warnings')
  @ApiOperation({
    summary: 'List early warnings',
    description:
      'Indicators behind their target or past their threshold, newest first: level, measured value against the ' +
      'target, trend (behind pace, worsening, improving), the year end projected from the year so far, and who ' +
      'must act; raised and cleared by the snapshot job after each nightly close. Regions see theirs and those ' +
      'under them; banks the warnings banks must act on.',
  })
  @ApiOkResponse({ type: WarningPage, description: 'A page of warnings; pass nextCursor back as cursor' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED; INVALID_CURSOR; INVALID_REGION_CODE' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse(OUT_OF_SCOPE)
  async listWarnings(@CurrentActor() actor: Actor, @Query() q: WarningsQuery): Promise<WarningPage> {
    const page = await this.warnings.page(actor, q, q.limit, q.cursor);
    return { items: page.items.map((w) => WarningResponse.from(w)), nextCursor: page.nextCursor };
  }

  private async answer(
    res: Response,
    table: ReportTable,
    format: string | undefined,
    fileName: string,
    firstHeader: string,
  ): Promise<ReportResponse | StreamableFile> {
    if (format !== 'xlsx') return ReportResponse.from(table);
    return xlsxDownload(res, fileName, await this.reports.workbook(table, firstHeader));
  }
}
