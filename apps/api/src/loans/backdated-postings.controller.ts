import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { BackdatedPostingService } from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApproveBackdatedPostingRequest,
  BackdatedPostingPage,
  BackdatedPostingResponse,
  ListBackdatedPostingsQuery,
  RejectBackdatedPostingRequest,
} from './backdated-posting.dto';

const NOT_FOUND = "BACKDATED_POSTING_NOT_FOUND: no such request, or it belongs to a loan outside the user's scope";

/** Repayments dated too far back, waiting for a second person (maker-checker). */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('backdated-postings')
export class BackdatedPostingsController {
  constructor(private readonly backdated: BackdatedPostingService) {}

  @Get()
  @ApiOperation({
    summary: 'List back-dated posting requests',
    description:
      'Repayments recorded by hand with a value date more than BACKDATE_APPROVAL_DAYS (default 30) days before ' +
      'today, held for a second person: pending first, then newest first (keyset pages). Each shows the contract ' +
      "number, the borrower's masked name, amount, value date, maker, status and the decision. Only loans within " +
      "the user's scope (region, or their bank).",
  })
  @ApiOkResponse({ type: BackdatedPostingPage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR: a malformed filter or cursor' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read loans' })
  async list(@CurrentActor() actor: Actor, @Query() q: ListBackdatedPostingsQuery): Promise<BackdatedPostingPage> {
    const page = await this.backdated.list(actor, { status: q.status, loanId: q.loanId }, q.limit, q.cursor);
    return { items: page.items.map((v) => BackdatedPostingResponse.from(v)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a back-dated posting request', description: 'With its decision, if any.' })
  @ApiOkResponse({ type: BackdatedPostingResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: the id is not a UUID' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read loans' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<BackdatedPostingResponse> {
    return BackdatedPostingResponse.from(await this.backdated.get(actor, id));
  }

  @Post(':id/approval')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve a back-dated posting: the repayment is posted',
    description:
      'By another user with the loan-servicing permission than the one who asked (maker-checker). The repayment is ' +
      'posted with the request’s figures in the same transaction as the approval, exactly once (the external ' +
      'reference makes it idempotent), with the same checks as any posting (loan repayable, value date from the ' +
      'disbursement to today). Audited (repayment.backdated_approved, then the posting’s own row).',
  })
  @ApiOkResponse({ type: BackdatedPostingResponse, description: 'APPROVED, with the repayment it posted' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: the id is not a UUID, or the note is too long' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({
    status: 403,
    description:
      'PERMISSION_DENIED: the role may not service loans; BACKDATED_POSTING_SELF_DECISION: the user asked for it',
  })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({
    status: 409,
    description:
      'BACKDATED_POSTING_DECIDED: approved or rejected already (details name the status and the repayment); ' +
      'LOAN_NOT_REPAYABLE: the loan is no longer active or overdue; REFERENCE_REUSED: the reference was posted ' +
      'meanwhile as something else',
  })
  @ApiResponse({ status: 422, description: 'DATE_OUT_OF_RANGE: the value date no longer fits the loan' })
  async approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveBackdatedPostingRequest,
  ): Promise<BackdatedPostingResponse> {
    return BackdatedPostingResponse.from(await this.backdated.approve(actor, id, body.note));
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject a back-dated posting: nothing is posted',
    description:
      'By another user with the loan-servicing permission than the one who asked, with the reason. Audited ' +
      '(repayment.backdated_rejected). The maker may record the payment again with a corrected date or reason.',
  })
  @ApiOkResponse({ type: BackdatedPostingResponse, description: 'REJECTED' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, REASON_REQUIRED: the reason is missing or too long' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({
    status: 403,
    description:
      'PERMISSION_DENIED: the role may not service loans; BACKDATED_POSTING_SELF_DECISION: the user asked for it',
  })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: 'BACKDATED_POSTING_DECIDED: approved or rejected already' })
  async reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectBackdatedPostingRequest,
  ): Promise<BackdatedPostingResponse> {
    return BackdatedPostingResponse.from(await this.backdated.reject(actor, id, body.reason));
  }
}
