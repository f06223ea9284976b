import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { CallListService } from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CallListEntryResponse, CallListPage, CallListQuery } from './call-list.dto';

/** Collection 催收: who to phone today. */
@ApiTags('collections')
@ApiBearerAuth()
@Controller('collections')
export class CallListController {
  constructor(private readonly callList: CallListService) {}

  @Get('call-list')
  @ApiOperation({
    summary: 'The call list: late and due-soon loans of my scope',
    description:
      'In one request, the loans in servicing of the user’s scope (region, or her bank) that are late today or have ' +
      'an installment falling due within `dueWithinDays` days: most days late first, then the next due date ' +
      '(keyset pages). Each line has the borrower’s masked name and mobile, the bank, what is owed now (principal, ' +
      'interest and penalty of the overdue installments, penalty counted to today whether or not the nightly close ' +
      'ran), the next installment due and its amount, the days late, the last contact (kind, time, outcome, officer) ' +
      'and the last reminder that could not be delivered. Federation and bank officers.',
  })
  @ApiOkResponse({ type: CallListPage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR: a malformed filter or cursor' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read the call list' })
  async list(@CurrentActor() actor: Actor, @Query() q: CallListQuery): Promise<CallListPage> {
    const page = await this.callList.page(
      actor,
      { dueWithinDays: q.dueWithinDays, regionCode: q.regionCode, bankOrganisationId: q.bankOrganisationId },
      q.limit,
      q.cursor,
    );
    return { items: page.items.map((e) => CallListEntryResponse.from(e)), nextCursor: page.nextCursor };
  }
}
