import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How many working days each review step may take (e.g. bank review 10); administrators change them. */
@Entity({ name: 'review_step_deadlines' })
@Check('ck_review_step_deadlines_days', `working_days > 0`)
export class ReviewStepDeadline {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  step: string;

  @Column({ type: 'integer' })
  workingDays: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
