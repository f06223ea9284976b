import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApplicationDraftingService,
  ApplicationQueryService,
  ApplicationReviewService,
  ReviewStep,
  stepWaitingIn,
  type LoanApplication,
} from '@mla/applicants';
import type { Actor } from '@mla/auth';
import { Clock } from '@mla/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import {
  ApplicationPage,
  ApplicationResponse,
  CreateApplicationRequest,
  DecisionRequest,
  FieldVisitRequest,
  DeadlineResponse,
  ListApplicationsQuery,
  SetDeadlineRequest,
  UpdateApplicationRequest,
  WithdrawRequest,
} from './application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly drafting: ApplicationDraftingService,
    private readonly review: ApplicationReviewService,
    private readonly queries: ApplicationQueryService,
    private readonly clock: Clock,
  ) {}

  private view(a: LoanApplication): ApplicationResponse {
    return ApplicationResponse.from(a, this.clock.today().toString(), stepWaitingIn(a.status));
  }

  @Post()
  @ApiOkResponse({ type: ApplicationResponse, description: 'A draft, with its eligibility check' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateApplicationRequest): Promise<ApplicationResponse> {
    return this.view(await this.drafting.create(actor, body));
  }

  @Get()
  @ApiOkResponse({ type: ApplicationPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListApplicationsQuery): Promise<ApplicationPage> {
    const page = await this.queries.list(
      actor,
      {
        statuses: q.status ? [q.status] : undefined,
        regionCode: q.regionCode,
        bankOrganisationId: q.bankOrganisationId,
        applicantId: q.applicantId,
        late: q.late,
      },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((a) => this.view(a)), nextCursor: page.nextCursor };
  }

  /** What waits for me: applications at the steps my roles take, within my scope. */
  @Get('worklist')
  @ApiOkResponse({ type: ApplicationPage })
  async worklist(@CurrentActor() actor: Actor, @Query() q: PageQueryDto): Promise<ApplicationPage> {
    const page = await this.queries.worklist(actor, q.limit, q.cursor);
    return { items: page.items.map((a) => this.view(a)), nextCursor: page.nextCursor };
  }

  /** Working days each review step may take. */
  @Get('step-deadlines')
  @ApiOkResponse({ type: [DeadlineResponse] })
  deadlines(@CurrentActor() actor: Actor): Promise<DeadlineResponse[]> {
    return this.review.deadlines(actor);
  }

  @Put('step-deadlines/:step')
  @HttpCode(204)
  async setDeadline(
    @CurrentActor() actor: Actor,
    @Param('step', new ParseEnumPipe(ReviewStep)) step: ReviewStep,
    @Body() body: SetDeadlineRequest,
  ): Promise<void> {
    await this.review.setDeadline(actor, step, body.workingDays);
  }

  @Put(':id')
  @ApiOkResponse({ type: ApplicationResponse, description: 'Changes a draft or returned application' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApplicationRequest,
  ): Promise<ApplicationResponse> {
    return this.view(await this.drafting.update(actor, id, body));
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicationResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return this.view(await this.queries.get(actor, id));
  }

  @Get(':id/history')
  async history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.history(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationResponse> {
    return this.view(await this.drafting.submit(actor, id));
  }

  @Post(':id/field-visits')
  async fieldVisit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FieldVisitRequest,
  ) {
    return this.review.recordFieldVisit(actor, id, body);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async decide(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecisionRequest,
  ): Promise<ApplicationResponse> {
    return this.view(await this.review.decide(actor, id, body.step, body.decision, body.reason));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WithdrawRequest,
  ): Promise<ApplicationResponse> {
    return this.view(await this.drafting.withdraw(actor, id, body.reason));
  }
}
