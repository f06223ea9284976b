import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponsibleParty, TargetKind } from '../targets/target-kind';
import type { WarningLevel, WarningStatus, WarningTrend } from './warning-level';

/**
 * 预警: an indicator of a region behind its target or past its threshold, raised by the snapshot job and cleared by
 * it when the indicator is back. One open warning per region, year and kind; its figures are those of the last
 * evaluation (decimal strings in the kind's unit).
 */
@Entity({ name: 'statistics_warnings' })
@Check('ck_statistics_warnings_status', `status IN ('OPEN', 'CLEARED')`)
@Check('ck_statistics_warnings_cleared', `(status = 'OPEN') = (cleared_at IS NULL)`)
@Index('uq_statistics_warnings_open', ['regionCode', 'year', 'kind'], { unique: true, where: `status = 'OPEN'` })
@Index(['status', 'regionCode'])
export class StatisticsWarning {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: TargetKind;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 10 })
  level: WarningLevel;

  @Column({ type: 'varchar', length: 8 })
  status: WarningStatus;

  /** The indicator as measured, and the target or threshold it is held to. */
  @Column({ type: 'numeric', precision: 24, scale: 6 })
  measured: string;

  @Column({ type: 'numeric', precision: 20, scale: 6 })
  target: string;

  @Column({ type: 'varchar', length: 12 })
  trend: WarningTrend;

  /** The year end projected from the monthly series (targets of volume and count); null where none applies. */
  @Column({ type: 'numeric', precision: 24, scale: 6, nullable: true })
  projectedYearEnd: string | null;

  @Column({ type: 'varchar', length: 20 })
  responsible: ResponsibleParty;

  /** The business date of the snapshot that raised it, and of the last that found it still off. */
  @Column({ type: 'date' })
  raisedOn: string;

  @Column({ type: 'date' })
  lastSeenOn: string;

  @Column({ type: 'timestamptz' })
  raisedAt: Date;

  @Column({ type: 'date', nullable: true })
  clearedOn: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt: Date | null;
}
