import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FIGURE_NAMES, columnOf, emptyFigures, type Figures } from './figures';
import { chainPairs } from './region-chain';
import { CHANGED_LOANS_SQL, FACT_COLUMNS, loanFactsSql, regionCodesSql, snapshotInsertSql } from './snapshot.sql';
import type { SnapshotDimension, SnapshotScope } from './dimension';

/** One global lock: two snapshot writers (a redelivered job, a re-computation) never interleave. */
const SNAPSHOT_LOCK = 'statistics-snapshot';

export interface SnapshotKey {
  scopeKind: SnapshotScope;
  scopeKey: string;
  dimensionKind: SnapshotDimension;
}

export interface SnapshotRow {
  businessDate: string;
  dimensionKey: string;
  figures: Figures;
}

const FIGURE_SELECT = FIGURE_NAMES.map((n) => `${columnOf(n)}::text AS "${n}"`).join(', ');

export function figuresFrom(raw: Record<string, string | null>): Figures {
  const figures = emptyFigures();
  for (const name of FIGURE_NAMES) figures[name] = BigInt(raw[name] ?? '0');
  return figures;
}

/** The snapshot tables: writing a date set-based, reading series. */
@Injectable()
export class SnapshotRepository {
  async lock(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SNAPSHOT_LOCK]);
  }

  /**
   * Replaces the date's rows, set-based; returns how many rows it wrote and how. Incremental when the loans' facts
   * are of an earlier stored date: only the loans something happened to since are re-computed, and the day's rows are
   * that date's positions plus their difference. Otherwise a full build over every loan, which also rebuilds the
   * facts when the date is the newest (an earlier date, re-computed for a back-dated change, leaves them as they are).
   */
  async writeDate(tx: EntityManager, businessDate: string): Promise<number> {
    return (await this.writeDateHow(tx, businessDate)).rows;
  }

  async writeDateHow(
    tx: EntityManager,
    businessDate: string,
    mode: 'AUTO' | 'FULL' = 'AUTO',
  ): Promise<{ rows: number; incremental: boolean; changedLoans: number | null }> {
    // Large statements run once a day: compiling them (JIT) costs more than it saves.
    await tx.query(`SET LOCAL jit = off`);
    // Their aggregates hash in memory rather than sort on disk (this transaction only).
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    const state = await this.factsState(tx);
    await tx.query(`DELETE FROM statistics_snapshots WHERE business_date = $1`, [businessDate]);
    let changedLoans: number | null = null;
    const incremental = mode === 'AUTO' && state !== null && state.asOf < businessDate;
    if (incremental) {
      await tx.query(`DROP TABLE IF EXISTS stat_changed`);
      await tx.query(`CREATE TEMP TABLE stat_changed (loan_id uuid PRIMARY KEY) ON COMMIT DROP`);
      await tx.query(CHANGED_LOANS_SQL, [businessDate, state.asOf, state.cutoff]);
      await tx.query(`ANALYZE stat_changed`);
      await tx.query(`DROP TABLE IF EXISTS stat_new`);
      await tx.query(`CREATE TEMP TABLE stat_new ON COMMIT DROP AS ${loanFactsSql('CHANGED')}`, [businessDate]);
      const minus = `statistics_loan_facts f WHERE f.loan_id IN (SELECT loan_id FROM stat_changed)`;
      await this.aggregate(tx, businessDate, 'stat_new', minus, state.asOf);
      await tx.query(`DELETE FROM statistics_loan_facts WHERE loan_id IN (SELECT loan_id FROM stat_changed)`);
      await tx.query(
        `INSERT INTO statistics_loan_facts (as_of, ${FACT_COLUMNS.join(', ')}) SELECT $1, * FROM stat_new`,
        [businessDate],
      );
      await this.setFactsState(tx, businessDate);
      [{ n: changedLoans }] = (await tx.query(`SELECT count(*)::int AS n FROM stat_changed`)) as { n: number }[];
    } else if (state === null || state.asOf <= businessDate) {
      await tx.query(`TRUNCATE statistics_loan_facts`);
      await tx.query(
        `INSERT INTO statistics_loan_facts (as_of, ${FACT_COLUMNS.join(', ')}) SELECT $1::date, * FROM (${loanFactsSql('ALL')}) f`,
        [businessDate],
      );
      await this.aggregate(tx, businessDate, 'statistics_loan_facts', null, null);
      await this.setFactsState(tx, businessDate);
    } else {
      await tx.query(`DROP TABLE IF EXISTS stat_new`);
      await tx.query(`CREATE TEMP TABLE stat_new ON COMMIT DROP AS ${loanFactsSql('ALL')}`, [businessDate]);
      await this.aggregate(tx, businessDate, 'stat_new', null, null);
    }
    const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM statistics_snapshots WHERE business_date = $1`, [
      businessDate,
    ])) as { n: number }[];
    return { rows: n, incremental, changedLoans };
  }

  private async aggregate(
    tx: EntityManager,
    businessDate: string,
    plus: string,
    minus: string | null,
    baseDate: string | null,
  ): Promise<void> {
    const codes = (await tx.query(regionCodesSql(plus, minus), [businessDate])) as { region_code: string }[];
    const [from, to] = chainPairs(codes.map((c) => c.region_code));
    const params = baseDate ? [businessDate, from, to, baseDate] : [businessDate, from, to];
    await tx.query(snapshotInsertSql(plus, minus, baseDate !== null), params);
  }

  /**
   * The date the loans' facts are of (the newest stored date), and from when a change counts as made since (the facts'
   * computation less an hour, for changes committing while they were computed); null when none are kept (then the
   * next snapshot is a full build).
   */
  async factsState(tx: EntityManager): Promise<{ asOf: string; cutoff: Date } | null> {
    const rows = (await tx.query(
      `SELECT s.as_of::text AS "asOf", s.computed_at - interval '1 hour' AS cutoff
         FROM statistics_loan_facts_state s
        WHERE EXISTS (SELECT 1 FROM statistics_snapshot_dates d WHERE d.business_date = s.as_of)
          AND NOT EXISTS (SELECT 1 FROM statistics_snapshot_dates d WHERE d.business_date > s.as_of)`,
    )) as { asOf: string; cutoff: Date }[];
    return rows[0] ?? null;
  }

  private async setFactsState(tx: EntityManager, asOf: string): Promise<void> {
    await tx.query(
      `INSERT INTO statistics_loan_facts_state (id, as_of, computed_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET as_of = EXCLUDED.as_of, computed_at = EXCLUDED.computed_at`,
      [asOf],
    );
  }

  async markComputed(tx: EntityManager, businessDate: string, durationMs: number, rowCount: number): Promise<void> {
    await tx.query(
      `INSERT INTO statistics_snapshot_dates (business_date, computed_at, duration_ms, row_count)
       VALUES ($1, now(), $2, $3)
       ON CONFLICT (business_date) DO UPDATE
         SET computed_at = now(), duration_ms = EXCLUDED.duration_ms, row_count = EXCLUDED.row_count,
             computations = statistics_snapshot_dates.computations + 1`,
      [businessDate, durationMs, rowCount],
    );
  }

  async isComputed(tx: EntityManager, businessDate: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM statistics_snapshot_dates WHERE business_date = $1`, [
      businessDate,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Marks a stored day stale (a back-dated change); no-op for a day not stored yet. */
  async markDirty(tx: EntityManager, businessDate: string): Promise<void> {
    await tx.query(
      `INSERT INTO statistics_dirty_dates (business_date)
       SELECT $1::date WHERE EXISTS (SELECT 1 FROM statistics_snapshot_dates WHERE business_date >= $1::date)
       ON CONFLICT (business_date) DO UPDATE SET marked_at = now()`,
      [businessDate],
    );
  }

  /** The stored days from the earliest stale one on (oldest first), before `before`; and when the marks were read. */
  async staleDates(tx: EntityManager, before: string): Promise<{ dates: string[]; readAt: Date }> {
    const rows = (await tx.query(
      `SELECT d.business_date::text AS date, now() AS read_at
         FROM statistics_snapshot_dates d
        WHERE d.business_date >= (SELECT min(business_date) FROM statistics_dirty_dates)
          AND d.business_date < $1
        ORDER BY d.business_date`,
      [before],
    )) as { date: string; read_at: Date }[];
    return { dates: rows.map((r) => r.date), readAt: rows[0]?.read_at ?? new Date() };
  }

  /** Clears the marks made before the re-computation started (a mark made during it stays for the next run). */
  async clearDirty(tx: EntityManager, markedBefore: Date): Promise<void> {
    await tx.query(`DELETE FROM statistics_dirty_dates WHERE marked_at <= $1`, [markedBefore]);
  }

  async dirtyDates(tx: EntityManager): Promise<string[]> {
    const rows = (await tx.query(`SELECT business_date::text AS d FROM statistics_dirty_dates ORDER BY 1`)) as {
      d: string;
    }[];
    return rows.map((r) => r.d);
  }

  /** The newest stored date on or before `onOrBefore`. */
  async latestDate(tx: EntityManager, onOrBefore: string): Promise<string | null> {
    const rows = (await tx.query(
      `SELECT max(business_date)::text AS d FROM statistics_snapshot_dates WHERE business_date <= $1`,
      [onOrBefore],
    )) as { d: string | null }[];
    return rows[0]?.d ?? null;
  }

  /** Rows of one scope and breakdown between two dates (inclusive), for the keys given (all when empty). */
  async series(
    tx: EntityManager,
    key: SnapshotKey,
    from: string,
    to: string,
    dimensionKeys: readonly string[] = [],
  ): Promise<SnapshotRow[]> {
    const rows = (await tx.query(
      `SELECT business_date::text AS "businessDate", dimension_key AS "dimensionKey", ${FIGURE_SELECT}
         FROM statistics_snapshots
        WHERE scope_kind = $1 AND scope_key = $2 AND dimension_kind = $3
          AND business_date BETWEEN $4 AND $5
          AND (cardinality($6::text[]) = 0 OR dimension_key = ANY($6::text[]))
        ORDER BY business_date, dimension_key`,
      [key.scopeKind, key.scopeKey, key.dimensionKind, from, to, dimensionKeys],
    )) as (Record<string, string> & { businessDate: string; dimensionKey: string })[];
    return rows.map((r) => ({ businessDate: r.businessDate, dimensionKey: r.dimensionKey, figures: figuresFrom(r) }));
  }

  /**
   * Period figures of many scopes at once (TOTAL rows): flows summed over the dates, stocks of the last date. One
   * statement, over the index on (scope, dimension, date).
   */
  async periodTotals(
    tx: EntityManager,
    scopeKind: SnapshotScope,
    scopeKeys: readonly string[],
    dimensionKind: SnapshotDimension,
    from: string,
    to: string,
    flows: readonly string[],
    stocks: readonly string[],
  ): Promise<{ scopeKey: string; dimensionKey: string; figures: Figures }[]> {
    const flowSql = flows.map((n) => `sum(${columnOf(n as never)})::text AS "${n}"`);
    const stockSql = stocks.map(
      (n) => `(sum(${columnOf(n as never)}) FILTER (WHERE business_date = last.d))::text AS "${n}"`,
    );
    const rows = (await tx.query(
      `WITH last AS (SELECT max(business_date) AS d FROM statistics_snapshot_dates WHERE business_date BETWEEN $4 AND $5)
       SELECT scope_key AS "scopeKey", dimension_key AS "dimensionKey", ${[...flowSql, ...stockSql].join(', ')}
         FROM statistics_snapshots, last
        WHERE scope_kind = $1 AND scope_key = ANY($2::text[]) AND dimension_kind = $3
          AND business_date BETWEEN $4 AND $5
        GROUP BY scope_key, dimension_key
        ORDER BY scope_key, dimension_key`,
      [scopeKind, scopeKeys, dimensionKind, from, to],
    )) as (Record<string, string | null> & { scopeKey: string; dimensionKey: string })[];
    return rows.map((r) => ({ scopeKey: r.scopeKey, dimensionKey: r.dimensionKey, figures: figuresFrom(r) }));
  }
}
