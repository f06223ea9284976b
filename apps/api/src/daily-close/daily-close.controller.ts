import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { DailyCloseRunsService } from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import {
  DailyCloseRunPage,
  DailyCloseRunResponse,
  DailyCloseStartedResponse,
  StartDailyCloseRequest,
} from './daily-close.dto';

@ApiTags('daily-close')
@ApiBearerAuth()
@Controller('daily-close/runs')
export class DailyCloseController {
  constructor(private readonly runs: DailyCloseRunsService) {}

  @Get()
  @ApiOperation({
    summary: 'List nightly close runs',
    description:
      'The nightly close (日终) runs, newest business date first: status, trigger, when it started and finished, how ' +
      'long it took, and its figures (installments marked overdue, penalty accrued, loans past due, compensation ' +
      'alerts). System administrators and auditors.',
  })
  @ApiOkResponse({ type: DailyCloseRunPage, description: 'A page of runs; pass nextCursor back as cursor' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: limit out of range; INVALID_CURSOR' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read close runs' })
  async list(@CurrentActor() actor: Actor, @Query() q: PageQueryDto): Promise<DailyCloseRunPage> {
    const page = await this.runs.list(actor, q.limit, q.cursor);
    return { items: page.items.map((r) => DailyCloseRunResponse.from(r)), nextCursor: page.nextCursor };
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start the nightly close of a date',
    description:
      'Queues the close of a business date (marks overdue installments and loans, accrues penalty, stores days past ' +
      'due, flags loans past their fund’s compensation trigger). Dates close in order: any open date between the ' +
      'last closed one and this one closes first. A date already closed is not closed again: the answer carries its ' +
      'stored run and queues nothing. Audited (daily_close.requested). System administrators only.',
  })
  @ApiAcceptedResponse({
    type: DailyCloseStartedResponse,
    description: 'Queued (jobId), or already closed (alreadyClosed, run); follow it at GET /daily-close/runs',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: businessDate missing or not a date YYYY-MM-DD' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators start a close' })
  @ApiResponse({
    status: 409,
    description: 'DAILY_CLOSE_RUNNING: the close of this date is running now; see its run when it has finished',
  })
  @ApiResponse({
    status: 422,
    description:
      'DATE_OUT_OF_RANGE: businessDate after today (Asia/Shanghai) or before the earliest business date (details: ' +
      'field, value, min, max); DAILY_CLOSE_OUT_OF_ORDER: before the last closed date and never closed',
  })
  async start(@CurrentActor() actor: Actor, @Body() body: StartDailyCloseRequest): Promise<DailyCloseStartedResponse> {
    return DailyCloseStartedResponse.from(await this.runs.request(actor, body.businessDate));
  }
}
