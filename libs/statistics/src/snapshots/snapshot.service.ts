import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { InvalidStateError, runAsTransactionBody } from '@mla/core';
import { StatisticsErrorCode } from '../errors';
import { WarningEvaluator } from '../warnings/warning-evaluator.service';
import { SnapshotRepository } from './snapshot.repository';

export interface SnapshotOutcome {
  businessDate: string;
  rowCount: number;
  durationMs: number;
  /** Earlier stored days re-computed first (a back-dated posting changed them). */
  recomputed: string[];
  warningsRaised: number;
  warningsCleared: number;
}

/**
 * The snapshot job of a closed business date: re-computes the stored days a back-dated change made stale, stores
 * the date's figures (one set-based statement, idempotent: the date's rows are replaced), then raises and clears
 * early warnings from the snapshots. Each date is one transaction under one advisory lock.
 */
@Injectable()
export class SnapshotService {
  private readonly logger = new Logger(SnapshotService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: SnapshotRepository,
    private readonly warnings: WarningEvaluator,
    private readonly audit: AuditLog,
  ) {}

  async snapshotClosedDate(businessDate: string): Promise<SnapshotOutcome> {
    await this.assertClosed(businessDate);
    const { dates, readAt } = await this.snapshots.staleDates(this.dataSource.manager, businessDate);
    for (const date of dates) await this.computeDate(date);
    if (dates.length > 0) {
      await this.dataSource.transaction((tx) => this.snapshots.clearDirty(tx, readAt));
      this.logger.log(`statistics re-computed ${dates.length} day(s) from ${dates[0]}`);
    }
    const { rowCount, durationMs } = await this.computeDate(businessDate);
    const { raised, cleared } = await this.warnings.evaluate(businessDate);
    return {
      businessDate,
      rowCount,
      durationMs,
      recomputed: dates,
      warningsRaised: raised,
      warningsCleared: cleared,
    };
  }

  /** Stores (or replaces) one date's figures; audited with its size and duration. */
  async computeDate(businessDate: string): Promise<{ rowCount: number; durationMs: number }> {
    return this.dataSource.transaction((tx) =>
      runAsTransactionBody(async () => {
        await this.snapshots.lock(tx);
        const started = Date.now();
        const rowCount = await this.snapshots.writeDate(tx, businessDate);
        const durationMs = Date.now() - started;
        await this.snapshots.markComputed(tx, businessDate, durationMs, rowCount);
        await this.audit.record(tx, {
          action: 'statistics.snapshot_stored',
          entityType: 'statistics_snapshot',
          entityId: null,
          after: { businessDate, rowCount, durationMs },
        });
        return { rowCount, durationMs };
      }),
    );
  }

  /** Marks a stored day stale, inside the caller's transaction (a back-dated posting). */
  markDirty(tx: EntityManager, businessDate: string): Promise<void> {
    return this.snapshots.markDirty(tx, businessDate);
  }

  private async assertClosed(businessDate: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM daily_close_runs WHERE business_date = $1 AND status = 'SUCCEEDED'`,
      [businessDate],
    )) as unknown[];
    if (rows.length === 0) {
      throw new InvalidStateError(
        StatisticsErrorCode.SNAPSHOT_DATE_NOT_CLOSED,
        `${businessDate} has not been closed; its snapshot is taken after the nightly close`,
        { businessDate },
      );
    }
  }
}
