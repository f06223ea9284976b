import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, OrganisationService, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  BadInputError,
  Clock,
  LocalDate,
  CommonErrorCode,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { CallListContactSources, type CallListContactSource } from './call-list-contact-sources';
import { CallListRepository, NO_NEXT_DUE, type CallListKey, type CallListRow } from './call-list.repository';

/** Who made the last contact: an officer (her name), or the system (a reminder another context sent). */
export interface CallListContact {
  kind: string;
  at: Date;
  outcome: string;
  /** The officer's display name; null for a reminder the system sent. */
  officerName: string | null;
}

/** One line of the call list: who to call, about what, and what happened the last time. */
export interface CallListEntry extends Omit<CallListRow, 'lastContact'> {
  borrowerName: string;
  maskedMobile: string;
  bankName: string;
  lastContact: CallListContact | null;
  /** When the latest reminder that failed for good was sent (null: none, or none known). */
  failedReminderAt: Date | null;
}

export interface CallListFilter {
  /** Loans with an installment falling due within this many days are listed too; default CALL_LIST_DUE_SOON_DAYS. */
  dueWithinDays?: number;
  regionCode?: string;
  bankOrganisationId?: string;
}

const MAX_DUE_WITHIN_DAYS = 60;

/**
 * The officer's call list 催收清单: the loans of her scope that are late or fall due soon, most days late first, each
 * with the borrower's masked name and mobile, the bank, what is owed now and next, and the last contact. One page is
 * a fixed number of statements whatever its length: the figures in one set-based query, then the names, the banks
 * and each registered contact source once for the whole page.
 */
@Injectable()
export class CallListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CallListRepository,
    private readonly applications: ApplicationPort,
    private readonly organisations: OrganisationService,
    private readonly sources: CallListContactSources,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async page(
    actor: Actor,
    filter: CallListFilter = {},
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<CallListEntry>> {
    this.access.assertCan(actor, Permission.COLLECTION_READ);
    const days = filter.dueWithinDays ?? this.config.env.CALL_LIST_DUE_SOON_DAYS;
    if (!Number.isInteger(days) || days < 0 || days > MAX_DUE_WITHIN_DAYS) {
      throw new BadInputError(
        CommonErrorCode.VALIDATION_FAILED,
        `dueWithinDays must be a whole number from 0 to ${MAX_DUE_WITHIN_DAYS}`,
        { field: 'dueWithinDays' },
      );
    }
    const today = this.clock.today();
    const tx = this.dataSource.manager;
    const rows = await this.repository.page(tx, {
      asOf: today.toString(),
      dueThrough: today.plusDays(days).toString(),
      scope: this.access.scopeOf(actor),
      regionCode: filter.regionCode,
      bankOrganisationId: filter.bankOrganisationId,
      limit: limit + 1,
      after: cursor ? callListCursor(cursor) : undefined,
    });
    const page = toPage(rows, limit, (r) => ({ d: r.daysLate, n: r.nextDueDate ?? NO_NEXT_DUE, c: r.contractNumber }));
    const loanIds = page.items.map((r) => r.loanId);
    // One after the other: a page holds one pool connection at a time.
    const people = await this.applications.maskedContactsOf(
      tx,
      page.items.map((r) => r.applicantId),
    );
    const banks = await this.organisations.namesOf(
      page.items.map((r) => r.bankOrganisationId),
      tx,
    );
    const external: Awaited<ReturnType<CallListContactSource['latestFor']>>[] = [];
    for (const source of loanIds.length ? this.sources.list() : []) external.push(await source.latestFor(tx, loanIds));
    return {
      items: page.items.map((r) => {
        let lastContact: CallListContact | null = r.lastContact;
        let failedReminderAt: Date | null = null;
        for (const source of external) {
          const found = source.get(r.loanId);
          if (!found) continue;
          if (!lastContact || found.latest.at > lastContact.at) lastContact = { ...found.latest, officerName: null };
          const failed = found.latest.failed ? found.latest : found.latestFailed;
          if (failed && (!failedReminderAt || failed.at > failedReminderAt)) failedReminderAt = failed.at;
        }
        const person = people.get(r.applicantId);
        return {
          ...r,
          borrowerName: person?.maskedName ?? '',
          maskedMobile: person?.maskedMobile ?? '',
          bankName: banks.get(r.bankOrganisationId) ?? '',
          lastContact,
          failedReminderAt,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}

/** A cursor this list returned: its values are checked before they reach SQL. */
function callListCursor(cursor: string): CallListKey {
  const key = decodeCursor<CallListKey>(cursor, ['d', 'n', 'c']);
  if (!Number.isInteger(key.d) || key.d < 0 || !isDate(key.n) || typeof key.c !== 'string') {
    throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list returned', {
      field: 'cursor',
    });
  }
  return key;
}

function isDate(value: string): boolean {
  try {
    return LocalDate.parse(value).toString() === value;
  } catch {
    return false;
  }
}
