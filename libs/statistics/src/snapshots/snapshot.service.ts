import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { InvalidStateError, LocalDate, runAsTransactionBody } from '@mla/core';
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
    private readonly config: AppConfig,
  ) {}

  async snapshotClosedDate(businessDate: string): Promise<SnapshotOutcome> {
    await this.assertClosed(businessDate);
    const rewritten = await this.rewriteStaleDays();
    // Days marked stale as a whole (no loan named): re-computed in full.
    const { dates, readAt } = await this.snapshots.staleDates(this.dataSource.manager, businessDate);
    for (const date of dates) await this.computeDate(date);
    if (dates.length > 0) {
      await this.dataSource.transaction((tx) => this.snapshots.clearDirty(tx, readAt));
      this.logger.log(`statistics re-computed ${dates.length} day(s) from ${dates[0]}`);
    }
    const { rowCount, durationMs } = await this.computeDate(businessDate);
    await this.pruneVersions(businessDate);
    const { raised, cleared } = await this.warnings.evaluate(businessDate);
    return {
      businessDate,
      rowCount,
      durationMs,
      recomputed: [...new Set([...rewritten, ...dates])].sort(),
      warningsRaised: raised,
      warningsCleared: cleared,
    };
  }

  /**
   * Re-computes, for their loans only, the stored days that changes entered since the last snapshot made stale (a
   * back-dated repayment or reversal, whatever it paid; compensation, recovery or a visit dated back; a loan marked
   * by its posting). One transaction; each day audited. Returns the days re-computed.
   */
  async rewriteStaleDays(): Promise<string[]> {
    return this.dataSource.transaction((tx) =>
      runAsTransactionBody(async () => {
        await this.snapshots.lock(tx);
        const started = Date.now();
        const { days, loans } = await this.snapshots.rewriteStaleDays(tx);
        const durationMs = Date.now() - started;
        for (const day of days) {
          await this.snapshots.markComputed(tx, day.date, Math.round(durationMs / days.length), day.rows);
        }
        if (days.length > 0) {
          await this.audit.record(tx, {
            action: 'statistics.snapshot_stale_days_recomputed',
            entityType: 'statistics_snapshot',
            entityId: null,
            after: { from: days[0].date, to: days[days.length - 1].date, days: days.length, loans, durationMs },
          });
          this.logger.log(`statistics re-computed ${days.length} day(s) from ${days[0].date} for ${loans} loan(s)`);
        }
        return days.map((d) => d.date);
      }),
    );
  }

  /** Deletes the loans' versions older than STATISTICS_HISTORY_DAYS before the date that are no longer in force. */
  private async pruneVersions(businessDate: string): Promise<void> {
    const cutoff = LocalDate.parse(businessDate).plusDays(-this.config.env.STATISTICS_HISTORY_DAYS).toString();
    const deleted = await this.dataSource.transaction(async (tx) => {
      await this.snapshots.lock(tx);
      return this.snapshots.pruneVersions(tx, cutoff);
    });
    if (deleted > 0) this.logger.log(`statistics kept loan versions from ${cutoff}: ${deleted} older one(s) deleted`);
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

  /** Marks a stored day stale as a whole, inside the caller's transaction (re-computed in full by the next job). */
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
