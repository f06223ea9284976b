import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DailyCloseRun, type DailyCloseFigures } from './daily-close-run.entity';
import { DailyCloseRunStatus, type DailyCloseTrigger } from './daily-close-run-status';

/**
 * The close lock: a session-level advisory lock (two-key form, so pg_locks shows it as classid/objid with
 * objsubid 2). Advisory locks are per database, so suites on cloned databases never share it.
 */
const LOCK_CLASS = 0x4d4c41; // 'MLA'
const LOCK_OBJECT = 1; // the nightly close

@Injectable()
export class DailyCloseRunRepository {
  /** Takes the close lock for the session of `tx` without waiting; true when taken. */
  async tryLock(tx: EntityManager): Promise<boolean> {
    const [row] = (await tx.query(`SELECT pg_try_advisory_lock($1, $2) AS locked`, [LOCK_CLASS, LOCK_OBJECT])) as {
      locked: boolean;
    }[];
    return row.locked;
  }

  /** Releases the close lock held by the session of `tx`; false when it did not hold it. */
  async unlock(tx: EntityManager): Promise<boolean> {
    const [row] = (await tx.query(`SELECT pg_advisory_unlock($1, $2) AS released`, [LOCK_CLASS, LOCK_OBJECT])) as {
      released: boolean;
    }[];
    return row.released;
  }

  /** Whether some session (any process) holds the close lock now. */
  async isLocked(tx: EntityManager): Promise<boolean> {
    const [row] = (await tx.query(
      `SELECT EXISTS (
         SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS locked`,
      [LOCK_CLASS, LOCK_OBJECT],
    )) as { locked: boolean }[];
    return row.locked;
  }

  findByDate(tx: EntityManager, businessDate: string): Promise<DailyCloseRun | null> {
    return tx.findOne(DailyCloseRun, { where: { businessDate } });
  }

  findById(tx: EntityManager, id: string): Promise<DailyCloseRun | null> {
    return tx.findOne(DailyCloseRun, { where: { id } });
  }

  /** The latest business date closed successfully; null before the first close. */
  async lastSucceededDate(tx: EntityManager): Promise<string | null> {
    const [row] = (await tx.query(`SELECT max(business_date)::text AS d FROM daily_close_runs WHERE status = $1`, [
      DailyCloseRunStatus.SUCCEEDED,
    ])) as { d: string | null }[];
    return row.d;
  }

  /**
   * Marks the date RUNNING: a new row, or the row of a failed or interrupted run taken again (the caller holds the
   * close lock, so a RUNNING row here is stale). Returns null when the date already SUCCEEDED.
   */
  async start(
    tx: EntityManager,
    businessDate: string,
    trigger: DailyCloseTrigger,
    requestedByUserId: string | null,
  ): Promise<DailyCloseRun | null> {
    // Instants of a run measure real elapsed time (a frozen test clock would make every duration 0).
    const rows = (await tx.query(
      `INSERT INTO daily_close_runs (business_date, status, trigger, requested_by_user_id, started_at)
       VALUES ($1::date, 'RUNNING', $2, $3, clock_timestamp())
       ON CONFLICT (business_date) DO UPDATE
          SET status = 'RUNNING', trigger = EXCLUDED.trigger, requested_by_user_id = EXCLUDED.requested_by_user_id,
              attempts = daily_close_runs.attempts + 1, started_at = clock_timestamp(), finished_at = NULL,
              duration_ms = NULL, figures = NULL, error_code = NULL, updated_at = now()
        WHERE daily_close_runs.status <> 'SUCCEEDED'
       RETURNING id`,
      [businessDate, trigger, requestedByUserId],
    )) as { id: string }[];
    return rows.length ? this.findById(tx, rows[0].id) : null;
  }

  /** Ends a RUNNING run; returns the row as stored. */
  async finish(
    tx: EntityManager,
    id: string,
    outcome: { status: DailyCloseRunStatus; figures: DailyCloseFigures | null; errorCode: string | null },
  ): Promise<DailyCloseRun> {
    await tx.query(
      `UPDATE daily_close_runs
          SET status = $2, figures = $3::jsonb, error_code = $4, finished_at = clock_timestamp(),
              duration_ms = GREATEST(0, round(extract(epoch FROM clock_timestamp() - started_at) * 1000))::int,
              updated_at = now()
        WHERE id = $1 AND status = 'RUNNING'`,
      [id, outcome.status, outcome.figures === null ? null : JSON.stringify(outcome.figures), outcome.errorCode],
    );
    return (await this.findById(tx, id)) as DailyCloseRun;
  }

  /** Newest business date first; `before`: the keyset cursor (a business date). */
  list(tx: EntityManager, limit: number, before?: string): Promise<DailyCloseRun[]> {
    const qb = tx.createQueryBuilder(DailyCloseRun, 'r').orderBy('r.business_date', 'DESC').limit(limit);
    if (before) qb.where('r.business_date < :before', { before });
    return qb.getMany();
  }
}
