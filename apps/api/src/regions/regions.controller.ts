import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RegionService, type Actor } from '@mla/auth';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateRegionRequest, ListRegionsQuery, RegionPage, RegionResponse } from './region.dto';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionService) {}

  @Get()
  @ApiOkResponse({ type: RegionPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListRegionsQuery): Promise<RegionPage> {
    const page = await this.regions.list(actor, q.within, q.limit, q.cursor);
    return { items: page.items.map(RegionResponse.from), nextCursor: page.nextCursor };
  }

  @Get(':code')
  @ApiOkResponse({ type: RegionResponse })
  async get(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<RegionResponse> {
    return RegionResponse.from(await this.regions.get(actor, code));
  }

  @Post()
  @ApiOkResponse({ type: RegionResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRegionRequest): Promise<RegionResponse> {
    return RegionResponse.from(await this.regions.create(actor, body));
  }
}
