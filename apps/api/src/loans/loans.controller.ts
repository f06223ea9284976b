import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { LocalDate } from '@mla/core';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import {
  BackdatedPostingService,
  DisbursementService,
  LoanExtensionService,
  LoanQueryService,
  LoanSigningService,
  PayoffService,
  PostingService,
  PrepaymentService,
  quoteView,
} from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import { BackdatedPostingResponse, RecordRepaymentRequest } from './backdated-posting.dto';
import {
  DisbursementRequest,
  ExtensionRequest,
  ListLoansQuery,
  LoanPage,
  LoanResponse,
  PayoffQuoteQuery,
  PayoffQuoteResponse,
  PostRepaymentRequest,
  PrepaymentRequest,
  RepaymentResponse,
  ReverseRepaymentRequest,
  SchedulePreviewRequest,
  SchedulePreviewResponse,
  SignContractRequest,
} from './loan.dto';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoansController {
  constructor(
    private readonly signing: LoanSigningService,
    private readonly queries: LoanQueryService,
    private readonly disbursements: DisbursementService,
    private readonly extensions: LoanExtensionService,
    private readonly postings: PostingService,
    private readonly payoffs: PayoffService,
    private readonly prepayments: PrepaymentService,
    private readonly backdated: BackdatedPostingService,
  ) {}

  /**
   * Posts a repayment (penalty → interest → principal, oldest first); the same reference twice posts once. One dated
   * too far back waits for a second person instead (202).
   */
  @Post(':id/repayments')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a repayment',
    description:
      'Posts at once (200) when the value date is within BACKDATE_APPROVAL_DAYS (default 30) days before today ' +
      '(Asia/Shanghai): penalty → interest → principal, oldest installment first; the same external reference twice ' +
      'posts once. Dated further back, it is not posted: a back-dated posting request is stored with the required ' +
      '`reason` and the maker, and answered 202; another user with the loan-servicing permission approves it ' +
      '(POST /backdated-postings/{id}/approval, then it is posted) or rejects it. Repayments matched from an ' +
      "imported bank statement do not come here and need no approval: the bank's statement is the evidence and the " +
      'import has its own review. Audited.',
  })
  @ApiOkResponse({ type: RepaymentResponse, description: 'Posted (or posted before under this reference)' })
  @ApiAcceptedResponse({
    type: BackdatedPostingResponse,
    description: 'Back-dated beyond BACKDATE_APPROVAL_DAYS: waiting for another person to approve it',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_AMOUNT: malformed input' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not service loans' })
  @ApiResponse({ status: 404, description: "LOAN_NOT_FOUND: no such loan, or outside the user's scope" })
  @ApiResponse({
    status: 409,
    description:
      'LOAN_NOT_REPAYABLE: the loan is not active or overdue; REFERENCE_REUSED: the reference was posted, or waits ' +
      'for approval, as something else',
  })
  @ApiResponse({
    status: 422,
    description:
      'DATE_OUT_OF_RANGE: valueDate before the disbursement or after today (details name the limit); ' +
      'BACKDATE_REASON_REQUIRED: back-dated beyond BACKDATE_APPROVAL_DAYS without a reason (details: field `reason`)',
  })
  async postRepayment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordRepaymentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RepaymentResponse | BackdatedPostingResponse> {
    const submission = await this.backdated.submit(actor, id, body);
    if (submission.outcome === 'POSTED') {
      return RepaymentResponse.from(submission.posting.repayment, submission.posting.duplicate);
    }
    res.status(HttpStatus.ACCEPTED);
    return BackdatedPostingResponse.from(submission.pending, submission.duplicate);
  }

  /** What paying the whole loan off on a date costs (interest to that date, penalty, all principal). */
  @Get(':id/payoff-quote')
  @ApiOkResponse({ type: PayoffQuoteResponse })
  async payoffQuote(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PayoffQuoteQuery,
  ): Promise<PayoffQuoteResponse> {
    return quoteView(await this.payoffs.payoffQuote(actor, id, LocalDate.parse(q.date)));
  }

  /** Pays the loan off (full prepayment); refused with the quote when the amount falls short. */
  @Post(':id/payoff')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentResponse })
  async payoff(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PostRepaymentRequest,
  ): Promise<RepaymentResponse> {
    const { repayment, duplicate } = await this.payoffs.payoff(actor, id, body);
    return RepaymentResponse.from(repayment, duplicate);
  }

  /** Partial prepayment: interest to the date, the rest as principal, the remainder rescheduled. */
  @Post(':id/prepayment')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentResponse })
  async prepay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PrepaymentRequest,
  ): Promise<RepaymentResponse> {
    const { repayment, duplicate } = await this.prepayments.prepay(actor, id, body);
    return RepaymentResponse.from(repayment, duplicate);
  }

  /** Reverses a repayment exactly; later repayments of the loan must be reversed first. */
  @Post('repayments/:repaymentId/reversal')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentResponse })
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('repaymentId', ParseUUIDPipe) repaymentId: string,
    @Body() body: ReverseRepaymentRequest,
  ): Promise<RepaymentResponse> {
    return RepaymentResponse.from(await this.postings.reverse(actor, repaymentId, body.reason));
  }

  @Get(':id/repayments')
  @ApiOkResponse({ type: [RepaymentResponse] })
  async repayments(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<RepaymentResponse[]> {
    return (await this.postings.history(actor, id)).map((r) => RepaymentResponse.from(r));
  }

  /** The schedule a loan would have (before signing): any authenticated user. */
  @Post('schedule-preview')
  @HttpCode(200)
  @ApiOkResponse({ type: SchedulePreviewResponse })
  preview(@Body() body: SchedulePreviewRequest): SchedulePreviewResponse {
    return SchedulePreviewResponse.from(this.signing.preview(body));
  }

  /** The bank signs the contract for an approved application. */
  @Post()
  @ApiOkResponse({ type: LoanResponse })
  async sign(@CurrentActor() actor: Actor, @Body() body: SignContractRequest): Promise<LoanResponse> {
    const { applicationId, ...input } = body;
    return LoanResponse.from(await this.signing.sign(actor, applicationId, input));
  }

  @Post(':id/disbursement')
  @HttpCode(200)
  @ApiOkResponse({ type: LoanResponse })
  async disburse(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DisbursementRequest,
  ): Promise<LoanResponse> {
    const { loan, installments } = await this.disbursements.recordDisbursement(actor, id, body);
    return LoanResponse.from(loan, installments);
  }

  /** 展期: once, within the policy's limit; the remaining principal is rescheduled. */
  @Post(':id/extension')
  @HttpCode(200)
  @ApiOkResponse({ type: LoanResponse })
  async extend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ExtensionRequest,
  ): Promise<LoanResponse> {
    const { loan, installments } = await this.extensions.extend(actor, id, body.months, body.reason);
    return LoanResponse.from(loan, installments);
  }

  @Get()
  @ApiOkResponse({ type: LoanPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListLoansQuery): Promise<LoanPage> {
    const page = await this.queries.list(
      actor,
      {
        status: q.status,
        bankOrganisationId: q.bankOrganisationId,
        regionCode: q.regionCode,
        applicantId: q.applicantId,
      },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((l) => LoanResponse.from(l)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: LoanResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<LoanResponse> {
    const { loan, installments, summary } = await this.queries.get(actor, id);
    return LoanResponse.from(loan, installments, summary);
  }
}
