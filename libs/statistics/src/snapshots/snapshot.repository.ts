import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FIGURE_NAMES, columnOf, emptyFigures, type Figures } from './figures';
import { chainPairs } from './region-chain';
import { CHANGED_LOANS_SQL, STALE_LOANS_SQL, UNMOVED_LOANS_SQL } from './snapshot-changes.sql';
import { FACT_COLUMNS, loanFactsSql, regionCodesSql, snapshotInsertSql } from './snapshot.sql';
import type { SnapshotDimension, SnapshotScope } from './dimension';

/** The version each loan being re-computed had on a date (its newest on or before it), if any. */
const versionsAt = (date: string) => `
SELECT DISTINCT ON (f.loan_id) f.*
  FROM stat_changed c JOIN statistics_loan_facts f ON f.loan_id = c.loan_id AND f.as_of <= ${date}::date
 ORDER BY f.loan_id, f.as_of DESC`;

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
   * facts when the date is the newest (an earlier date re-computed in full leaves them as they are).
   */
  async writeDate(tx: EntityManager, businessDate: string): Promise<number> {
    return (await this.writeDateHow(tx, businessDate)).rows;
  }

  async writeDateHow(
    tx: EntityManager,
    businessDate: string,
    mode: 'AUTO' | 'FULL' = 'AUTO',
  ): Promise<{ rows: number; incremental: boolean; changedLoans: number | null }> {
    await this.tune(tx);
    const state = await this.factsState(tx);
    await tx.query(`DELETE FROM statistics_snapshots WHERE business_date = $1`, [businessDate]);
    let changedLoans: number | null = null;
    const incremental = mode === 'AUTO' && state !== null && state.asOf < businessDate;
    if (incremental) {
      await this.tempTable(tx, 'stat_changed', `(loan_id uuid PRIMARY KEY, keys_changed boolean NOT NULL)`);
      await tx.query(CHANGED_LOANS_SQL, [businessDate, state.asOf, state.cutoff]);
      await tx.query(`ANALYZE stat_changed`);
      await this.tempTable(tx, 'stat_new', `AS ${loanFactsSql('CHANGED')}`, [businessDate]);
      await this.tempTable(tx, 'stat_old', `AS ${versionsAt('$1')}`, [businessDate]);
      // Loans looked at whose figures did not move: left out, and they keep their version.
      await this.tempTable(tx, 'stat_unmoved', `AS ${UNMOVED_LOANS_SQL}`);
      for (const t of ['stat_new', 'stat_old', 'stat_changed']) {
        await tx.query(`DELETE FROM ${t} WHERE loan_id IN (SELECT loan_id FROM stat_unmoved)`);
      }
      await this.aggregate(tx, businessDate, 'stat_new', 'stat_old', {
        rel: 'statistics_snapshots',
        keepFlows: false,
        date: state.asOf,
      });
      await tx.query(
        `INSERT INTO statistics_loan_facts (as_of, ${FACT_COLUMNS.join(', ')}) SELECT $1, * FROM stat_new`,
        [businessDate],
      );
      await this.setFactsState(tx, businessDate, state.historyFrom);
      [{ n: changedLoans }] = (await tx.query(
        `SELECT (SELECT count(*) FROM stat_changed) + (SELECT count(*) FROM stat_unmoved) AS n`,
      )) as { n: number }[];
      changedLoans = Number(changedLoans);
    } else if (state === null || state.asOf <= businessDate) {
      if (state === null) {
        await tx.query(`TRUNCATE statistics_loan_facts`);
      } else {
        // The newest date again: its versions replace those of the day; the earlier days' stay as they were.
        await tx.query(`DELETE FROM statistics_loan_facts WHERE as_of >= $1`, [businessDate]);
      }
      await tx.query(
        `INSERT INTO statistics_loan_facts (as_of, ${FACT_COLUMNS.join(', ')})
         SELECT $1::date, * FROM (${loanFactsSql('ALL')}) f`,
        [businessDate],
      );
      const built = `(SELECT * FROM statistics_loan_facts WHERE as_of = $1::date)`;
      await this.aggregate(tx, businessDate, built, null, null);
      await this.setFactsState(tx, businessDate, state?.historyFrom ?? businessDate);
    } else {
      await this.tempTable(tx, 'stat_new', `AS ${loanFactsSql('ALL')}`, [businessDate]);
      await this.aggregate(tx, businessDate, 'stat_new', null, null);
      // The day's rows no longer sum the kept versions of that day: a later re-computation of the day (or of one
      // before it) for a few loans would subtract figures the rows do not hold. Such days are re-computed in full.
      await tx.query(`UPDATE statistics_loan_facts_state SET history_from = greatest(history_from, $1::date + 1)`, [
        businessDate,
      ]);
    }
    return { rows: await this.rowCount(tx, businessDate), incremental, changedLoans };
  }

  /**
   * Re-computes the stored days a back-dated change made stale, for its loans only: each loan from the earliest date
   * it changed, each stored day from then on is its stored rows less what the loans counted for that day (their
   * versions) plus what they count for now; then the loans' versions are rewritten. Days before the kept versions
   * begin are re-computed in full. Returns the days re-computed (oldest first) and the loans.
   */
  async rewriteStaleDays(tx: EntityManager): Promise<{ days: { date: string; rows: number }[]; loans: number }> {
    await this.tune(tx);
    // Driven from a few loans: a merge join would walk a whole index (every repayment) to meet them. (The nightly
    // run, over tens of thousands of loans, keeps it.)
    await tx.query(`SET LOCAL enable_mergejoin = off`);
    const state = await this.factsState(tx);
    if (state === null) return { days: [], loans: 0 };
    const [{ read_at: readAt }] = (await tx.query(`SELECT clock_timestamp() AS read_at`)) as { read_at: Date }[];
    await this.tempTable(tx, 'stat_stale', `(loan_id uuid PRIMARY KEY, from_date date NOT NULL)`);
    await tx.query(STALE_LOANS_SQL, [state.asOf, state.cutoff]);
    const dates = (await tx.query(
      `SELECT d.business_date::text AS date FROM statistics_snapshot_dates d
        WHERE d.business_date >= (SELECT min(from_date) FROM stat_stale) AND d.business_date <= $1
        ORDER BY d.business_date`,
      [state.asOf],
    )) as { date: string }[];
    const [{ n: loans }] = (await tx.query(`SELECT count(*)::int AS n FROM stat_stale`)) as { n: number }[];
    const days: { date: string; rows: number }[] = [];
    await this.tempTable(
      tx,
      'stat_versions',
      `AS SELECT as_of, ${FACT_COLUMNS.join(', ')} FROM statistics_loan_facts WITH NO DATA`,
    );
    for (const { date } of dates) {
      if (date < state.historyFrom) {
        // No versions kept that far back: the day in full (the facts stay as they are).
        await tx.query(`DELETE FROM statistics_snapshots WHERE business_date = $1`, [date]);
        await this.tempTable(tx, 'stat_new', `AS ${loanFactsSql('ALL')}`, [date]);
        await this.aggregate(tx, date, 'stat_new', null, null);
      } else {
        await this.tempTable(tx, 'stat_changed', `(loan_id uuid PRIMARY KEY, keys_changed boolean NOT NULL)`);
        await tx.query(`INSERT INTO stat_changed SELECT loan_id, true FROM stat_stale WHERE from_date <= $1`, [date]);
        await tx.query(`ANALYZE stat_changed`);
        await this.tempTable(tx, 'stat_new', `AS ${loanFactsSql('CHANGED')}`, [date]);
        await this.tempTable(tx, 'stat_base', `AS SELECT * FROM statistics_snapshots WHERE business_date = $1`, [date]);
        await tx.query(`DELETE FROM statistics_snapshots WHERE business_date = $1`, [date]);
        await this.tempTable(tx, 'stat_old', `AS ${versionsAt('$1')}`, [date]);
        await this.aggregate(tx, date, 'stat_new', 'stat_old', { rel: 'stat_base', keepFlows: true, date });
        await tx.query(`INSERT INTO stat_versions SELECT $1::date, * FROM stat_new`, [date]);
      }
      days.push({ date, rows: await this.rowCount(tx, date) });
    }
    // The loans' versions from the date each changed: those re-computed replace the old ones.
    await tx.query(
      `DELETE FROM statistics_loan_facts f USING stat_stale s WHERE f.loan_id = s.loan_id AND f.as_of >= s.from_date`,
    );
    await tx.query(`INSERT INTO statistics_loan_facts (as_of, ${FACT_COLUMNS.join(', ')}) SELECT * FROM stat_versions`);
    await tx.query(`DELETE FROM statistics_dirty_loans WHERE marked_at <= $1`, [readAt]);
    return { days, loans };
  }

  /**
   * Keeps the loans' versions from `cutoff` on: a version older than `cutoff` that another version took over from on
   * or before it is deleted (the one in force on `cutoff` stays), and days before `cutoff` are re-computed in full from
   * then on. Only the versions that took over since the last prune (by date) are looked at. Returns how many went.
   */
  async pruneVersions(tx: EntityManager, cutoff: string): Promise<number> {
    const [state] = (await tx.query(`SELECT pruned_to::text AS "prunedTo" FROM statistics_loan_facts_state`)) as {
      prunedTo: string | null;
    }[];
    if (state === undefined || (state.prunedTo !== null && cutoff <= state.prunedTo)) return 0;
    const [, deleted] = (await tx.query(
      `DELETE FROM statistics_loan_facts f USING statistics_loan_facts g
        WHERE ($1::date IS NULL OR g.as_of > $1::date) AND g.as_of <= $2::date
          AND f.loan_id = g.loan_id AND f.as_of < g.as_of`,
      [state.prunedTo, cutoff],
    )) as [unknown, number];
    await tx.query(
      `UPDATE statistics_loan_facts_state SET pruned_to = $1::date, history_from = greatest(history_from, $1::date)`,
      [cutoff],
    );
    return deleted;
  }

  /** Marks a loan stale from a date (a back-dated change, in the change's own transaction); earliest date kept. */
  async markLoanDirty(tx: EntityManager, loanId: string, fromDate: string): Promise<void> {
    await tx.query(
      `INSERT INTO statistics_dirty_loans (loan_id, from_date) VALUES ($1, $2)
       ON CONFLICT (loan_id) DO UPDATE
         SET from_date = least(statistics_dirty_loans.from_date, EXCLUDED.from_date), marked_at = now()`,
      [loanId, fromDate],
    );
  }

  private async tune(tx: EntityManager): Promise<void> {
    // Large statements run once a day: compiling them (JIT) costs more than it saves.
    await tx.query(`SET LOCAL jit = off`);
    // Their aggregates hash in memory rather than sort on disk (this transaction only).
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    // The few loans of an incremental run are fetched by index (their rows are in memory or on SSD), not by
    // scanning every loan; a full build still scans.
    await tx.query(`SET LOCAL random_page_cost = 1.1`);
  }

  /** A scratch table of this transaction (replaced when it exists). */
  private async tempTable(tx: EntityManager, name: string, definition: string, params: unknown[] = []): Promise<void> {
    await tx.query(`DROP TABLE IF EXISTS ${name}`);
    const sql = definition.startsWith('(')
      ? `CREATE TEMP TABLE ${name} ${definition} ON COMMIT DROP`
      : `CREATE TEMP TABLE ${name} ON COMMIT DROP ${definition}`;
    await tx.query(sql, params);
  }

  private async rowCount(tx: EntityManager, businessDate: string): Promise<number> {
    const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM statistics_snapshots WHERE business_date = $1`, [
      businessDate,
    ])) as { n: number }[];
    return n;
  }

  private async aggregate(
    tx: EntityManager,
    businessDate: string,
    plus: string,
    minus: string | null,
    base: { rel: string; keepFlows: boolean; date: string } | null,
  ): Promise<void> {
    const codes = (await tx.query(regionCodesSql(plus, minus), [businessDate])) as { region_code: string }[];
    const [from, to] = chainPairs(codes.map((c) => c.region_code));
    const params = base ? [businessDate, from, to, base.date] : [businessDate, from, to];
    await tx.query(snapshotInsertSql(plus, minus, base), params);
  }

  /**
   * The date the loans' facts are of (the newest stored date), the first date versions are kept for, and from when a
   * change counts as made since (the facts' computation less an hour, for changes committing while they were
   * computed); null when none are kept (then the next snapshot is a full build).
   */
  async factsState(tx: EntityManager): Promise<{ asOf: string; historyFrom: string; cutoff: Date } | null> {
    const rows = (await tx.query(
      `SELECT s.as_of::text AS "asOf", s.history_from::text AS "historyFrom",
              s.computed_at - interval '1 hour' AS cutoff
         FROM statistics_loan_facts_state s
        WHERE EXISTS (SELECT 1 FROM statistics_snapshot_dates d WHERE d.business_date = s.as_of)
          AND NOT EXISTS (SELECT 1 FROM statistics_snapshot_dates d WHERE d.business_date > s.as_of)`,
    )) as { asOf: string; historyFrom: string; cutoff: Date }[];
    return rows[0] ?? null;
  }

  private async setFactsState(tx: EntityManager, asOf: string, historyFrom: string): Promise<void> {
    await tx.query(
      `INSERT INTO statistics_loan_facts_state (id, as_of, history_from, computed_at) VALUES (1, $1, $2, now())
       ON CONFLICT (id) DO UPDATE
         SET as_of = EXCLUDED.as_of, history_from = EXCLUDED.history_from, computed_at = EXCLUDED.computed_at`,
      [asOf, historyFrom],
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
