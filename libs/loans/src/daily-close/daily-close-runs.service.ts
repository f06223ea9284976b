import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { DEFAULT_PAGE_SIZE, RuleViolationError, decodeCursor, toPage, type Page } from '@mla/core';
import { DailyCloseJob, OutboxRepository, QueueName } from '@mla/queue';
import { LoanErrorCode } from '../errors';
import { DailyCloseService } from '../servicing/daily-close.service';
import type { DailyCloseRun } from './daily-close-run.entity';
import { DailyCloseRunRepository } from './daily-close-run.repository';
import { DailyCloseRunStatus } from './daily-close-run-status';

export interface DailyCloseRequested {
  businessDate: string;
  /** The date's run when it has one (a date already closed answers with its stored run and queues nothing). */
  run: DailyCloseRun | null;
  /** The queued job; null when the date is already closed. */
  jobId: string | null;
  alreadyClosed: boolean;
}

/** Administrators' side of the nightly close: its runs, and a close of a date started by hand (queued). */
@Injectable()
export class DailyCloseRunsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: DailyCloseRunRepository,
    private readonly close: DailyCloseService,
    private readonly outbox: OutboxRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** Runs, newest business date first. */
  async list(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<DailyCloseRun>> {
    this.access.assertCan(actor, Permission.DAILY_CLOSE_READ);
    const before = cursor ? decodeCursor<{ d: string }>(cursor, ['d']).d : undefined;
    const rows = await this.runs.list(this.dataSource.manager, limit + 1, before);
    return toPage(rows, limit, (r) => ({ d: r.businessDate }));
  }

  /**
   * Queues the close of a date (and of any earlier open date before it). Refused for a date after today (422), a
   * date before the last closed one that was never closed (422), and while that date is running (409).
   */
  async request(actor: Actor, businessDate: string): Promise<DailyCloseRequested> {
    this.access.assertCan(actor, Permission.DAILY_CLOSE_RUN);
    const date = this.close.assertClosable('businessDate', businessDate).toString();
    return this.dataSource.transaction(async (tx) => {
      const run = await this.runs.findByDate(tx, date);
      if (run?.status === DailyCloseRunStatus.SUCCEEDED)
        return { businessDate: date, run, jobId: null, alreadyClosed: true };
      // A RUNNING row whose process died holds no lock: it is stale, and the queued run takes it again.
      if (run?.status === DailyCloseRunStatus.RUNNING && (await this.runs.isLocked(tx))) {
        throw this.close.runningError(date);
      }
      const last = await this.runs.lastSucceededDate(tx);
      if (last !== null && date < last) {
        throw new RuleViolationError(
          LoanErrorCode.DAILY_CLOSE_OUT_OF_ORDER,
          `businessDate ${date} is before the last closed business date ${last}, and was never closed; dates close in order`,
          { field: 'businessDate', value: date, lastClosed: last },
        );
      }
      // Its own job id per request: the scheduler's job of the date (daily-close-<date>) may have failed and be kept;
      // the stored run and the lock make a second job for the date harmless.
      const jobId = `daily-close-${date}-manual-${randomUUID()}`;
      await this.outbox.enqueue(
        tx,
        QueueName.DAILY_CLOSE,
        DailyCloseJob.CLOSE_DATE,
        { businessDate: date, trigger: 'MANUAL', requestedByUserId: actor.userId },
        jobId,
      );
      await this.audit.record(tx, {
        action: 'daily_close.requested',
        entityType: 'daily_close_run',
        entityId: run?.id ?? null,
        after: { businessDate: date, jobId },
      });
      return { businessDate: date, run, jobId, alreadyClosed: false };
    });
  }
}
