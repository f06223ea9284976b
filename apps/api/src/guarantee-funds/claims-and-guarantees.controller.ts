import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Money } from '@mla/core';
import type { Actor } from '@mla/auth';
import {
  ClaimDecisionService,
  ClaimFilingService,
  ClaimQueryService,
  GuaranteeService,
  RecoveryService,
} from '@mla/guarantee-funds';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApproveClaimRequest,
  ClaimPage,
  ClaimResponse,
  FileClaimRequest,
  GuaranteePage,
  GuaranteeResponse,
  LedgerEntryResponse,
  ListClaimsQuery,
  ListGuaranteesQuery,
  RecoveryRequest,
  RecoveryResponse,
  RejectClaimRequest,
  ReviewClaimRequest,
} from './guarantee-fund.dto';

@ApiTags('guarantee-funds')
@ApiBearerAuth()
@Controller('guarantees')
export class GuaranteesController {
  constructor(private readonly guarantees: GuaranteeService) {}

  /** Guarantees in scope (bank officers: their bank's), by status, application or loan. */
  @Get()
  @ApiOkResponse({ type: GuaranteePage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListGuaranteesQuery): Promise<GuaranteePage> {
    const page = await this.guarantees.list(
      actor,
      { status: q.status, applicationId: q.applicationId, loanId: q.loanId },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((g) => GuaranteeResponse.from(g)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: GuaranteeResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<GuaranteeResponse> {
    return GuaranteeResponse.from(await this.guarantees.get(actor, id));
  }
}

@ApiTags('compensation')
@ApiBearerAuth()
@Controller('compensation-claims')
export class CompensationClaimsController {
  constructor(
    private readonly filing: ClaimFilingService,
    private readonly decisions: ClaimDecisionService,
    private readonly recoveries: RecoveryService,
    private readonly claims: ClaimQueryService,
  ) {}

  /** The bank files a claim for a guaranteed loan past the fund's trigger. */
  @Post()
  @ApiOkResponse({ type: ClaimResponse })
  async file(@CurrentActor() actor: Actor, @Body() body: FileClaimRequest): Promise<ClaimResponse> {
    return ClaimResponse.from(await this.filing.file(actor, body.loanId, body.note));
  }

  @Get()
  @ApiOkResponse({ type: ClaimPage })
  async list(@CurrentActor() actor: Actor, @Query() q: ListClaimsQuery): Promise<ClaimPage> {
    const page = await this.claims.list(
      actor,
      { status: q.status, fundId: q.fundId, loanId: q.loanId },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((c) => ClaimResponse.from(c)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ClaimResponse })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimResponse> {
    return ClaimResponse.from(await this.claims.get(actor, id));
  }

  /** First guarantee operator: checked and recommended. */
  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimResponse })
  async review(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewClaimRequest,
  ): Promise<ClaimResponse> {
    return ClaimResponse.from(await this.decisions.review(actor, id, body.note));
  }

  /** Second guarantee operator: approved and paid (the fund's share), the loan becomes COMPENSATED. */
  @Post(':id/approval')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimResponse })
  async approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveClaimRequest,
  ): Promise<ClaimResponse> {
    return ClaimResponse.from(await this.decisions.approve(actor, id, body));
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimResponse })
  async reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectClaimRequest,
  ): Promise<ClaimResponse> {
    return ClaimResponse.from(await this.decisions.reject(actor, id, body.reason));
  }

  /** 追偿: money recovered from the borrower; the fund books its share. The same reference twice books once. */
  @Post(':id/recoveries')
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryResponse })
  async recover(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecoveryRequest,
  ): Promise<RecoveryResponse> {
    const { entry, duplicate, recoveredFen } = await this.recoveries.recordRecovery(actor, id, body);
    return {
      entry: LedgerEntryResponse.from(entry),
      duplicate,
      recoveredYuan: Money.ofFen(recoveredFen).toYuanString(),
    };
  }
}
