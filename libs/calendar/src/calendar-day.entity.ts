import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { CalendarDayKind } from './calendar-day-kind';

/**
 * One date of the official calendar entered by an administrator: a holiday or a make-up working day from a State
 * Council notice the bundled calendar package does not carry yet (or a correction of it). It overrides the package.
 * A year with at least one entry here counts as known; enter a year's whole notice at once.
 */
@Entity({ name: 'calendar_days' })
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'enum', enum: CalendarDayKind, enumName: 'calendar_day_kind' })
  kind: CalendarDayKind;

  /** The holiday it belongs to, e.g. 国庆节. */
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The notice it comes from, e.g. 国办发明电〔2026〕7号. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
