import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { LoanFollowUpService } from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { FollowUpPage, FollowUpResponse, RecordFollowUpRequest, WithdrawFollowUpRequest } from './follow-up.dto';

const LOAN_NOT_FOUND = "LOAN_NOT_FOUND: no such loan, or it is outside the user's scope";

/** 贷后回访 / 就业核查: what federation officers find of a borrower's business after the loan. */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans/:id/follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: LoanFollowUpService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a follow-up on a loan (回访, 就业核查)',
    description:
      'A federation loan officer records a visit, a call or an employment check: the day, what was found of the ' +
      'business, the day a job elsewhere or a closure took effect (the interest subsidy stops from that day), and ' +
      'the jobs the business provides. Never edited: a wrong record is withdrawn. Audited (loan.follow_up_recorded).',
  })
  @ApiCreatedResponse({ type: FollowUpResponse })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED, INVALID_DATE: a malformed field; FOLLOW_UP_INVALID: the change date is missing for a job ' +
      'elsewhere or a closure, or given for an operating business (details name the field)',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not record follow-ups' })
  @ApiResponse({ status: 404, description: LOAN_NOT_FOUND })
  @ApiResponse({ status: 409, description: 'FOLLOW_UP_NOT_POSSIBLE: the loan is not disbursed' })
  @ApiResponse({
    status: 422,
    description:
      'DATE_OUT_OF_RANGE: the visit is before the value date or in the future, or the change date is before the ' +
      'value date or after the visit (details name the field and both limits)',
  })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordFollowUpRequest,
  ): Promise<FollowUpResponse> {
    return FollowUpResponse.from(await this.followUps.record(actor, id, body));
  }

  @Get()
  @ApiOperation({
    summary: "List a loan's follow-ups",
    description:
      'Newest visit first (keyset pages), withdrawn records included and marked, with the contract number and the ' +
      "borrower's masked name. Anyone who may read the loan (its region, or its bank).",
  })
  @ApiOkResponse({ type: FollowUpPage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR: a malformed id, limit or cursor' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read loans' })
  @ApiResponse({ status: 404, description: LOAN_NOT_FOUND })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<FollowUpPage> {
    return FollowUpPage.from(await this.followUps.list(actor, id, q.limit, q.cursor));
  }

  @Post(':followUpId/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a wrong follow-up',
    description:
      'The record stays, marked withdrawn with the reason; the subsidy no longer reads it (a later claim computes ' +
      'without it). Audited (loan.follow_up_withdrawn).',
  })
  @ApiOkResponse({ type: FollowUpResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, REASON_REQUIRED: an id is malformed or no reason' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not record follow-ups' })
  @ApiResponse({ status: 404, description: `${LOAN_NOT_FOUND}; FOLLOW_UP_NOT_FOUND: no such record on the loan` })
  @ApiResponse({ status: 409, description: 'FOLLOW_UP_WITHDRAWN: withdrawn already' })
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('followUpId', ParseUUIDPipe) followUpId: string,
    @Body() body: WithdrawFollowUpRequest,
  ): Promise<FollowUpResponse> {
    return FollowUpResponse.from(await this.followUps.withdraw(actor, id, followUpId, body.reason));
  }
}
