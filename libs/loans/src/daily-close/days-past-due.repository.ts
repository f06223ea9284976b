import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Set-based statements of the days-past-due step of the nightly close, in the close's transaction. */
@Injectable()
export class DaysPastDueRepository {
  /**
   * Stores each loan's days past due on `asOf`: days since the oldest overdue installment that still owes something
   * fell due, 0 when none. Only loans in servicing that are overdue or carry a non-zero figure; returns how many
   * changed.
   */
  async store(tx: EntityManager, asOf: string): Promise<number> {
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
    return changed;
  }

  /** Loans in servicing past due, and the most days past due among them. */
  async pastDueCounts(tx: EntityManager): Promise<{ loans: number; maxDays: number }> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n, COALESCE(max(days_past_due), 0)::int AS max
         FROM loans WHERE status IN ('ACTIVE', 'OVERDUE') AND days_past_due > 0`,
    )) as { n: number; max: number }[];
    return { loans: row.n, maxDays: row.max };
  }
}
