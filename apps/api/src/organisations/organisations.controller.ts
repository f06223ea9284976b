import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrganisationService, type Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateOrganisationRequest,
  ListOrganisationsQuery,
  OrganisationPage,
  OrganisationResponse,
  UpdateOrganisationRequest,
} from './organisation.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  @Get()
  @ApiOkResponse({ type: OrganisationPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListOrganisationsQuery): Promise<OrganisationPage> {
    const page = await this.organisations.list(
      actor,
      { kind: q.kind, regionCode: q.regionCode, status: q.status },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map(OrganisationResponse.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationResponse> {
    return OrganisationResponse.from(await this.organisations.get(actor, id));
  }

  @Post()
  @ApiOkResponse({ type: OrganisationResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateOrganisationRequest): Promise<OrganisationResponse> {
    return OrganisationResponse.from(await this.organisations.create(actor, body));
  }

  @Patch(':id')
  @ApiOkResponse({ type: OrganisationResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganisationRequest,
  ): Promise<OrganisationResponse> {
    return OrganisationResponse.from(await this.organisations.update(actor, id, body));
  }
}
