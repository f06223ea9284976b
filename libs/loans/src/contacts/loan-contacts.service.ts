import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  assertDateWithin,
  BadInputError,
  businessDateOf,
  Clock,
  CommonErrorCode,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  Money,
  RuleViolationError,
  toPage,
  type Page,
} from '@mla/core';
import { LoanErrorCode } from '../errors';
import { LoanAccess } from '../contracts/loan-access';
import { ContactKind, ContactOutcome } from './contact-enums';
import type { LoanContact } from './loan-contact.entity';
import { LoanContactRepository, type ContactKey } from './loan-contact.repository';

export interface RecordContactInput {
  kind: ContactKind;
  outcome: ContactOutcome;
  /** ISO 8601 instant; default: now. */
  contactedAt?: string | null;
  /** PROMISED_TO_PAY only. */
  promisedDate?: string | null;
  promisedAmountYuan?: string | null;
  note?: string | null;
}

const KINDS = new Set<string>(Object.values(ContactKind));
const OUTCOMES = new Set<string>(Object.values(ContactOutcome));
const NOTE_MAX = 500;

/**
 * The record of contacts with a borrower about her loan (calls, visits, text messages): appended by the officers who
 * follow the loan up, read by everyone who may see the loan. Audited; never edited.
 */
@Injectable()
export class LoanContactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: LoanContactRepository,
    private readonly loanAccess: LoanAccess,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, loanId: string, input: RecordContactInput): Promise<LoanContact> {
    this.access.assertCan(actor, Permission.LOAN_CONTACT_RECORD);
    if (!KINDS.has(input.kind)) throw badValue('kind', input.kind);
    if (!OUTCOMES.has(input.outcome)) throw badValue('outcome', input.outcome);
    const now = this.clock.now();
    const contactedAt = input.contactedAt ? parseInstant('contactedAt', input.contactedAt) : now;
    const note = input.note?.trim() || null;
    if (note !== null && note.length > NOTE_MAX) {
      throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, `note may hold at most ${NOTE_MAX} characters`, {
        field: 'note',
      });
    }
    const promisedAmount = input.promisedAmountYuan ? Money.ofYuan(input.promisedAmountYuan) : null;
    if (promisedAmount && !promisedAmount.isPositive()) {
      throw new BadInputError(LoanErrorCode.INVALID_AMOUNT, 'promisedAmountYuan must be more than zero', {
        field: 'promisedAmountYuan',
      });
    }
    if ((input.promisedDate || promisedAmount) && input.outcome !== ContactOutcome.PROMISED_TO_PAY) {
      throw new RuleViolationError(
        LoanErrorCode.CONTACT_PROMISE_WITHOUT_PROMISE,
        'A promised date or amount goes with the outcome PROMISED_TO_PAY only',
        { field: input.promisedDate ? 'promisedDate' : 'promisedAmountYuan', outcome: input.outcome },
      );
    }
    return this.dataSource.transaction(async (tx) => {
      const loan = await this.loanAccess.lockVisible(tx, actor, loanId);
      const contactedOn = assertDateWithin('contactedAt', businessDateOf(contactedAt), {
        min: loan.signingDate,
        max: this.clock.today(),
        minReason: 'the signing date',
        maxReason: 'today',
      });
      const promisedDate = input.promisedDate
        ? assertDateWithin('promisedDate', input.promisedDate, {
            min: contactedOn,
            max: contactedOn.plusDays(this.config.env.CONTACT_PROMISE_MAX_DAYS),
            minReason: 'the day of the contact',
            maxReason: 'CONTACT_PROMISE_MAX_DAYS after the contact',
          }).toString()
        : null;
      const contact = await this.contacts.insert(tx, {
        loanId: loan.id,
        kind: input.kind,
        outcome: input.outcome,
        // A few seconds ahead of the server (the officer's device clock) is taken as now.
        contactedAt: contactedAt > now ? now : contactedAt,
        promisedDate,
        promisedAmountFen: promisedAmount?.fen ?? null,
        note,
        officerUserId: actor.userId,
        officerName: actor.displayName,
        recordedAt: now,
      });
      await this.audit.record(tx, {
        action: 'loan.contact_recorded',
        entityType: 'loan',
        entityId: loan.id,
        after: {
          contactId: contact.id,
          kind: contact.kind,
          outcome: contact.outcome,
          contactedAt: contact.contactedAt.toISOString(),
          promisedDate,
          promisedAmountFen: contact.promisedAmountFen?.toString() ?? null,
          note,
        },
      });
      return contact;
    });
  }

  /** The loan's contacts, newest first (keyset pages); 404 when the actor may not see the loan. */
  async list(actor: Actor, loanId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<LoanContact>> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    await this.loanAccess.readVisible(actor, loanId);
    const after = cursor ? contactCursor(cursor) : undefined;
    const rows = await this.contacts.ofLoan(this.dataSource.manager, loanId, limit + 1, after);
    return toPage(rows, limit, (c) => ({ at: c.contactedAt.toISOString(), id: c.id }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor this list returned: its instant and id are checked before they reach SQL. */
function contactCursor(cursor: string): ContactKey {
  const key = decodeCursor<ContactKey>(cursor, ['at', 'id']);
  if (!UUID.test(key.id) || Number.isNaN(Date.parse(key.at))) {
    throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list returned', {
      field: 'cursor',
    });
  }
  return key;
}

function badValue(field: string, value: unknown): BadInputError {
  return new BadInputError(
    CommonErrorCode.VALIDATION_FAILED,
    `${field} ${String(value)} is not one of the listed values`,
    {
      field,
    },
  );
}

function parseInstant(field: string, raw: string): Date {
  // An instant with its offset (2026-05-06T09:30:00+08:00): a bare date or a local time would be guessed.
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw);
  const date = ok ? new Date(raw) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, `${field} must be a date and time with its offset`, {
      field,
    });
  }
  return date;
}
