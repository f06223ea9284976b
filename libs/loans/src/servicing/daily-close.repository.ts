import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accruesPenaltySql, penaltyIncrementSql } from './penalty-accrual.sql';

export interface DailyCloseResult {
  asOf: string;
  installmentsMarkedOverdue: number;
  installmentsAccruingPenalty: number;
  penaltyAccruedFen: bigint;
  loansMarkedOverdue: number;
}

/**
 * The nightly close as three set-based statements over all loans, never a loop over rows, in the caller's
 * transaction.
 * Re-running it for the same date changes nothing: penalty is accrued only for days after
 * `penalty_accrued_through`.
 */
@Injectable()
export class DailyCloseRepository {
  async run(tx: EntityManager, asOf: string): Promise<DailyCloseResult> {
    // A nightly batch over every loan, not a request: the pool's statement limit (for requests) would cut a large
    // portfolio short. This transaction alone may take longer.
    await tx.query(`SET LOCAL statement_timeout = '15min'`);
    // 1. Unpaid after the due date plus the loan's grace days: overdue.
    const [, marked] = (await tx.query(
      `UPDATE installments i SET status = 'OVERDUE'
         FROM loans l
        WHERE i.loan_id = l.id AND l.status IN ('ACTIVE', 'OVERDUE')
          AND i.status IN ('PENDING', 'PARTIALLY_PAID')
          AND i.due_date + l.grace_days < $1::date
          AND (i.principal_due_fen - i.principal_paid_fen) + (i.interest_due_fen - i.interest_paid_fen) > 0`,
      [asOf],
    )) as [unknown, number];
    // 2. Penalty on overdue principal at contract rate × (1 + uplift), for each day since the due date (or the
    //    last accrual) through asOf; one rounding per installment and run, half away from zero (half-up).
    const accrued = (await tx.query(
      `WITH accrual AS (
         SELECT i.id, ${penaltyIncrementSql('$1')} AS fen
           FROM installments i JOIN loans l ON l.id = i.loan_id
          WHERE ${accruesPenaltySql('$1')})
       UPDATE installments i
          SET penalty_accrued_fen = i.penalty_accrued_fen + a.fen, penalty_accrued_through = $1::date
         FROM accrual a WHERE a.id = i.id
       RETURNING a.fen`,
      [asOf],
    )) as [{ fen: string }[], number];
    const rows = accrued[0];
    // 3. Loans with an overdue installment are overdue.
    const [, loans] = (await tx.query(
      `UPDATE loans l SET status = 'OVERDUE', updated_at = now()
        WHERE l.status = 'ACTIVE'
          AND EXISTS (SELECT 1 FROM installments i WHERE i.loan_id = l.id AND i.status = 'OVERDUE')`,
    )) as [unknown, number];
    return {
      asOf,
      installmentsMarkedOverdue: marked,
      installmentsAccruingPenalty: rows.length,
      penaltyAccruedFen: rows.reduce((sum, r) => sum + BigInt(r.fen), 0n),
      loansMarkedOverdue: loans,
    };
  }
}
