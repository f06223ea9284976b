import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DailyCloseSteps, type DailyCloseStep, type StepFigures } from './daily-close-steps';

/**
 * Stores each loan's days past due on the close date (`loans.days_past_due`, for reports): days since the oldest
 * overdue installment that still owes something fell due, 0 when none. One set-based statement over the loans that
 * are overdue or were (a non-zero figure to bring back to 0); loans out of servicing keep their last figure.
 */
@Injectable()
export class DaysPastDueStep implements DailyCloseStep, OnModuleInit {
  readonly name = 'days-past-due';
  readonly order = 100;

  constructor(private readonly steps: DailyCloseSteps) {}

  onModuleInit(): void {
    this.steps.register(this);
  }

  async run(tx: EntityManager, asOf: string): Promise<StepFigures> {
    const [, changed] = (await tx.query(
      `WITH figures AS (
         SELECT l.id,
                COALESCE(GREATEST(0, $1::date - min(i.due_date) FILTER (
                  WHERE i.status = 'OVERDUE'
                    AND (i.principal_due_fen - i.principal_paid_fen) + (i.interest_due_fen - i.interest_paid_fen)
                        + (i.penalty_accrued_fen - i.penalty_paid_fen) > 0)), 0) AS days
           FROM loans l LEFT JOIN installments i ON i.loan_id = l.id
          WHERE l.status IN ('ACTIVE', 'OVERDUE') AND (l.status = 'OVERDUE' OR l.days_past_due > 0)
          GROUP BY l.id)
       UPDATE loans l SET days_past_due = f.days
         FROM figures f
        WHERE l.id = f.id AND l.days_past_due <> f.days`,
      [asOf],
    )) as [unknown, number];
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n, COALESCE(max(days_past_due), 0)::int AS max
         FROM loans WHERE status IN ('ACTIVE', 'OVERDUE') AND days_past_due > 0`,
    )) as { n: number; max: number }[];
    return { loansDaysPastDueChanged: changed, loansPastDue: row.n, maxDaysPastDue: row.max };
  }
}
