import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DISPATCHABLE_STATUSES,
  MessageStatus,
  SENDABLE_STATUSES,
  type MessageFailureCode,
  type MessageKind,
  type NotificationChannel,
  type RecipientKind,
} from '../notification-enums';

/** A message row to write (ids, figures and the encrypted envelope only). */
export interface NewMessage {
  dedupeKey: string;
  kind: MessageKind;
  recipientKind: RecipientKind;
  channel: NotificationChannel;
  regionCode: string;
  loanId: string | null;
  installmentId: string | null;
  applicantId: string | null;
  recipientUserId: string | null;
  claimLineId: string | null;
  ruleId: string | null;
  ruleVersion: number | null;
  templateId: string;
  templateVersion: number;
  scheduledDate: string;
  offsetDays: number | null;
  dueDate: string | null;
  amountFen: bigint | null;
  phoneIndex: string;
  phoneMasked: string;
  envelopeCiphertext: string;
  notBefore: Date;
}

/** What a send job reads: the message, its rule's quiet hours and cap, its template, the borrower's opt-out. */
export interface MessageToSend {
  id: string;
  kind: MessageKind;
  status: MessageStatus;
  dispatch: number;
  channel: NotificationChannel;
  installmentId: string | null;
  phoneIndex: string;
  envelopeCiphertext: string;
  sentOn: string | null;
  quietStart: string | null;
  quietEnd: string | null;
  dailyCapPerPhone: number | null;
  body: string;
  signName: string;
  gatewayTemplateCode: string;
  optedOut: boolean;
}

/** One message to claim in a batch (a batch names each phone once). */
export interface ClaimRequest {
  id: string;
  dispatch: number;
  phoneIndex: string;
  cap: number | null;
}

/** A gateway's acceptance to record. */
export interface SentRecord {
  id: string;
  gatewayMessageId: string;
  at: Date;
}

export interface DispatchRow {
  id: string;
  dispatch: number;
}

const INSERT_CHUNK = 5000;

/** The message table: set-based writes for the selection, guarded single-row transitions for the send job. */
@Injectable()
export class NotificationMessageRepository {
  /** Writes the rows whose key is new (ON CONFLICT DO NOTHING); returns how many were written. */
  async insertNew(tx: EntityManager, rows: NewMessage[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const col = <K extends keyof NewMessage>(k: K) => chunk.map((r) => r[k]);
      const result = (await tx.query(
        `INSERT INTO notification_messages (dedupe_key, kind, recipient_kind, channel, region_code, loan_id,
            installment_id, applicant_id, recipient_user_id, claim_line_id, rule_id, rule_version, template_id,
            template_version, scheduled_date, offset_days, due_date, amount_fen, phone_index, phone_masked,
            envelope_ciphertext, not_before, status)
         SELECT *, 'PENDING' FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
            $6::uuid[], $7::bigint[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::int[], $13::uuid[],
            $14::int[], $15::date[], $16::int[], $17::date[], $18::bigint[], $19::char(64)[], $20::varchar[],
            $21::text[], $22::timestamptz[])
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1`,
        [
          col('dedupeKey'),
          col('kind'),
          col('recipientKind'),
          col('channel'),
          col('regionCode'),
          col('loanId'),
          col('installmentId'),
          col('applicantId'),
          col('recipientUserId'),
          col('claimLineId'),
          col('ruleId'),
          col('ruleVersion'),
          col('templateId'),
          col('templateVersion'),
          col('scheduledDate'),
          col('offsetDays'),
          col('dueDate'),
          chunk.map((r) => (r.amountFen === null ? null : r.amountFen.toString())),
          col('phoneIndex'),
          col('phoneMasked'),
          col('envelopeCiphertext'),
          chunk.map((r) => r.notBefore.toISOString()),
        ],
      )) as unknown[];
      written += result.length;
    }
    return written;
  }

  /**
   * Messages sending or waiting for a retry with no change since `before`: their job is gone. Each goes back to
   * PENDING in a new round (a job of the old round, should one still run, finds it stale). Returns how many.
   */
  async requeueStuck(tx: EntityManager, before: Date, notBefore: Date): Promise<number> {
    const [, count] = (await tx.query(
      `WITH locked AS (
         SELECT id FROM notification_messages
          WHERE status IN ('SENDING', 'FAILED_RETRYING') AND updated_at < $1 ORDER BY id FOR UPDATE SKIP LOCKED)
       UPDATE notification_messages m
          SET status = 'PENDING', dispatch = m.dispatch + 1, not_before = $2, updated_at = now()
         FROM locked WHERE m.id = locked.id`,
      [before.toISOString(), notBefore.toISOString()],
    )) as [unknown, number];
    return count;
  }

  /** Messages waiting for a send job whose time has come, oldest first. */
  async dispatchable(tx: EntityManager, now: Date, limit: number): Promise<DispatchRow[]> {
    return (await tx.query(
      `SELECT id, dispatch FROM notification_messages
        WHERE status = ANY($1::varchar[]) AND not_before <= $2 ORDER BY not_before, id LIMIT $3`,
      [DISPATCHABLE_STATUSES, now.toISOString(), limit],
    )) as DispatchRow[];
  }

  /** Marks queued the rows still waiting in the same round (a send that already ran keeps its own status). */
  async markQueued(tx: EntityManager, rows: DispatchRow[]): Promise<void> {
    await this.setStatusInRound(tx, rows, MessageStatus.QUEUED, DISPATCHABLE_STATUSES);
  }

  /**
   * Sets the status of the rows still in their round and in one of `from`. Rows are locked in id order, as every
   * statement here that changes several rows does, so that two of them (the dispatcher's and a worker's claim) never
   * wait on each other in a cycle.
   */
  private async setStatusInRound(
    tx: EntityManager,
    rows: DispatchRow[],
    status: MessageStatus,
    from: readonly MessageStatus[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `WITH locked AS (
         SELECT m.id FROM notification_messages m JOIN unnest($1::uuid[], $2::int[]) AS q(id, dispatch)
             ON m.id = q.id AND m.dispatch = q.dispatch
          WHERE m.status = ANY($4::varchar[]) ORDER BY m.id FOR UPDATE OF m)
       UPDATE notification_messages m SET status = $3, updated_at = now() FROM locked WHERE m.id = locked.id`,
      [rows.map((r) => r.id), rows.map((r) => r.dispatch), status, from],
    );
  }

  /** The messages of these ids that exist (in no particular order). */
  async loadManyForSend(tx: EntityManager, ids: string[]): Promise<MessageToSend[]> {
    if (ids.length === 0) return [];
    return (await tx.query(
      `SELECT m.id, m.kind, m.status, m.dispatch, m.channel, m.installment_id::text AS "installmentId",
              m.phone_index AS "phoneIndex", m.envelope_ciphertext AS "envelopeCiphertext", m.sent_on AS "sentOn",
              r.quiet_start AS "quietStart", r.quiet_end AS "quietEnd", r.daily_cap_per_phone AS "dailyCapPerPhone",
              t.body, t.sign_name AS "signName", t.gateway_template_code AS "gatewayTemplateCode",
              m.recipient_kind = 'BORROWER' AND EXISTS (SELECT 1 FROM notification_consents c
                       WHERE c.applicant_id = m.applicant_id AND c.channel = m.channel
                         AND c.withdrawn_at IS NULL AND c.kind = 'OPT_OUT') AS "optedOut"
         FROM notification_messages m
         JOIN notification_templates t ON t.id = m.template_id
         LEFT JOIN notification_rules r ON r.id = m.rule_id
        WHERE m.id = ANY($1::uuid[])`,
      [ids],
    )) as MessageToSend[];
  }

  /**
   * Claims messages for sending in one statement: each round must match and each status allow it; a message not yet
   * counted against today's cap takes one of its phone's sends for the day (none left: not claimed, 'capped'). Each
   * phone at most once in `requests` (two claims of one phone's day in one statement would update its row twice).
   * Returns each id's outcome: 'claimed', 'capped' or 'stale'.
   */
  async claimMany(
    tx: EntityManager,
    requests: ClaimRequest[],
    today: string,
  ): Promise<Map<string, 'claimed' | 'capped' | 'stale'>> {
    const outcomes = new Map<string, 'claimed' | 'capped' | 'stale'>(requests.map((r) => [r.id, 'stale']));
    if (requests.length === 0) return outcomes;
    if (new Set(requests.map((r) => r.phoneIndex)).size !== requests.length) {
      throw new RangeError('a claiming batch names a phone twice');
    }
    const rows = (await tx.query(
      `WITH q AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::char(64)[], $4::int[]) AS q(id, dispatch, phone_index, cap)),
       m AS (
         SELECT n.id, n.sent_on, q.phone_index FROM notification_messages n JOIN q ON q.id = n.id AND q.dispatch = n.dispatch
          WHERE n.status = ANY($5::varchar[]) ORDER BY n.id FOR UPDATE OF n),
       cap AS (
         INSERT INTO notification_phone_days AS d (phone_index, business_date, sent)
         SELECT m.phone_index, $6::date, 1 FROM m WHERE m.sent_on IS DISTINCT FROM $6::date ORDER BY m.phone_index
         ON CONFLICT (phone_index, business_date) DO UPDATE SET sent = d.sent + 1
          WHERE d.sent < (SELECT q.cap FROM q WHERE q.phone_index = d.phone_index)
         RETURNING d.phone_index),
       claimed AS (
         UPDATE notification_messages n
            SET status = 'SENDING', attempts = n.attempts + 1, sent_on = $6::date, updated_at = now()
           FROM m
          WHERE n.id = m.id
            AND (m.sent_on IS NOT DISTINCT FROM $6::date OR m.phone_index IN (SELECT phone_index FROM cap))
         RETURNING n.id)
       SELECT m.id::text AS id, EXISTS (SELECT 1 FROM claimed c WHERE c.id = m.id) AS claimed FROM m`,
      [
        requests.map((r) => r.id),
        requests.map((r) => r.dispatch),
        requests.map((r) => r.phoneIndex),
        requests.map((r) => r.cap ?? 2_147_483_647),
        SENDABLE_STATUSES,
        today,
      ],
    )) as { id: string; claimed: boolean }[];
    for (const row of rows) outcomes.set(row.id, row.claimed ? 'claimed' : 'capped');
    return outcomes;
  }

  /** Holds messages until their own instant in a new round (the dispatcher queues them then). */
  async postponeMany(
    tx: EntityManager,
    rows: { id: string; dispatch: number; notBefore: Date }[],
    status: MessageStatus.WAITING_QUIET_HOURS | MessageStatus.WAITING_CAP,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `WITH locked AS (
         SELECT m.id, q.not_before FROM notification_messages m
           JOIN unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS q(id, dispatch, not_before)
             ON m.id = q.id AND m.dispatch = q.dispatch
          WHERE m.status = ANY($5::varchar[]) ORDER BY m.id FOR UPDATE OF m)
       UPDATE notification_messages m SET status = $4, not_before = locked.not_before, dispatch = m.dispatch + 1,
              updated_at = now()
         FROM locked WHERE m.id = locked.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.dispatch),
        rows.map((r) => r.notBefore.toISOString()),
        status,
        SENDABLE_STATUSES,
      ],
    );
  }

  /** Sends no longer needed (opted out, paid): recorded, never sent. */
  async skipMany(
    tx: EntityManager,
    rows: DispatchRow[],
    status: MessageStatus.SKIPPED_OPTED_OUT | MessageStatus.SKIPPED_NOT_NEEDED,
  ): Promise<void> {
    await this.setStatusInRound(tx, rows, status, SENDABLE_STATUSES);
  }

  /** The gateway accepted these messages. */
  async markSentMany(tx: EntityManager, rows: SentRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `WITH locked AS (
         SELECT m.id, q.gateway_message_id, q.sent_at FROM notification_messages m
           JOIN unnest($1::uuid[], $2::varchar[], $3::timestamptz[]) AS q(id, gateway_message_id, sent_at) ON m.id = q.id
          WHERE m.status = 'SENDING' ORDER BY m.id FOR UPDATE OF m)
       UPDATE notification_messages m
          SET status = 'SENT', gateway_message_id = locked.gateway_message_id, sent_at = locked.sent_at,
              last_error_code = NULL, last_gateway_code = NULL, updated_at = now()
         FROM locked WHERE m.id = locked.id`,
      [rows.map((r) => r.id), rows.map((r) => r.gatewayMessageId), rows.map((r) => r.at.toISOString())],
    );
  }

  async markFailed(
    tx: EntityManager,
    id: string,
    status: MessageStatus.FAILED_RETRYING | MessageStatus.FAILED_PERMANENT,
    code: MessageFailureCode,
    gatewayCode: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE notification_messages SET status = $2, last_error_code = $3, last_gateway_code = $4, updated_at = now()
        WHERE id = $1 AND status = 'SENDING'`,
      [id, status, code, gatewayCode],
    );
  }

  /** A delivery receipt: by our id (the gateway's outId) or the gateway's; only a sent message changes. */
  async recordReceipt(
    tx: EntityManager,
    key: { messageId?: string; gatewayMessageId?: string },
    delivered: boolean,
    receiptStatus: string,
    at: Date,
    failure: MessageFailureCode | null,
  ): Promise<{ id: string; regionCode: string } | null> {
    const rows = (await tx.query(
      `UPDATE notification_messages
          SET status = CASE WHEN $3 THEN 'DELIVERED' ELSE 'FAILED_PERMANENT' END, receipt_status = $4, receipt_at = $5,
              last_error_code = COALESCE($6, last_error_code), updated_at = now()
        WHERE ($1::uuid IS NOT NULL AND id = $1::uuid OR $1::uuid IS NULL AND gateway_message_id = $2)
          AND status IN ('SENT', 'DELIVERED')
        RETURNING id, region_code AS "regionCode"`,
      [key.messageId ?? null, key.gatewayMessageId ?? null, delivered, receiptStatus, at.toISOString(), failure],
    )) as [{ id: string; regionCode: string }[], number];
    return rows[0][0] ?? null;
  }
}
