import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { LocalDate } from '@mla/core';
import { LprService } from '@mla/loan-policies';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateLprRateRequest, ListLprRatesQuery, LprInForceQuery } from './lpr-rate.request.dto';
import { LprRatePage, LprRateResponse } from './lpr-rate.response.dto';

@ApiTags('lpr-rates')
@ApiBearerAuth()
@Controller('lpr-rates')
export class LprRatesController {
  constructor(private readonly lpr: LprService) {}

  @Get()
  @ApiOkResponse({ type: LprRatePage, description: 'Newest first' })
  async list(@CurrentActor() actor: Actor, @Query() q: ListLprRatesQuery): Promise<LprRatePage> {
    const page = await this.lpr.list(actor, q.limit, q.cursor);
    return { items: page.items.map(LprRateResponse.from), nextCursor: page.nextCursor };
  }

  @Get('in-force')
  @ApiOkResponse({ type: LprRateResponse, description: 'The publication in force on the date' })
  async inForce(@CurrentActor() actor: Actor, @Query() q: LprInForceQuery): Promise<LprRateResponse> {
    return LprRateResponse.from(await this.lpr.inForceOn(actor, LocalDate.parse(q.date)));
  }

  @Post()
  @ApiCreatedResponse({ type: LprRateResponse })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateLprRateRequest): Promise<LprRateResponse> {
    return LprRateResponse.from(
      await this.lpr.add(actor, {
        effectiveDate: body.effectiveDate,
        oneYearPercent: body.oneYearPercent,
        fiveYearPercent: body.fiveYearPercent ?? null,
      }),
    );
  }
}
