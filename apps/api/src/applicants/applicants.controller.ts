import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApplicantQueryService, ApplicantService } from '@mla/applicants';
import type { Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApplicantPage,
  ApplicantResponse,
  ListApplicantsQuery,
  RegisterApplicantRequest,
  RegisterApplicantResponse,
  UnmaskRequest,
  UnmaskResponse,
  UpdateApplicantRequest,
} from './applicant.dto';

@ApiTags('applicants')
@ApiBearerAuth()
@Controller('applicants')
export class ApplicantsController {
  constructor(
    private readonly applicants: ApplicantService,
    private readonly queries: ApplicantQueryService,
  ) {}

  @Post()
  @ApiOkResponse({ type: RegisterApplicantResponse })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterApplicantRequest,
  ): Promise<RegisterApplicantResponse> {
    const { applicant, warnings } = await this.applicants.register(actor, body);
    return { applicant: ApplicantResponse.from(applicant), warnings };
  }

  @Get()
  @ApiOkResponse({ type: ApplicantPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListApplicantsQuery): Promise<ApplicantPage> {
    const page = await this.queries.list(
      actor,
      { regionCode: q.regionCode, category: q.category, nameContains: q.name, idNumber: q.idNumber, mobile: q.mobile },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map(ApplicantResponse.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicantResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicantResponse> {
    return ApplicantResponse.from(await this.queries.get(actor, id));
  }

  @Put(':id')
  @ApiOkResponse({ type: ApplicantResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApplicantRequest,
  ): Promise<ApplicantResponse> {
    return ApplicantResponse.from(await this.applicants.update(actor, id, body));
  }

  /** Shows one personal field in clear; needs the permission and a reason, and is audited. */
  @Post(':id/unmask')
  @HttpCode(200)
  @ApiOkResponse({ type: UnmaskResponse })
  async unmask(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UnmaskRequest,
  ): Promise<UnmaskResponse> {
    return { field: body.field, value: await this.queries.unmask(actor, id, body.field, body.reason) };
  }
}
