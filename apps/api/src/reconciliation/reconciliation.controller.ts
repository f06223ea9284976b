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
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@mla/auth';
import { BadInputError, type Language } from '@mla/core';
import {
  BankAccountService,
  ExceptionResolutionService,
  ReconciliationService,
  ReconciliationErrorCode,
  StatementPreviewService,
  StatementRerunService,
  StatementUploadService,
  type ColumnMapping,
  reconciliationWorkbook,
  type Resolution,
} from '@mla/reconciliation';
import { PageQueryDto } from '../common/page-query.dto';
import { ApiErrorCode } from '../http/api-error-code';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequestLanguage } from '../http/request-language.decorator';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../common/xlsx-response';
import {
  BankAccountMappingRequest,
  BankAccountResponse,
  CreateBankAccountRequest,
  ExceptionsQuery,
  ReconciliationReportResponse,
  ReportQuery,
  ResolveLineRequest,
  StatementImportResponse,
  StatementLineResponse,
  UploadStatementQuery,
} from './reconciliation.dto';
import { MappingPresetResponse, PreviewStatementQuery, StatementPreviewResponse } from './statement-preview.dto';

@ApiTags('reconciliation')
@ApiBearerAuth()
@Controller()
export class ReconciliationController {
  constructor(
    private readonly accounts: BankAccountService,
    private readonly uploads: StatementUploadService,
    private readonly reruns: StatementRerunService,
    private readonly reconciliation: ReconciliationService,
    private readonly resolutions: ExceptionResolutionService,
    private readonly previews: StatementPreviewService,
  ) {}

  @Get('statement-mapping-presets')
  @ApiOperation({
    summary: 'Preset column mappings of the banks’ exports',
    description:
      'The column mappings of the large banks’ and rural credit cooperatives’ current online-banking exports ' +
      '(ICBC, ABC, BOC, CCB, BOCOM, CMB, PSBC, CITIC, SPDB, CGB, RCC), with the bank’s name in the answer’s ' +
      'language. A bank account refers to one by its code (mappingPreset).',
  })
  @ApiOkResponse({ type: [MappingPresetResponse] })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  presets(@RequestLanguage() language: Language): MappingPresetResponse[] {
    return MappingPresetResponse.all(language);
  }

  /** Reads a sample with a mapping before it is saved; nothing is stored. */
  @Post('statement-previews')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview a statement sample with a mapping',
    description:
      'Send the first rows of an export (or the whole file, up to STATEMENT_PREVIEW_MAX_KIB) as the raw request ' +
      'body, with a preset, a column mapping (JSON) or a bank account whose saved mapping to use. Answers the first ' +
      'lines as an import would store them (signed amounts, currency) and every row it could not read, in the ' +
      'answer’s language; issues that would refuse the whole file say so. With a bank account, the account the ' +
      'file names is compared with it. Nothing is stored, audited or logged.',
  })
  @ApiConsumes('application/octet-stream', 'text/csv', 'application/xml', 'text/plain')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: StatementPreviewResponse })
  @ApiResponse({
    status: 400,
    description:
      'FILE_EXPECTED, FILE_EMPTY, UNKNOWN_FORMAT, MAPPING_REQUIRED (a CSV/XLSX sample without a mapping), ' +
      'INVALID_MAPPING, UNKNOWN_PRESET, VALIDATION_FAILED',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'The role may not import statements' })
  @ApiResponse({ status: 404, description: 'ACCOUNT_NOT_FOUND: no such bank account, or another bank’s' })
  @ApiResponse({ status: 422, description: 'FILE_TOO_LARGE: the sample is over STATEMENT_PREVIEW_MAX_KIB' })
  async preview(
    @CurrentActor() actor: Actor,
    @Query() q: PreviewStatementQuery,
    @Req() req: Request,
    @RequestLanguage() language: Language,
  ): Promise<StatementPreviewResponse> {
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new BadInputError(ApiErrorCode.FILE_EXPECTED, 'Send the sample itself as the request body', {
        field: 'file',
      });
    }
    let mapping: ColumnMapping | undefined;
    if (q.mapping !== undefined) {
      try {
        mapping = JSON.parse(q.mapping) as ColumnMapping;
      } catch {
        throw new BadInputError(ReconciliationErrorCode.INVALID_MAPPING, 'mapping must be JSON', { field: 'mapping' });
      }
    }
    const preview = await this.previews.preview(
      actor,
      {
        stream: req,
        fileName: q.fileName,
        format: q.format,
        preset: q.preset,
        mapping,
        accountId: q.bankAccountId,
        limit: q.limit ?? 20,
      },
      language,
    );
    return StatementPreviewResponse.from(preview);
  }

  @Post('bank-accounts')
  @ApiOkResponse({ type: BankAccountResponse })
  async createAccount(
    @CurrentActor() actor: Actor,
    @Body() body: CreateBankAccountRequest,
  ): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.create(actor, body));
  }

  @Get('bank-accounts')
  @ApiOkResponse({ type: [BankAccountResponse] })
  async listAccounts(@CurrentActor() actor: Actor, @Query() q: PageQueryDto) {
    const page = await this.accounts.list(actor, q.limit, q.cursor);
    return { items: page.items.map((a) => BankAccountResponse.from(a)), nextCursor: page.nextCursor };
  }

  @Get('bank-accounts/:id')
  @ApiOkResponse({ type: BankAccountResponse })
  async getAccount(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.get(actor, id));
  }

  /** Saves the account's statement format and column mapping (a preset or the bank's own). */
  @Put('bank-accounts/:id/mapping')
  @ApiOkResponse({ type: BankAccountResponse })
  async saveMapping(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BankAccountMappingRequest,
  ): Promise<BankAccountResponse> {
    return BankAccountResponse.from(await this.accounts.updateMapping(actor, id, body));
  }

  /**
   * Uploads a statement file as the raw request body (streamed, not buffered): it is stored and imported by a
   * queued job; follow it at GET /statement-imports/:id. The same file twice is refused (409 ALREADY_IMPORTED).
   */
  @Post('bank-accounts/:id/statements')
  @HttpCode(202)
  @ApiConsumes('application/octet-stream', 'text/csv', 'application/xml', 'text/plain')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: StatementImportResponse })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: UploadStatementQuery,
    @Req() req: Request,
  ): Promise<StatementImportResponse> {
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new BadInputError(
        ApiErrorCode.FILE_EXPECTED,
        'Send the file itself as the request body (application/octet-stream)',
        {
          field: 'file',
        },
      );
    }
    return StatementImportResponse.from(
      await this.uploads.upload(actor, id, { fileName: q.fileName, stream: req, format: q.format }),
    );
  }

  @Get('bank-accounts/:id/statements')
  @ApiOkResponse({ type: [StatementImportResponse] })
  async imports(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StatementImportResponse[]> {
    return (await this.uploads.list(actor, id)).map((i) => StatementImportResponse.from(i));
  }

  /** An import's status, progress (lines read) and, when it failed, what and where. */
  @Get('statement-imports/:id')
  @ApiOkResponse({ type: StatementImportResponse })
  async importStatus(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StatementImportResponse> {
    return StatementImportResponse.from(await this.uploads.get(actor, id));
  }

  /** Queues a new run of an import that stopped; it continues where the last run got to. */
  @Post('statement-imports/:id/rerun')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-run a stopped statement import',
    description:
      'For an import that is queued, storing, or stored with lines still PENDING whose job is gone (it shows no ' +
      'progress for two minutes): queues a new run, which stores the lines if they were not stored yet and matches ' +
      "the lines still PENDING. Nothing is posted twice. Audited (statement.import_rerun). Allowed to the bank's " +
      'own officers for its imports and to system admins.',
  })
  @ApiAcceptedResponse({
    type: StatementImportResponse,
    description: 'A new run is queued; follow it at GET /statement-imports/:id',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'The role may not re-run imports' })
  @ApiResponse({ status: 404, description: "IMPORT_NOT_FOUND: no such import, or another bank's" })
  @ApiResponse({
    status: 409,
    description:
      'IMPORT_NOT_STOPPED: the import is finished, failed on its file (upload a corrected file) or still uploading; ' +
      'IMPORT_RUNNING: it made progress in the last two minutes',
  })
  async rerun(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StatementImportResponse> {
    return StatementImportResponse.from(await this.reruns.rerun(actor, id));
  }

  /** The reconciliation report of an account and period, as JSON or XLSX. */
  @Get('bank-accounts/:id/reconciliation')
  @ApiProduces('application/json', XLSX_MEDIA_TYPE)
  @ApiOkResponse({ type: ReconciliationReportResponse })
  async report(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReconciliationReportResponse | StreamableFile> {
    const report = await this.reconciliation.report(actor, id, q.from, q.to);
    if (q.format !== 'xlsx') return ReconciliationReportResponse.from(report);
    return xlsxDownload(
      res,
      `reconciliation-${report.accountNumber}-${report.from}-${report.to}.xlsx`,
      await reconciliationWorkbook(report),
    );
  }

  /** The exceptions worklist of an account: lines waiting for a person. */
  @Get('bank-accounts/:id/exceptions')
  @ApiOkResponse({ type: [StatementLineResponse] })
  async exceptions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: ExceptionsQuery,
  ): Promise<StatementLineResponse[]> {
    return (await this.reconciliation.exceptions(actor, id, q.from, q.to)).map((l) => StatementLineResponse.from(l));
  }

  /**
   * Resolves an exception with a reason: NOT_OURS; LINK a credit to a loan; SPLIT it over several loans; CORRECT our
   * repayment to the bank's amount.
   */
  @Post('statement-lines/:id/resolution')
  @HttpCode(200)
  @ApiOkResponse({ type: StatementLineResponse })
  async resolve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ResolveLineRequest,
  ): Promise<StatementLineResponse> {
    const resolution: Resolution =
      body.action === 'LINK'
        ? { action: 'LINK', reason: body.reason, loanId: body.loanId ?? '' }
        : body.action === 'SPLIT'
          ? { action: 'SPLIT', reason: body.reason, parts: body.parts ?? [] }
          : body.action === 'CORRECT'
            ? { action: 'CORRECT', reason: body.reason }
            : { action: 'NOT_OURS', reason: body.reason };
    return StatementLineResponse.from(await this.resolutions.resolve(actor, id, resolution));
  }
}
