import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '@mla/auth';
import type { Language } from '@mla/core';
import { DeliveryReceiptsService, NotificationConsentsService, NotificationMessagesService } from '@mla/notifications';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { RequestLanguage } from '../http/request-language.decorator';
import {
  ConsentChannelParams,
  ConsentResponse,
  MessagePage,
  MessageQuery,
  ReceiptsRequest,
  ReceiptsResponse,
  RecordConsentRequest,
  RetriedMessageResponse,
} from './notification.dto';

const UNAUTHORISED = { status: 401, description: 'Not signed in' };
const FORBIDDEN = { status: 403, description: 'PERMISSION_DENIED: the role may not do this' };

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationMessagesController {
  constructor(
    private readonly messages: NotificationMessagesService,
    private readonly consents: NotificationConsentsService,
    private readonly receipts: DeliveryReceiptsService,
  ) {}

  @Get('notifications/messages')
  @ApiOperation({
    summary: 'Messages to borrowers',
    description:
      'Reminders and notices of the caller’s region, newest first, keyset-paginated: masked name and phone, status, and why a message failed (in the language asked for). Filter by status (FAILED_PERMANENT: the failures to look at), kind or borrower.',
  })
  @ApiOkResponse({ type: MessagePage })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED; INVALID_CURSOR' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  async list(
    @CurrentActor() actor: Actor,
    @Query() q: MessageQuery,
    @RequestLanguage() language: Language,
  ): Promise<MessagePage> {
    return MessagePage.from(await this.messages.list(actor, q), language);
  }

  @Post('notifications/messages/:id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a failed message again',
    description:
      'A message that failed for good (a bad number since corrected, the gateway down too long) is queued again in a new round; its send job goes through the outbox. Audited (notification_message.retried). Loan officers and federation administrators of its region.',
  })
  @ApiResponse({ status: 202, type: RetriedMessageResponse, description: 'Queued' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'NOTIFICATION_MESSAGE_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'MESSAGE_NOT_RETRYABLE: it did not fail for good (details: status)' })
  async retry(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<RetriedMessageResponse> {
    const m = await this.messages.retry(actor, id);
    return { id: m.id, status: m.status, dispatch: m.dispatch };
  }

  @Get('applicants/:id/notification-consents')
  @ApiOperation({
    summary: 'A borrower’s consents and opt-outs',
    description:
      'Every consent or opt-out recorded for the borrower, per channel, with who recorded or withdrew it and when; newest first.',
  })
  @ApiOkResponse({ type: [ConsentResponse] })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'CONSENT_NOT_FOUND / NOT_FOUND: no such borrower in the caller’s region' })
  async listConsents(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestLanguage() language: Language,
  ): Promise<ConsentResponse[]> {
    return (await this.consents.list(actor, id)).map((c) => ConsentResponse.from(c, language));
  }

  @Post('applicants/:id/notification-consents')
  @ApiOperation({
    summary: 'Record a borrower’s consent or opt-out',
    description:
      'Records that the borrower agrees to, or asked not to receive, messages on a channel; it replaces the live one (kept as withdrawn). An opt-out stops every message not yet sent on that channel. Audited.',
  })
  @ApiCreatedResponse({ type: ConsentResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: channel, kind or reason malformed' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'CONSENT_NOT_FOUND / NOT_FOUND: no such borrower in the caller’s region' })
  async recordConsent(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RecordConsentRequest,
    @RequestLanguage() language: Language,
  ): Promise<ConsentResponse> {
    return ConsentResponse.from(await this.consents.record(actor, id, body), language);
  }

  @Delete('applicants/:id/notification-consents/:channel')
  @ApiOperation({
    summary: 'Withdraw a borrower’s consent or opt-out',
    description: 'Ends the live consent or opt-out on the channel (kept, with who withdrew it and when). Audited.',
  })
  @ApiOkResponse({ type: ConsentResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id or channel malformed' })
  @ApiResponse(UNAUTHORISED)
  @ApiResponse(FORBIDDEN)
  @ApiResponse({ status: 404, description: 'CONSENT_NOT_FOUND: nothing live on that channel' })
  async withdrawConsent(
    @CurrentActor() actor: Actor,
    @Param() p: ConsentChannelParams,
    @RequestLanguage() language: Language,
  ): Promise<ConsentResponse> {
    return ConsentResponse.from(await this.consents.withdraw(actor, p.id, p.channel), language);
  }

  @Public()
  @Post('notifications/receipts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delivery receipts from the SMS gateway',
    description:
      'The gateway reports delivery (signed like our requests: x-access-key-id, x-timestamp, x-nonce, x-signature = HMAC-SHA256 over method, path, timestamp, nonce and the body’s SHA-256). A sent message becomes DELIVERED, or fails for good (NOT_DELIVERED) for the officer to see. Idempotent.',
  })
  @ApiOkResponse({ type: ReceiptsResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: receipts malformed' })
  @ApiResponse({ status: 401, description: 'RECEIPT_SIGNATURE_INVALID: unsigned, stale or wrongly signed' })
  async receive(@Req() req: Request, @Body() body: ReceiptsRequest): Promise<ReceiptsResponse> {
    const raw = (req as Request & { rawBody?: Buffer }).rawBody?.toString('utf8') ?? '';
    const updated = await this.receipts.receive(req.headers, req.path, raw, body.receipts);
    return { updated };
  }
}
