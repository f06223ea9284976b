import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { closeInstallmentsSql } from './penalty-accrual.sql';

export interface DailyCloseResult {
  asOf: string;
  installmentsMarkedOverdue: number;
  installmentsAccruingPenalty: number;
  penaltyAccruedFen: bigint;
  loansMarkedOverdue: number;
}

/**
 * The nightly close as one set-based statement over all loans, never a loop over rows, in the caller's
 * transaction: installments past grace are brought up to the date (overdue, penalty counted and charged) and their
 * loans marked overdue. It only makes visible what postings and reads already compute as of a date (the servicing
 * ledger), so whether it ran, or how often, never changes an amount. Re-running it for the same date changes
 * nothing.
 */
@Injectable()
export class DailyCloseRepository {
  async run(tx: EntityManager, asOf: string): Promise<DailyCloseResult> {
    // A nightly batch over every loan, not a request: the pool's statement limit (for requests) would cut a large
    // portfolio short. This transaction alone may take longer.
    await tx.query(`SET LOCAL statement_timeout = '15min'`);
    // Sorting and hashing hundreds of thousands of row addresses in memory rather than in temporary files.
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    const [figures] = (await tx.query(
      `WITH closed AS (${closeInstallmentsSql()}),
            overdue_loans AS (
              -- A loan a posting holds is skipped (the posting sets its status itself): waiting for it while holding
              -- its installments would deadlock with the posting, which locks the loan first.
              UPDATE loans l SET status = 'OVERDUE', updated_at = now()
               WHERE l.id IN (SELECT x.id FROM loans x
                               WHERE x.status = 'ACTIVE' AND x.id IN (SELECT loan_id FROM closed)
                                 FOR UPDATE OF x SKIP LOCKED)
              RETURNING 1)
       SELECT (SELECT count(*) FROM closed WHERE was <> 'OVERDUE')::int AS marked,
              (SELECT count(*) FROM closed WHERE charged > 0)::int AS accruing,
              (SELECT coalesce(sum(charged), 0) FROM closed)::text AS penalty,
              (SELECT count(*) FROM overdue_loans)::int AS loans`,
      [asOf],
    )) as { marked: number; accruing: number; penalty: string; loans: number }[];
    return {
      asOf,
      installmentsMarkedOverdue: figures.marked,
      installmentsAccruingPenalty: figures.accruing,
      penaltyAccruedFen: BigInt(figures.penalty),
      loansMarkedOverdue: figures.loans,
    };
  }
}
