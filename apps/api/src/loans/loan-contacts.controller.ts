import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { LoanContactsService } from '@mla/loans';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { LoanContactPage, LoanContactResponse, RecordContactRequest } from './loan-contact.dto';

const NOT_FOUND = "LOAN_NOT_FOUND: no such loan, or outside the user's scope";

/** Follow-up and collection 贷后回访/催收: the contacts with a borrower about her loan. */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('loans')
export class LoanContactsController {
  constructor(private readonly contacts: LoanContactsService) {}

  @Post(':id/contacts')
  @ApiOperation({
    summary: 'Record a contact with the borrower',
    description:
      'A phone call, visit or text message about the loan, with its outcome; a promise to pay carries its date and ' +
      'amount. The record is append-only (a correction is a later record) and audited (loan.contact_recorded). ' +
      'Officers of the federation and of the bank, within their scope. It shows as the last contact on the call list.',
  })
  @ApiCreatedResponse({ type: LoanContactResponse })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, INVALID_MONEY, INVALID_AMOUNT: malformed input (each field named in details)',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not record contacts' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({
    status: 422,
    description:
      'DATE_OUT_OF_RANGE: contactedAt before the signing date or after today, or promisedDate outside its window; ' +
      'CONTACT_PROMISE_WITHOUT_PROMISE: a promised date or amount with another outcome than PROMISED_TO_PAY',
  })
  async record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordContactRequest,
  ): Promise<LoanContactResponse> {
    return LoanContactResponse.from(await this.contacts.record(actor, id, body));
  }

  @Get(':id/contacts')
  @ApiOperation({
    summary: "List the loan's contacts",
    description: 'Newest first (by when they took place), keyset pages, each with the officer who recorded it.',
  })
  @ApiOkResponse({ type: LoanContactPage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR: a malformed id, limit or cursor' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read loans' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: PageQueryDto,
  ): Promise<LoanContactPage> {
    const page = await this.contacts.list(actor, id, q.limit, q.cursor);
    return { items: page.items.map((c) => LoanContactResponse.from(c)), nextCursor: page.nextCursor };
  }
}
