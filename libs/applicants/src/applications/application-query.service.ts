import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { Clock, DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import type { LoanApplication } from './application.entity';
import { ApplicationRepository, type ApplicationFilter } from './application.repository';
import { ApplicationStatus, REVIEW_STEPS } from './application-status';
import { ApplicationWorkflow } from './application-workflow';

/** Reading applications: one with its history, lists (late ones too) and each actor's worklist. */
@Injectable()
export class ApplicationQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly workflow: ApplicationWorkflow,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    return this.workflow.visible(this.dataSource.manager, actor, id);
  }

  async history(actor: Actor, id: string) {
    await this.get(actor, id);
    return {
      transitions: await this.applications.transitionsOf(this.dataSource.manager, id),
      fieldVisits: await this.applications.fieldVisitsOf(this.dataSource.manager, id),
    };
  }

  async list(
    actor: Actor,
    filter: ApplicationFilter & { late?: boolean },
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<LoanApplication>> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    const { late, ...rest } = filter;
    const query: ApplicationFilter = { ...rest, ...(late ? { lateOn: this.clock.today().toString() } : {}) };
    if (late && !query.statuses?.length) query.statuses = Object.values(REVIEW_STEPS).map((s) => s.waitingStatus);
    const before = cursor ? decodeCursor<{ number: string }>(cursor, ['number']).number : undefined;
    const rows = await this.applications.list(
      this.dataSource.manager,
      this.access.scopeOf(actor),
      query,
      limit + 1,
      before,
    );
    return toPage(rows, limit, (a) => ({ number: a.number }));
  }

  /** What waits for this actor: the statuses of the review steps their roles may take (and their returned drafts). */
  async worklist(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<LoanApplication>> {
    const statuses = Object.values(REVIEW_STEPS)
      .filter((s) => this.access.can(actor, s.permission))
      .map((s) => s.waitingStatus);
    if (this.access.can(actor, Permission.APPLICATION_PREPARE))
      statuses.push(ApplicationStatus.RETURNED, ApplicationStatus.DRAFT);
    if (statuses.length === 0) return { items: [], nextCursor: null };
    return this.list(actor, { statuses }, limit, cursor);
  }
}
