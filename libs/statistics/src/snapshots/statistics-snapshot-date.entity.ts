import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A business date whose snapshot is stored: when it was last computed, how long it took, how many rows. */
@Entity({ name: 'statistics_snapshot_dates' })
export class StatisticsSnapshotDate {
  @PrimaryColumn({ type: 'date' })
  businessDate: string;

  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @Column({ type: 'integer' })
  durationMs: number;

  @Column({ type: 'integer' })
  rowCount: number;

  /** How many times it was computed (a back-dated posting re-computes it). */
  @Column({ type: 'integer', default: 1 })
  computations: number;
}

/**
 * A stored snapshot made stale by a back-dated change (a repayment or disbursement dated before the last computed
 * date): the snapshot job re-computes every stored date from the earliest marked one, then deletes the marks.
 */
@Entity({ name: 'statistics_dirty_dates' })
export class StatisticsDirtyDate {
  @PrimaryColumn({ type: 'date' })
  businessDate: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
