import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { SubsidyBudgetService } from '@mla/subsidies';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  BookBudgetEntryRequest,
  BudgetEntryPage,
  BudgetEntryResponse,
  BudgetYearQuery,
  ListBudgetEntriesQuery,
  ReverseBudgetEntryRequest,
  YearBalancesResponse,
} from './subsidy-budget.dto';

const UNAUTHENTICATED = { status: 401, description: 'Not signed in' } as const;
const OUT_OF_SCOPE =
  'REGION_OUTSIDE_SCOPE: regionCode is outside your jurisdiction; INVALID_FISCAL_YEAR, INVALID_FUNDING_LEVEL';

/** The finance bureau's yearly subsidy budgets 贴息预算, one per funding level: bookings, entries, balances. */
@ApiTags('subsidy-budgets')
@ApiBearerAuth()
@Controller('subsidy-budgets')
export class SubsidyBudgetsController {
  constructor(private readonly budgets: SubsidyBudgetService) {}

  @Post('entries')
  @ApiOperation({
    summary: 'Book a yearly allocation or a top-up',
    description:
      'Books the yearly subsidy budget of one funding level (ALLOCATION, once per region, year and level) or an ' +
      'addition to it (TOP_UP) as a new ledger entry; the budget is created with its first booking. Approved claim ' +
      'lines reserve from it, and no approval can take more than is available. Nothing is ever changed: a wrong ' +
      'booking is reversed. Audited (subsidy_budget.entry_allocation / entry_top_up). Finance bureau only.',
  })
  @ApiCreatedResponse({ type: BudgetEntryResponse, description: 'The entry booked' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED: a field missing or malformed; INVALID_AMOUNT: not above zero; INVALID_BUDGET_KIND; ' +
      'INVALID_REGION_CODE',
  })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only the finance bureau books subsidy budgets' })
  @ApiResponse({
    status: 409,
    description: 'ALLOCATION_EXISTS: this level’s budget of the year is already allocated; book a TOP_UP instead',
  })
  @ApiResponse({
    status: 422,
    description: `${OUT_OF_SCOPE}; DATE_OUT_OF_RANGE: valueDate after today or before the earliest business date`,
  })
  async book(@CurrentActor() actor: Actor, @Body() body: BookBudgetEntryRequest): Promise<BudgetEntryResponse> {
    return BudgetEntryResponse.from(await this.budgets.book(actor, body));
  }

  @Get('entries')
  @ApiOperation({
    summary: 'List budget ledger entries',
    description:
      'The entries of a region’s subsidy budgets of a fiscal year (one funding level, or all four), newest first: ' +
      'allocations, top-ups, commitments of approved claim lines, releases, payouts and reversals, with amounts in ' +
      'yuan (signed on their account) and who booked each. Finance bureau and auditors, within their jurisdiction.',
  })
  @ApiOkResponse({ type: BudgetEntryPage, description: 'A page of entries; pass nextCursor back as cursor' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: fiscalYear missing, limit out of range; INVALID_CURSOR',
  })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy budgets' })
  @ApiResponse({ status: 422, description: OUT_OF_SCOPE })
  async entries(@CurrentActor() actor: Actor, @Query() q: ListBudgetEntriesQuery): Promise<BudgetEntryPage> {
    const page = await this.budgets.entries(
      actor,
      { regionCode: q.regionCode, fiscalYear: q.fiscalYear, fundingLevel: q.fundingLevel },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((e) => BudgetEntryResponse.from(e)), nextCursor: page.nextCursor };
  }

  @Post('entries/:entryId/reversal')
  @ApiOperation({
    summary: 'Reverse an allocation or a top-up',
    description:
      'Books the exact opposite of an allocation or top-up entry (a REVERSAL pointing at it), e.g. after a wrong ' +
      'budget notice; only while what is available covers it, so approved lines stay funded. Commitments, releases ' +
      'and payouts follow from claims and are undone there. Each entry is reversed at most once. Audited ' +
      '(subsidy_budget.entry_reversal). Finance bureau only.',
  })
  @ApiCreatedResponse({ type: BudgetEntryResponse, description: 'The reversing entry' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED / REASON_REQUIRED: reason missing' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only the finance bureau reverses budget entries' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such entry, or not in your jurisdiction' })
  @ApiResponse({
    status: 409,
    description: 'ALREADY_REVERSED; NOT_REVERSIBLE: the entry is a commitment, release, payout or reversal',
  })
  @ApiResponse({
    status: 422,
    description:
      'BUDGET_EXCEEDED: less is available than the entry (details: fundingLevel, fiscalYear, availableYuan, requestedYuan)',
  })
  async reverse(
    @CurrentActor() actor: Actor,
    @Param('entryId') entryId: string,
    @Body() body: ReverseBudgetEntryRequest,
  ): Promise<BudgetEntryResponse> {
    return BudgetEntryResponse.from(await this.budgets.reverse(actor, entryId, body.reason));
  }

  @Get('balances')
  @ApiOperation({
    summary: 'Read the balances of a year per funding level',
    description:
      'For each funding level (central, provincial, city, county) of a region’s fiscal year, in yuan: allocated, ' +
      'topped up, committed by approved claim lines, released, paid, available (allocated + topped up − committed + ' +
      'released) and outstanding (committed − released − paid). A level with nothing booked reads 0.00 with ' +
      'exists false. Finance bureau and auditors, within their jurisdiction.',
  })
  @ApiOkResponse({ type: YearBalancesResponse, description: 'The four levels’ figures' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: fiscalYear missing or out of range' })
  @ApiResponse(UNAUTHENTICATED)
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read subsidy budgets' })
  @ApiResponse({ status: 422, description: OUT_OF_SCOPE })
  async balances(@CurrentActor() actor: Actor, @Query() q: BudgetYearQuery): Promise<YearBalancesResponse> {
    return YearBalancesResponse.from(await this.budgets.balances(actor, q.regionCode, q.fiscalYear));
  }
}
