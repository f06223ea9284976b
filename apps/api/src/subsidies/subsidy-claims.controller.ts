import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res, type StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@mla/auth';
import {
  SubsidyClaimBuilder,
  SubsidyClaimExportService,
  SubsidyClaimReviewService,
  SubsidyClaimRevocationService,
  SubsidyPayoutService,
} from '@mla/subsidies';
import { CurrentActor } from '../auth/current-actor.decorator';
import { XLSX_MEDIA_TYPE, xlsxDownload } from '../common/xlsx-response';
import {
  ApprovalRevocationRequest,
  BulkDecisionRequest,
  ClaimBatchDetailResponse,
  ClaimBatchListItemResponse,
  ClaimBatchPage,
  ClaimBatchResponse,
  InitialReviewRequest,
  LineDecisionReasonRequest,
  LineRejectionRequest,
  ListClaimBatchesQuery,
  PayoutRequest,
  PayoutResponse,
  SupplementaryClaimRequest,
} from './subsidy-claim.dto';

const UNAUTHENTICATED = { status: 401, description: 'Not signed in' } as const;
const NOT_FOUND = {
  status: 404,
  description: 'NOT_FOUND: no such batch or line, or outside your bank or jurisdiction',
} as const;
const BAD_ID = { status: 400, description: 'VALIDATION_FAILED: the id is not a UUID' } as const;
const WRONG_STEP = 'CLAIM_INVALID_STATE: the batch is not at this step (details: status, expected)';
const DECIDE_403 = {
  status: 403,
  description:
    'PERMISSION_DENIED: only the finance bureau decides claim lines; OWN_CLAIM_REVIEW_FORBIDDEN: you prepared, ' +
    'submitted or initially reviewed this batch',
} as const;
const DECIDE_409 = {
  status: 409,
  description: `${WRONG_STEP}; LINE_ALREADY_DECIDED: the line is already approved, rejected or paid; LINE_ALREADY_COMMITTED`,
} as const;
const DECIDE_422 = {
  status: 422,
  description:
    'BUDGET_EXCEEDED: a level’s budget has less available than the line’s share (details: fundingLevel, ' +
    'fiscalYear, availableYuan, requestedYuan; the line stays pending); BUDGET_NOT_ALLOCATED',
} as const;

/**
 * Subsidy claims 贴息申报: the bank's quarterly batches, the initial review 初审, the finance bureau's line-by-line
 * decisions within the yearly budgets, the payout 拨付, and the claim list and public notice as XLSX.
 */
@ApiTags('subsidy-claims')
@ApiBearerAuth()
@Controller('subsidy-claims')
export class SubsidyClaimsController {
  constructor(
    private readonly reviews: SubsidyClaimReviewService,
    private readonly builder: SubsidyClaimBuilder,
    private readonly payouts: SubsidyPayoutService,
    private readonly exports: SubsidyClaimExportService,
    private readonly revocations: SubsidyClaimRevocationService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List subsidy claim batches',
    description:
      'Claim batches newest settlement date first, a page at a time (cursor), with the bank’s and the ' +
      'jurisdiction’s names, the status, line count, the period totals in yuan (requested, approved, paid) and ' +
      'each step’s deadline in working days. ' +
      'Bank officers see their own bank’s; the federation, guarantee agency, finance bureau and auditors their ' +
      'jurisdiction’s.',
  })
  @ApiOkResponse({ type: ClaimBatchPage, description: 'A page of batches' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a filter malformed; INVALID_CURSOR' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy claims' })
  async list(@CurrentActor() actor: Actor, @Query() q: ListClaimBatchesQuery): Promise<ClaimBatchPage> {
    const page = await this.reviews.list(actor, q, q.limit, q.cursor);
    return { items: page.items.map((b) => ClaimBatchListItemResponse.fromItem(b)), nextCursor: page.nextCursor };
  }

  @Post('supplementary')
  @ApiOperation({
    summary: 'File a supplementary claim of corrected lines',
    description:
      'The regular claim of each period is built by the worker after the settlement date. This builds a later ' +
      'batch of the same period for the caller’s bank with the loans that have no live line (their line was ' +
      'rejected and the facts corrected since): a loan and period is never claimed twice. Audited ' +
      '(subsidy_claim.supplementary_built). Bank officers.',
  })
  @ApiCreatedResponse({ type: ClaimBatchResponse, description: 'The new batch (DRAFT)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED; INVALID_REGION_CODE' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only bank officers file claims' })
  @ApiResponse({ status: 409, description: 'CONFLICT: another supplementary claim was filed at the same moment' })
  @ApiResponse({
    status: 422,
    description:
      'PERIOD_NOT_SETTLED: the settlement date is after today (details: settlementDate); NOT_A_SETTLEMENT_DATE ' +
      '(details: next); NOTHING_TO_CLAIM: every loan of the period has a live line',
  })
  async supplementary(
    @CurrentActor() actor: Actor,
    @Body() body: SupplementaryClaimRequest,
  ): Promise<ClaimBatchResponse> {
    this.reviews.assertCanPrepare(actor);
    return ClaimBatchResponse.from(
      await this.builder.buildSupplementary(actor.organisationId, body.regionCode, body.settlementDate, actor),
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Read a claim batch with its lines',
    description:
      'The batch and every line: contract number, masked borrower name, amounts in yuan (principal, interest ' +
      'collected, subsidy and its split by funding level), eligibility, status, the initial review’s finding, the ' +
      'finance decision and its reason, and the whole calculation with every input and check.',
  })
  @ApiOkResponse({ type: ClaimBatchDetailResponse, description: 'The batch and its lines' })
  @ApiResponse(BAD_ID)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy claims' })
  @ApiResponse(NOT_FOUND)
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimBatchDetailResponse> {
    return ClaimBatchDetailResponse.from(await this.reviews.get(actor, id));
  }

  @Post(':id/submission')
  @ApiOperation({
    summary: 'Submit the bank’s claim',
    description:
      'DRAFT → SUBMITTED; the initial review is then due within the rule’s working days (official calendar). ' +
      'Audited (subsidy_claim.submitted). Bank officers of the batch’s bank.',
  })
  @ApiCreatedResponse({ type: ClaimBatchResponse, description: 'The batch, submitted' })
  @ApiResponse(BAD_ID)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only bank officers submit claims' })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, description: WRONG_STEP })
  @ApiResponse({ status: 422, description: 'CALENDAR_YEAR_UNKNOWN: the deadline reaches a year not yet published' })
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimBatchResponse> {
    return ClaimBatchResponse.from(await this.reviews.submit(actor, id));
  }

  @Post(':id/initial-review')
  @ApiOperation({
    summary: 'Record the initial review 初审',
    description:
      'A finding per line (CONFIRMED, or QUERIED with a note, e.g. the borrower took a job elsewhere); lines not ' +
      'named are confirmed. SUBMITTED → INITIAL_REVIEWED; the finance review and payment are then due within the ' +
      'rule’s working days. Audited (subsidy_claim.initial_reviewed). Federation and guarantee agency.',
  })
  @ApiCreatedResponse({ type: ClaimBatchResponse, description: 'The batch, initially reviewed' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED; REASON_REQUIRED: a queried line without a note' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only the federation or guarantee agency' })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, description: WRONG_STEP })
  @ApiResponse({ status: 422, description: 'CALENDAR_YEAR_UNKNOWN: the deadline reaches a year not yet published' })
  async initialReview(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: InitialReviewRequest,
  ): Promise<ClaimBatchResponse> {
    return ClaimBatchResponse.from(await this.reviews.initialReview(actor, id, body.findings));
  }

  @Post(':id/lines/:lineId/approval')
  @ApiOperation({
    summary: 'Approve a claim line',
    description:
      'Approves the line as computed (amounts cannot be edited) and commits its share on each funding level’s ' +
      'yearly budget in the same transaction; over a budget nothing is written and the line stays pending. When no ' +
      'line is left pending the batch is FINANCE_REVIEWED. Audited (subsidy_claim_line.approved). Finance bureau.',
  })
  @ApiCreatedResponse({ type: ClaimBatchDetailResponse, description: 'The batch and its lines after the decision' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: an id is not a UUID, or the reason is too long' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(DECIDE_403)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(DECIDE_409)
  @ApiResponse(DECIDE_422)
  async approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Body() body: LineDecisionReasonRequest,
  ): Promise<ClaimBatchDetailResponse> {
    return ClaimBatchDetailResponse.from(await this.reviews.approveLine(actor, id, lineId, body.reason));
  }

  @Post(':id/lines/:lineId/rejection')
  @ApiOperation({
    summary: 'Reject a claim line',
    description:
      'Rejects the line with a reason; nothing is booked. A rejected line can be corrected and claimed again in a ' +
      'supplementary batch, never twice. Audited (subsidy_claim_line.rejected). Finance bureau.',
  })
  @ApiCreatedResponse({ type: ClaimBatchDetailResponse, description: 'The batch and its lines after the decision' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED / REASON_REQUIRED: reason missing' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(DECIDE_403)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(DECIDE_409)
  async reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Body() body: LineRejectionRequest,
  ): Promise<ClaimBatchDetailResponse> {
    return ClaimBatchDetailResponse.from(await this.reviews.rejectLine(actor, id, lineId, body.reason));
  }

  @Post(':id/lines/:lineId/approval-revocation')
  @ApiOperation({
    summary: 'Revoke a line’s approval',
    description:
      'Takes back the approval of a line not yet in a payout, with a reason: each level’s commitment is released ' +
      '(an append-only RELEASE entry in the budget ledger), the line is pending again and a finance-reviewed batch ' +
      'returns to the finance review. Approving it again books the commitment again within the budget. Audited ' +
      '(subsidy_claim_line.approval_revoked). Finance bureau.',
  })
  @ApiCreatedResponse({ type: ClaimBatchDetailResponse, description: 'The batch and its lines after the revocation' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED / REASON_REQUIRED: reason missing or too long' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(DECIDE_403)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    description: 'LINE_NOT_APPROVED: the line is pending or rejected; LINE_PAID_NOT_REVOCABLE: the line is paid',
  })
  async revokeApproval(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Body() body: ApprovalRevocationRequest,
  ): Promise<ClaimBatchDetailResponse> {
    return ClaimBatchDetailResponse.from(await this.revocations.revokeApproval(actor, id, lineId, body.reason));
  }

  @Post(':id/decisions')
  @ApiOperation({
    summary: 'Approve or reject many lines at once',
    description:
      'Decides the lines named, all or nothing in one transaction: approvals commit their budget shares (level by ' +
      'level), rejections need a reason. Audited per line. Finance bureau.',
  })
  @ApiCreatedResponse({ type: ClaimBatchDetailResponse, description: 'The batch and its lines after the decisions' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a line named twice; REASON_REQUIRED' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse(DECIDE_403)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(DECIDE_409)
  @ApiResponse(DECIDE_422)
  async decide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BulkDecisionRequest,
  ): Promise<ClaimBatchDetailResponse> {
    return ClaimBatchDetailResponse.from(await this.reviews.decide(actor, id, body.decisions));
  }

  @Post(':id/payout')
  @ApiOperation({
    summary: 'Pay the approved lines 拨付',
    description:
      'Pays every approved line of a FINANCE_REVIEWED batch from each level’s budget under one payout with the ' +
      'payment order’s reference and date; the lines and the batch become PAID and each borrower is notified ' +
      '(through the outbox). The same reference again returns the same payout. Audited (subsidy_claim.paid). ' +
      'Finance bureau.',
  })
  @ApiCreatedResponse({ type: PayoutResponse, description: 'The payout' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: reference or date missing or malformed' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only the finance bureau pays claims' })
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, description: `${WRONG_STEP}; NO_APPROVED_LINES; LINE_ALREADY_PAID; LINE_RELEASED` })
  @ApiResponse({
    status: 422,
    description: 'DATE_OUT_OF_RANGE: before the settlement date or after today; BUDGET_EXCEEDED; BUDGET_NOT_ALLOCATED',
  })
  async pay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PayoutRequest,
  ): Promise<PayoutResponse> {
    return PayoutResponse.from(await this.payouts.pay(actor, id, body));
  }

  @Get(':id/claim-list')
  @ApiOperation({
    summary: 'Download the claim list (XLSX)',
    description:
      'The batch totals and one row per line with every input of its calculation, Chinese headers, amounts in ' +
      'yuan, names masked. Audited (subsidy_claim.exported).',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  @ApiResponse(BAD_ID)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy claims' })
  @ApiResponse(NOT_FOUND)
  async claimList(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, `subsidy-claim-${id}.xlsx`, await this.exports.claimList(actor, id));
  }

  @Get(':id/public-notice')
  @ApiOperation({
    summary: 'Download the public notice 公示 (XLSX)',
    description:
      'The approved and paid lines for posting in the villages: village code, masked name (王*英), masked ID ' +
      '(1502**********002X), loan amount, period and subsidy. Never a full ID or a phone. Audited ' +
      '(subsidy_claim.public_notice_exported).',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({ description: 'The workbook' })
  @ApiResponse(BAD_ID)
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy claims' })
  @ApiResponse(NOT_FOUND)
  async publicNotice(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return xlsxDownload(res, `subsidy-public-notice-${id}.xlsx`, await this.exports.publicNotice(actor, id));
  }
}
