import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DailyCloseRunStatus, DailyCloseTrigger } from './daily-close-run-status';

/** Figures of a run: the close's counts and each extension step's, merged (bigints as strings). */
export type DailyCloseFigures = Record<string, string | number | boolean | null | string[]>;

/**
 * The nightly close (日终) of one business date. One row per date: a run that failed is retaken on the same row,
 * and a date that SUCCEEDED is never run again.
 */
@Entity({ name: 'daily_close_runs' })
@Index('ix_daily_close_runs_started', ['startedAt'])
export class DailyCloseRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_daily_close_runs_business_date', { unique: true })
  @Column({ type: 'date' })
  businessDate: string;

  @Column({ type: 'enum', enum: DailyCloseRunStatus, enumName: 'daily_close_run_status' })
  status: DailyCloseRunStatus;

  @Column({ type: 'enum', enum: DailyCloseTrigger, enumName: 'daily_close_trigger' })
  trigger: DailyCloseTrigger;

  /** The administrator who asked for it (MANUAL); none for the scheduler, catch-up and the CLI. */
  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;

  /** How many times the date was started (a failed or interrupted run is retaken). */
  @Column({ type: 'integer', default: 1 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ type: 'jsonb', nullable: true })
  figures: DailyCloseFigures | null;

  /** A domain error's code, or INTERNAL; the fault itself goes to the log. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
