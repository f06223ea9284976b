import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactKind, ContactOutcome } from '../contacts/contact-enums';

/** A contact with a borrower that another context made (a text-message reminder the system sent). */
export interface ExternalContact {
  kind: ContactKind;
  at: Date;
  /** The source's status in the call list's terms (a delivered reminder REACHED, an undeliverable one NOT_REACHED). */
  outcome: ContactOutcome;
  /** A reminder that failed for good (wrong number, opted out, rejected by the gateway): the officer should call. */
  failed: boolean;
}

/**
 * The extension point of the call list's "last contact": another context (notifications: the reminders it sends)
 * registers a source at module init, as daily-close steps do; this context may not import it, nor read its tables.
 * A source answers for a whole page of loans at once (one query, never one per loan): per loan, its latest
 * contact, and its latest failed one when that is not the latest.
 */
export interface CallListContactSource {
  /** Unique, e.g. 'sms-reminders'. */
  readonly name: string;
  latestFor(
    tx: EntityManager,
    loanIds: string[],
  ): Promise<Map<string, { latest: ExternalContact; latestFailed?: ExternalContact | null }>>;
}

/** The registry of contact sources the call list merges with the officers' own records. */
@Injectable()
export class CallListContactSources {
  private readonly sources: CallListContactSource[] = [];

  register(source: CallListContactSource): void {
    if (this.sources.some((s) => s.name === source.name)) return;
    this.sources.push(source);
  }

  list(): readonly CallListContactSource[] {
    return [...this.sources];
  }
}
