import { penaltyBasisSql, penaltyOfFenDaysSql } from './penalty';

/**
 * The nightly close of installments in SQL, mirroring `accrueTo` and `statusOn` of the servicing ledger for
 * installments past grace on `$1` (aliases: `i` installments, `l` loans): the overdue basis is counted from where it
 * stopped (or the due date) through `$1`, the penalty charged is derived from the count, and the installment is
 * overdue. Installments still within grace are left alone: counting them later gives the same figures.
 * `extra` narrows the loans (e.g. `AND i.loan_id = $2`). Returns, per changed installment: its loan, its status
 * before, and the penalty charged by this run.
 */
export function closeInstallmentsSql(extra = ''): string {
  const from = `coalesce(i.penalty_accrued_through, i.due_date)`;
  const fenDays = `i.penalty_fen_days + (${penaltyBasisSql()}) * greatest($1::date - ${from}, 0)`;
  // Rows are found by the index on (status, due_date) and updated by their physical address (ctid), not by a
  // second pass over the table. A row a posting changed meanwhile no longer has that address and is left to the
  // posting (which brings it up to date itself) and to the next close.
  return `
    WITH due AS MATERIALIZED (
      SELECT i.ctid AS tid, i.loan_id, i.status AS was, i.penalty_accrued_fen AS before, f.fen_days,
             ${penaltyOfFenDaysSql('f.fen_days')} AS charged
        FROM installments i JOIN loans l ON l.id = i.loan_id
             CROSS JOIN LATERAL (SELECT ${fenDays} AS fen_days) f
       WHERE i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE') AND i.due_date < $1::date
         AND l.status IN ('ACTIVE', 'OVERDUE') AND i.due_date + l.grace_days < $1::date
         AND (${from} < $1::date OR i.status <> 'OVERDUE') ${extra})
    UPDATE installments i
       SET status = 'OVERDUE', penalty_fen_days = d.fen_days,
           penalty_accrued_through = greatest($1::date, i.penalty_accrued_through),
           penalty_accrued_fen = greatest(i.penalty_accrued_fen, d.charged)
      FROM due d
     WHERE i.ctid = ANY (ARRAY(SELECT tid FROM due)) AND i.ctid = d.tid
    RETURNING d.loan_id, d.was, greatest(d.charged - d.before, 0) AS charged`;
}
