import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { Clock, Coalescer } from '@mla/core';
import { ReminderFactsPort } from '@mla/loans';
import { ChannelError, MessageChannel } from '../channels/channel';
import { MessageFailureCode, MessageKind, MessageStatus, SENDABLE_STATUSES } from '../notification-enums';
import { nextDayOpening, quietUntil, type QuietHours } from '../rules/quiet-hours';
import { renderTemplate, smsText } from '../templates/render';
import { EnvelopeCipher } from './envelope';
import {
  NotificationMessageRepository,
  type ClaimRequest,
  type DispatchRow,
  type MessageToSend,
  type SentRecord,
} from './message.repository';

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

/** What the claiming batch answers for one message: claimed (send it now) or why not. */
type Prepared =
  | { outcome: 'claimed'; message: MessageToSend }
  | { outcome: Exclude<SendOutcome, 'sent' | 'failed-permanent' | 'failed-retrying'> };

/**
 * Sends one message in one dispatch round. The row is claimed by a guarded statement (round and status must match;
 * the phone's daily cap is taken in the same statement) before the gateway is asked, and the outcome is recorded
 * after; the message id travels as the gateway's idempotency key, so a job run again after its worker died between
 * the gateway's answer and the row's update asks again with the same key and is not delivered twice.
 *
 * A worker runs many send jobs at once: the claims of the jobs that arrive together are made in one batch (one load,
 * one check that the installments are still owed, one claiming statement, NOTIFY_SEND_BATCH at most), and so are
 * the acceptances they record, while each job still makes its own gateway call and finishes only when its row says
 * what happened.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);
  private readonly claims: Coalescer<DispatchRow, Prepared>;
  private readonly acceptances: Coalescer<SentRecord, void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly messages: NotificationMessageRepository,
    private readonly envelopes: EnvelopeCipher,
    private readonly channel: MessageChannel,
    private readonly facts: ReminderFactsPort,
    config: AppConfig,
  ) {
    const batch = config.env.NOTIFY_SEND_BATCH;
    this.claims = new Coalescer((rows) => this.prepareBatch(rows), batch);
    this.acceptances = new Coalescer<SentRecord, void>(async (rows) => {
      await this.messages.markSentMany(this.dataSource.manager, rows);
      return rows.map(() => undefined);
    }, batch);
  }

  /** `lastAttempt`: a transient failure now is permanent (the job will not run again). */
  async send(messageId: string, dispatch: number, lastAttempt: boolean): Promise<SendOutcome> {
    const prepared = await this.claims.run({ id: messageId, dispatch });
    if (prepared.outcome !== 'claimed') return prepared.outcome;
    const { message } = prepared;
    const { phone, values } = this.envelopes.open(message.envelopeCiphertext);
    const params = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    let gatewayMessageId: string;
    try {
      ({ gatewayMessageId } = await this.channel.send({
        messageId,
        phone,
        signName: message.signName,
        gatewayTemplateCode: message.gatewayTemplateCode,
        params,
        text: smsText(message.signName, renderTemplate(message.body, values)),
      }));
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      const tx = this.dataSource.manager;
      if (error.permanent || lastAttempt) {
        await this.messages.markFailed(tx, messageId, MessageStatus.FAILED_PERMANENT, error.code, error.gatewayCode);
        this.logger.warn(`message ${messageId} failed for good: ${error.code}`);
        return 'failed-permanent';
      }
      await this.messages.markFailed(tx, messageId, MessageStatus.FAILED_RETRYING, error.code, error.gatewayCode);
      throw new RetryableSendError(error.code);
    }
    await this.acceptances.run({ id: messageId, gatewayMessageId, at: this.clock.now() });
    return 'sent';
  }

  /**
   * Decides for a batch of (message, round): stale, opted out, no longer owed, waiting for the quiet hours or the
   * daily cap, or claimed; the rows of each outcome are written in one statement.
   */
  private async prepareBatch(requests: DispatchRow[]): Promise<Prepared[]> {
    const tx = this.dataSource.manager;
    const loaded = new Map(
      (
        await this.messages.loadManyForSend(
          tx,
          requests.map((r) => r.id),
        )
      ).map((m) => [m.id, m]),
    );
    const outcomes: Prepared[] = requests.map(() => ({ outcome: 'stale' }));
    const seen = new Set<string>();
    // The live requests by index: a repeated id in one batch is stale after its first.
    const live: number[] = [];
    requests.forEach((r, i) => {
      const m = loaded.get(r.id);
      if (seen.has(r.id) || !m || m.dispatch !== r.dispatch || !SENDABLE_STATUSES.includes(m.status)) return;
      seen.add(r.id);
      live.push(i);
    });
    const messageAt = (i: number) => loaded.get(requests[i].id) as MessageToSend;

    const optedOut = live.filter((i) => messageAt(i).optedOut);
    const reminders = live.filter(
      (i) => !messageAt(i).optedOut && messageAt(i).installmentId && REMINDER_KINDS.has(messageAt(i).kind),
    );
    const owed = await this.facts.stillOwed(
      reminders.map((i) => messageAt(i).installmentId as string),
      tx,
    );
    const notNeeded = reminders.filter((i) => !owed.has(messageAt(i).installmentId as string));
    await this.messages.skipMany(
      tx,
      optedOut.map((i) => requests[i]),
      MessageStatus.SKIPPED_OPTED_OUT,
    );
    await this.messages.skipMany(
      tx,
      notNeeded.map((i) => requests[i]),
      MessageStatus.SKIPPED_NOT_NEEDED,
    );
    for (const i of optedOut) outcomes[i] = { outcome: 'opted-out' };
    for (const i of notNeeded) outcomes[i] = { outcome: 'not-needed' };

    const now = this.clock.now();
    const quietOf = (m: MessageToSend): QuietHours | null =>
      m.quietStart && m.quietEnd ? { start: m.quietStart, end: m.quietEnd } : null;
    // Messages share a rule's quiet hours: each window is worked out once a batch.
    const untilByWindow = new Map<string, Date | null>();
    const quietUntilOf = (m: MessageToSend): Date | null => {
      const key = `${m.quietStart ?? ''}-${m.quietEnd ?? ''}`;
      if (!untilByWindow.has(key)) untilByWindow.set(key, quietUntil(now, quietOf(m)));
      return untilByWindow.get(key) ?? null;
    };
    const decided = new Set([...optedOut, ...notNeeded]);
    const waiting = live.filter((i) => !decided.has(i) && quietUntilOf(messageAt(i)) !== null);
    await this.messages.postponeMany(
      tx,
      waiting.map((i) => ({ ...requests[i], notBefore: quietUntilOf(messageAt(i)) as Date })),
      MessageStatus.WAITING_QUIET_HOURS,
    );
    for (const i of waiting) outcomes[i] = { outcome: 'quiet-hours' };

    const toClaim = live.filter((i) => !decided.has(i) && !waiting.includes(i));
    const capped: number[] = [];
    const today = this.clock.today().toString();
    // One claiming statement per round of distinct phones (a phone's second message in a batch waits a round).
    for (let rest = toClaim; rest.length > 0;) {
      const phones = new Set<string>();
      const round: number[] = [];
      const next: number[] = [];
      for (const i of rest) {
        const phone = messageAt(i).phoneIndex;
        (phones.has(phone) ? next : round).push(i);
        phones.add(phone);
      }
      const claimed = await this.messages.claimMany(
        tx,
        round.map((i): ClaimRequest => ({
          ...requests[i],
          phoneIndex: messageAt(i).phoneIndex,
          cap: messageAt(i).dailyCapPerPhone,
        })),
        today,
      );
      for (const i of round) {
        const outcome = claimed.get(requests[i].id);
        if (outcome === 'claimed') outcomes[i] = { outcome: 'claimed', message: messageAt(i) };
        else if (outcome === 'capped') capped.push(i);
      }
      rest = next;
    }
    await this.messages.postponeMany(
      tx,
      capped.map((i) => ({ ...requests[i], notBefore: nextDayOpening(now, quietOf(messageAt(i))) })),
      MessageStatus.WAITING_CAP,
    );
    for (const i of capped) outcomes[i] = { outcome: 'capped' };
    return outcomes;
  }
}
