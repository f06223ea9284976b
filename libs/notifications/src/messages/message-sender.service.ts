import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@mla/core';
import { ReminderFactsPort } from '@mla/loans';
import { ChannelError, MessageChannel } from '../channels/channel';
import { MessageFailureCode, MessageKind, MessageStatus } from '../notification-enums';
import { nextDayOpening, quietUntil, type QuietHours } from '../rules/quiet-hours';
import { renderTemplate, smsText } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import { NotificationMessageRepository } from './message.repository';

/** Messages about an installment: not sent once it is paid. */
const REMINDER_KINDS = new Set([
  MessageKind.DUE_SOON,
  MessageKind.OVERDUE,
  MessageKind.OFFICER_DUE_SOON,
  MessageKind.OFFICER_OVERDUE,
]);

export type SendOutcome =
  'sent' | 'stale' | 'opted-out' | 'not-needed' | 'quiet-hours' | 'capped' | 'failed-permanent' | 'failed-retrying';

/** A transient failure the job should retry (BullMQ backoff); the row says FAILED_RETRYING meanwhile. */
export class RetryableSendError extends Error {
  constructor(readonly code: MessageFailureCode) {
    super(`send failed, will retry: ${code}`);
  }
}

/**
 * Sends one message in one dispatch round. The row is claimed by one guarded statement (round and status must
 * match; the phone's daily cap is taken in the same statement) before the gateway is asked, and the outcome is
 * recorded after; the message id travels as the gateway's idempotency key, so a job run again after its worker died
 * between the gateway's answer and the row's update asks again with the same key and is not delivered twice.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly messages: NotificationMessageRepository,
    private readonly envelopes: EnvelopeCipher,
    private readonly channel: MessageChannel,
    private readonly facts: ReminderFactsPort,
  ) {}

  /** `lastAttempt`: a transient failure now is permanent (the job will not run again). */
  async send(messageId: string, dispatch: number, lastAttempt: boolean): Promise<SendOutcome> {
    const tx = this.dataSource.manager;
    const message = await this.messages.loadForSend(tx, messageId);
    if (!message || message.dispatch !== dispatch) return 'stale';
    if (
      ![MessageStatus.PENDING, MessageStatus.QUEUED, MessageStatus.FAILED_RETRYING, MessageStatus.SENDING].includes(
        message.status,
      )
    ) {
      return 'stale';
    }
    if (message.optedOut) {
      await this.messages.skip(tx, messageId, dispatch, MessageStatus.SKIPPED_OPTED_OUT);
      return 'opted-out';
    }
    if (message.installmentId && REMINDER_KINDS.has(message.kind)) {
      const owed = await this.facts.stillOwed([message.installmentId], tx);
      if (!owed.has(message.installmentId)) {
        await this.messages.skip(tx, messageId, dispatch, MessageStatus.SKIPPED_NOT_NEEDED);
        return 'not-needed';
      }
    }
    const now = this.clock.now();
    const quiet: QuietHours | null =
      message.quietStart && message.quietEnd ? { start: message.quietStart, end: message.quietEnd } : null;
    const until = quietUntil(now, quiet);
    if (until) {
      await this.messages.postpone(tx, messageId, dispatch, MessageStatus.WAITING_QUIET_HOURS, until);
      return 'quiet-hours';
    }
    const claim = await this.messages.claim(
      tx,
      messageId,
      dispatch,
      message.phoneIndex,
      this.clock.today().toString(),
      message.dailyCapPerPhone,
    );
    if (claim === 'stale') return 'stale';
    if (claim === 'capped') {
      await this.messages.postpone(tx, messageId, dispatch, MessageStatus.WAITING_CAP, nextDayOpening(now, quiet));
      return 'capped';
    }
    const { phone, values } = this.envelopes.open(message.envelopeCiphertext);
    const params = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    try {
      const sent = await this.channel.send({
        messageId,
        phone,
        signName: message.signName,
        gatewayTemplateCode: message.gatewayTemplateCode,
        params,
        text: smsText(message.signName, renderTemplate(message.body, values)),
      });
      await this.messages.markSent(tx, messageId, sent.gatewayMessageId, this.clock.now());
      return 'sent';
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      if (error.permanent || lastAttempt) {
        await this.messages.markFailed(tx, messageId, MessageStatus.FAILED_PERMANENT, error.code, error.gatewayCode);
        this.logger.warn(`message ${messageId} failed for good: ${error.code}`);
        return 'failed-permanent';
      }
      await this.messages.markFailed(tx, messageId, MessageStatus.FAILED_RETRYING, error.code, error.gatewayCode);
      throw new RetryableSendError(error.code);
    }
  }
}
