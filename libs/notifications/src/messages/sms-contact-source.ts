import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CallListContactSources,
  ContactKind,
  ContactOutcome,
  type CallListContactSource,
  type ExternalContact,
} from '@mla/loans';
import { MessageStatus, RecipientKind } from '../notification-enums';

/** Statuses of a message that reached the gateway or failed for good: what an officer counts as a contact. */
const CONTACTED = [MessageStatus.SENT, MessageStatus.DELIVERED, MessageStatus.FAILED_PERMANENT];

interface Row {
  loan_id: string;
  status: MessageStatus;
  at: Date;
  failed: boolean;
}

/**
 * The reminders sent to borrowers as contacts on the officer's call list: per loan of a page, the latest text message
 * that went out (or failed for good), and the latest failed one when it is not the latest. One query per page.
 */
@Injectable()
export class SmsReminderContactSource implements CallListContactSource, OnModuleInit {
  readonly name = 'sms-reminders';

  constructor(private readonly sources: CallListContactSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async latestFor(
    tx: EntityManager,
    loanIds: string[],
  ): Promise<Map<string, { latest: ExternalContact; latestFailed?: ExternalContact | null }>> {
    const result = new Map<string, { latest: ExternalContact; latestFailed?: ExternalContact | null }>();
    if (loanIds.length === 0) return result;
    const rows = (await tx.query(
      `SELECT loan_id, status, at, failed FROM (
         SELECT m.loan_id::text AS loan_id, m.status, COALESCE(m.receipt_at, m.sent_at, m.updated_at) AS at,
                m.status = $3 AS failed,
                row_number() OVER (PARTITION BY m.loan_id, m.status = $3
                                   ORDER BY COALESCE(m.receipt_at, m.sent_at, m.updated_at) DESC) AS rn
           FROM notification_messages m
          WHERE m.loan_id = ANY($1::uuid[]) AND m.recipient_kind = $4 AND m.status = ANY($2::text[])) s
        WHERE rn = 1`,
      [loanIds, CONTACTED, MessageStatus.FAILED_PERMANENT, RecipientKind.BORROWER],
    )) as Row[];
    const byLoan = new Map<string, Row[]>();
    for (const r of rows) byLoan.set(r.loan_id, [...(byLoan.get(r.loan_id) ?? []), r]);
    for (const [loanId, list] of byLoan) {
      const contacts = list
        .map((r) => ({ row: r, contact: toContact(r) }))
        .sort((a, b) => b.contact.at.getTime() - a.contact.at.getTime());
      const latest = contacts[0].contact;
      const failed = contacts.find((c) => c.row.failed)?.contact ?? null;
      result.set(loanId, { latest, latestFailed: failed && failed !== latest ? failed : null });
    }
    return result;
  }
}

function toContact(r: Row): ExternalContact {
  return {
    kind: ContactKind.SMS,
    at: new Date(r.at),
    outcome: r.failed ? ContactOutcome.NOT_REACHED : ContactOutcome.REACHED,
    failed: r.failed,
  };
}
