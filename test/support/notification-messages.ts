import type { DataSource } from 'typeorm';
import { PiiCipher } from '@mla/core';
import { EnvelopeCipher, MessageKind } from '@mla/notifications';

export interface MessageBatch {
  count: number;
  applicantId: string | null;
  regionCode: string;
  phone: string;
  /** Distinguishes the keys of batches written by one suite. */
  tag: string;
}

/**
 * Writes `count` PENDING approval notices straight into the message table (no rule: no quiet hours, no cap), each
 * with its own phone hash; the envelope (phone and values) is encrypted once with the suite's key and shared.
 * For tests of sending that need many messages without building as many loans.
 */
export async function writePendingMessages(ds: DataSource, piiKey: string, batch: MessageBatch): Promise<string[]> {
  const envelope = new EnvelopeCipher(new PiiCipher(piiKey)).seal({
    phone: batch.phone,
    values: { name: '张红', bank: '测试农商行' },
  });
  const rows = (await ds.query(
    `INSERT INTO notification_messages (dedupe_key, kind, recipient_kind, channel, region_code, applicant_id,
        template_id, template_version, scheduled_date, phone_index, phone_masked, envelope_ciphertext, status, not_before)
     SELECT 'test/' || $1::text || '/' || i, $2::varchar, 'BORROWER', 'SMS', $3::varchar, $4::uuid, t.id, t.version, '2026-01-02',
            encode(sha256(($1::text || i)::bytea), 'hex'), '135****5000', $5::text, 'PENDING', '2000-01-01T00:00:00Z'
       FROM generate_series(1, $6::int) AS i, notification_templates t WHERE t.kind = $2::varchar AND t.version = 1
     RETURNING id`,
    [batch.tag, MessageKind.APPLICATION_APPROVED, batch.regionCode, batch.applicantId, envelope, batch.count],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

export async function statusCounts(ds: DataSource): Promise<Record<string, number>> {
  const rows = (await ds.query(`SELECT status, count(*)::int AS n FROM notification_messages GROUP BY status`)) as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
