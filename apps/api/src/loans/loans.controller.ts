import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { LocalDate } from '@mla/core';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import {
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
  ) {}

  /** Posts a repayment (penalty → interest → principal, oldest first); the same reference twice posts once. */
  @Post(':id/repayments')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentResponse })
  async postRepayment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PostRepaymentRequest,
  ): Promise<RepaymentResponse> {
    const { repayment, duplicate } = await this.postings.post(actor, id, body);
    return RepaymentResponse.from(repayment, duplicate);
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
