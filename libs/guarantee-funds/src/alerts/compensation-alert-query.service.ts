import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import type { CompensationAlert } from './compensation-alert.entity';
import { CompensationAlertRepository, type CompensationAlertFilter } from './compensation-alert.repository';

export type CompensationAlertView = CompensationAlert & { borrowerNameMasked: string | null; fundCode: string | null };

/** Compensation alerts for the guarantee operator (their region) and the bank (its own loans). */
@Injectable()
export class CompensationAlertQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: CompensationAlertRepository,
    private readonly applications: ApplicationPort,
    private readonly access: AccessPolicy,
  ) {}

  async list(
    actor: Actor,
    filter: CompensationAlertFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<CompensationAlertView>> {
    this.access.assertCan(actor, Permission.COMPENSATION_ALERT_READ);
    const after = cursor ? decodeCursor<{ d: number; i: string }>(cursor, ['d', 'i']) : undefined;
    const rows = await this.alerts.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    const page = toPage(rows, limit, (a) => ({ d: a.daysPastDue, i: a.id }));
    const names = await this.applications.maskedBorrowerNames(page.items.map((a) => a.applicationId));
    const funds = await this.alerts.fundCodes(
      this.dataSource.manager,
      page.items.map((a) => a.fundId),
    );
    return {
      items: page.items.map((a) => ({
        ...a,
        borrowerNameMasked: names.get(a.applicationId) ?? null,
        fundCode: funds.get(a.fundId) ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
