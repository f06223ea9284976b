import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FormulaCode } from '../formulas/formulas';
import type { TargetKind } from './target-kind';

/**
 * A region's target or threshold for a year. The value is a decimal string in the kind's unit (fen, a fraction,
 * a count); one per region, year and kind.
 */
@Entity({ name: 'statistics_targets' })
@Index('uq_statistics_targets_region_year_kind', ['regionCode', 'year', 'kind'], { unique: true })
export class StatisticsTarget {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 24 })
  kind: TargetKind;

  @Column({ type: 'numeric', precision: 20, scale: 6 })
  value: string;

  /** REPAYMENT_RATE only: the formula the region holds its target to (回收率 by default, or 到期还款率). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  formula: FormulaCode | null;

  @Column({ type: 'uuid' })
  updatedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
