/**
 * The one definition of penalty accrual, shared by the nightly close and the payoff (and mirrored in TypeScript
 * by the payoff quote): overdue principal × contract rate × (1 + uplift) × days since the due date or the last
 * accrual, over the loan's day-count basis, rounded once half away from zero. Aliases: `i` installments,
 * `l` loans; `$date` stands for the accrual date parameter.
 */
export function penaltyIncrementSql(date: string): string {
  return `round((i.principal_due_fen - i.principal_paid_fen)::numeric * l.annual_rate * (1 + l.penalty_uplift)
            * (${date}::date - coalesce(i.penalty_accrued_through, i.due_date))
            / CASE l.conventions->>'dayCount' WHEN 'ACT_365' THEN 365 ELSE 360 END)::bigint`;
}

/** Which installments accrue penalty on `date`. */
export function accruesPenaltySql(date: string): string {
  return `i.status = 'OVERDUE' AND l.status IN ('ACTIVE', 'OVERDUE') AND i.principal_due_fen > i.principal_paid_fen
          AND coalesce(i.penalty_accrued_through, i.due_date) < ${date}::date`;
}
