import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@mla/auth';
import {
  FundService,
  FundStatementService,
  FundStatus,
  GuaranteeService,
  LedgerService,
  statementWorkbook,
} from '@mla/guarantee-funds';
import { CurrentActor } from '../auth/current-actor.decorator';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../common/xlsx-response';
import {
  BookEntryRequest,
  CreateFundRequest,
  FundDetailResponse,
  FundFiguresResponse,
  FundPage,
  FundResponse,
  FundRulesRequest,
  FundStatusRequest,
  GuaranteePage,
  GuaranteeResponse,
  IssueGuaranteeRequest,
  LedgerEntryPage,
  LedgerEntryResponse,
  LeverageResponse,
  ListFundsQuery,
  ListGuaranteesQuery,
  ReverseEntryRequest,
  StatementQuery,
  StatementResponse,
} from './guarantee-fund.dto';

@ApiTags('guarantee-funds')
@ApiBearerAuth()
@Controller('guarantee-funds')
export class GuaranteeFundsController {
  constructor(
    private readonly funds: FundService,
    private readonly ledger: LedgerService,
    private readonly guarantees: GuaranteeService,
    private readonly statements: FundStatementService,
  ) {}

  @Post()
  @ApiOkResponse({ type: FundResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateFundRequest): Promise<FundResponse> {
    return FundResponse.from(await this.funds.create(actor, body));
  }

  @Get()
  @ApiOkResponse({ type: FundPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListFundsQuery): Promise<FundPage> {
    const page = await this.funds.list(actor, { status: q.status, regionCode: q.regionCode }, q.limit, q.cursor);
    return { items: page.items.map((f) => FundResponse.from(f)), nextCursor: page.nextCursor };
  }

  /** The fund with today's figures: deposit, liability, capacity left, leverage used, rates, alerts. */
  @Get(':id')
  @ApiOkResponse({ type: FundDetailResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<FundDetailResponse> {
    const { fund, totals, figures } = await this.funds.withFigures(actor, id);
    return { ...FundResponse.from(fund), figures: FundFiguresResponse.from(totals, figures) };
  }

  @Put(':id/rules')
  @ApiOkResponse({ type: FundResponse })
  async updateRules(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FundRulesRequest,
  ): Promise<FundResponse> {
    return FundResponse.from(await this.funds.updateRules(actor, id, body));
  }

  /** Re-takes this year's leverage assessment (last year's repayment rate at maturity), e.g. after late entries. */
  @Post(':id/leverage-assessment')
  @HttpCode(200)
  @ApiOkResponse({ type: LeverageResponse })
  async reassess(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LeverageResponse> {
    return LeverageResponse.from(await this.funds.reassessLeverage(actor, id));
  }

  /** Stops new guarantees (existing ones, releases and compensation go on). */
  @Post(':id/suspension')
  @HttpCode(200)
  @ApiOkResponse({ type: FundResponse })
  async suspend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FundStatusRequest,
  ): Promise<FundResponse> {
    return FundResponse.from(await this.funds.setStatus(actor, id, FundStatus.SUSPENDED, body.reason));
  }

  @Post(':id/reopening')
  @HttpCode(200)
  @ApiOkResponse({ type: FundResponse })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FundStatusRequest,
  ): Promise<FundResponse> {
    return FundResponse.from(await this.funds.setStatus(actor, id, FundStatus.OPEN, body.reason));
  }

  /** Books a contribution, interest income or adjustment. */
  @Post(':id/entries')
  @ApiOkResponse({ type: LedgerEntryResponse })
  async book(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BookEntryRequest,
  ): Promise<LedgerEntryResponse> {
    return LedgerEntryResponse.from(await this.ledger.book(actor, id, body));
  }

  @Get(':id/entries')
  @ApiOkResponse({ type: LedgerEntryPage })
  async entries(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListFundsQuery,
  ): Promise<LedgerEntryPage> {
    const page = await this.ledger.entries(actor, id, q.limit, q.cursor);
    return { items: page.items.map((e) => LedgerEntryResponse.from(e)), nextCursor: page.nextCursor };
  }

  /** A correction: an exact reversing entry. */
  @Post(':id/entries/:entryId/reversal')
  @ApiOkResponse({ type: LedgerEntryResponse })
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('entryId') entryId: string,
    @Body() body: ReverseEntryRequest,
  ): Promise<LedgerEntryResponse> {
    return LedgerEntryResponse.from(await this.ledger.reverse(actor, id, entryId, body.reason));
  }

  /** Opening balance, entries and closing balance for a date range, as JSON or XLSX. */
  @Get(':id/statement')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOkResponse({ type: StatementResponse })
  async statement(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: StatementQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StatementResponse | StreamableFile> {
    const statement = await this.statements.statement(actor, id, q.from, q.to);
    if (q.format !== 'xlsx') return StatementResponse.from(statement);
    return xlsxDownload(
      res,
      `fund-${statement.fund.code}-${statement.from}-${statement.to}.xlsx`,
      await statementWorkbook(statement),
    );
  }

  /** 担保审核: issues a guarantee for the application within the fund's capacity and approves the review step. */
  @Post(':id/guarantees')
  @ApiOkResponse({ type: GuaranteeResponse })
  async issue(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IssueGuaranteeRequest,
  ): Promise<GuaranteeResponse> {
    const { guarantee, applicationStatus } = await this.guarantees.issue(actor, id, body.applicationId, body.reason);
    return GuaranteeResponse.from(guarantee, applicationStatus);
  }

  @Get(':id/guarantees')
  @ApiOkResponse({ type: GuaranteePage })
  async guaranteesOf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ListGuaranteesQuery,
  ): Promise<GuaranteePage> {
    await this.funds.get(actor, id);
    const page = await this.guarantees.list(
      actor,
      { fundId: id, status: q.status, applicationId: q.applicationId, loanId: q.loanId },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((g) => GuaranteeResponse.from(g)), nextCursor: page.nextCursor };
  }
}
