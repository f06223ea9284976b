import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BIGINT_FEN } from '@mla/core';
import type { SnapshotDimension, SnapshotScope } from './dimension';

/**
 * The figures of one business date for one scope and one breakdown key (see `figures.ts` for each figure), written
 * by the snapshot job in one set-based statement per date, and read by trends, reports and warnings (never the loan
 * tables). Amounts are fen, the rest counts; all bigint.
 */
@Entity({ name: 'statistics_snapshots' })
@Index('ix_statistics_snapshots_series', ['scopeKind', 'scopeKey', 'dimensionKind', 'businessDate'])
export class StatisticsSnapshot {
  @PrimaryColumn({ type: 'date' })
  businessDate: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  scopeKind: SnapshotScope;

  /** A region code, or a bank organisation id. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  scopeKey: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  dimensionKind: SnapshotDimension;

  /** The breakdown's key (region code, organisation / fund / user id, category code, sub-flag, Y/N); '' for TOTAL. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  dimensionKey: string;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  loansMadeCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  loansMadeFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  femaleLoansMadeCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  femaleLoansMadeFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  repaidPrincipalFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  repaidInterestFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  dueFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  dueRepaidOnTimeFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  compensatedCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  compensatedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  recoveredFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  subsidyClaimedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  subsidyPaidFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  jobsCreated: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  outstandingCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  outstandingFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  femaleOutstandingCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  femaleOutstandingFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  overdueCount: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  overduePrincipalFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  overdueInterestFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  par30Fen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  par90Fen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  cumDueFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  cumCollectedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  cumLoansMadeFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  cumCompensatedFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  cumRecoveredFen: bigint;

  @Column({ type: 'bigint', transformer: BIGINT_FEN, default: 0 })
  reviewStepsLate: bigint;
}
