import { STOCK_FIGURES, columnOf } from './figures';
import { COLUMNS, KEY_COLUMNS, STOCK_COLUMNS, sameValues } from './snapshot.sql';

/*
 * The statements of the snapshot job that find what changed since the loans' facts were stored: the loans the
 * nightly run re-computes, the loans a back-dated change made stale, and those of a run whose figures did not move.
 */

/**
 * The loans whose figures may differ between the stored date $2 (the facts' date) and $1: a row falling due or turning
 * late, a loan disbursed, a repayment, compensation, recovery, subsidy or follow-up dated in between, a dated event
 * entered since the facts were computed ($3, a little before, so that a change committing while they were computed is
 * not lost); `keys_changed` when its applicant or guarantee changed (its breakdown keys are read again). Re-computing
 * a loan that did not change adds nothing.
 */
export const CHANGED_LOANS_SQL = `
INSERT INTO stat_changed (loan_id, keys_changed)
SELECT loan_id, bool_or(keys) FROM (
  SELECT loan_id, false AS keys FROM statistics_loan_facts
   WHERE next_change_on > $2::date AND next_change_on <= $1::date
  UNION ALL SELECT id, false FROM loans WHERE (value_date > $2::date AND value_date <= $1::date) OR updated_at >= $3
  UNION ALL SELECT loan_id, false FROM repayments
   WHERE (value_date > $2::date AND value_date <= $1::date) OR posted_at >= $3 OR reversed_at >= $3
  UNION ALL SELECT loan_id, false FROM compensation_claims
   WHERE (paid_on > $2::date AND paid_on <= $1::date) OR updated_at >= $3
  UNION ALL SELECT loan_id, false FROM guarantee_fund_entries
   WHERE loan_id IS NOT NULL AND ((value_date > $2::date AND value_date <= $1::date) OR booked_at >= $3)
  UNION ALL SELECT l.loan_id, false FROM subsidy_claim_lines l JOIN subsidy_claim_batches b ON b.id = l.batch_id
   WHERE (b.submitted_at AT TIME ZONE 'Asia/Shanghai')::date > $2::date
     AND (b.submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= $1::date
  UNION ALL SELECT l.loan_id, false FROM subsidy_claim_lines l JOIN subsidy_payouts p ON p.id = l.payout_id
   WHERE p.payment_date > $2::date AND p.payment_date <= $1::date
  UNION ALL SELECT loan_id, false FROM loan_follow_ups
   WHERE (visited_on > $2::date AND visited_on <= $1::date) OR recorded_at >= $3 OR withdrawn_at >= $3
  UNION ALL SELECT lo.id, true FROM loans lo JOIN applicants a ON a.id = lo.applicant_id WHERE a.updated_at >= $3
  UNION ALL SELECT lo.id, true FROM loans lo JOIN guarantees g ON g.application_id = lo.application_id
   WHERE g.updated_at >= $3
) x
GROUP BY loan_id`;

/**
 * Loans a change entered since the facts were computed ($2, a little before) made stale on stored days (on or before
 * the facts' date $1), each from the earliest date it changed: a repayment posted or reversed with an earlier value
 * date (whatever it paid: principal, interest only, penalty), compensation, recovery or a follow-up visit dated
 * back, and the loans marked in the posting's own transaction (`statistics_dirty_loans`, a back-dated disbursement).
 */
export const STALE_LOANS_SQL = `
INSERT INTO stat_stale (loan_id, from_date)
SELECT loan_id, min(d) FROM (
  SELECT loan_id, value_date AS d FROM repayments
   WHERE (posted_at >= $2 OR reversed_at >= $2) AND value_date <= $1::date
  UNION ALL SELECT loan_id, paid_on FROM compensation_claims WHERE updated_at >= $2 AND paid_on <= $1::date
  UNION ALL SELECT loan_id, value_date FROM guarantee_fund_entries
   WHERE loan_id IS NOT NULL AND booked_at >= $2 AND value_date <= $1::date
  UNION ALL SELECT loan_id, visited_on FROM loan_follow_ups
   WHERE (recorded_at >= $2 OR withdrawn_at >= $2) AND visited_on <= $1::date
  UNION ALL SELECT loan_id, from_date FROM statistics_dirty_loans WHERE from_date <= $1::date
) x
GROUP BY loan_id`;

/**
 * Of the loans re-computed on $1, those whose figures did not move (same breakdown keys, same positions, no flow of
 * the day, same next change): they add nothing, and keep the version they have.
 */
export const UNMOVED_LOANS_SQL = `
SELECT n.loan_id FROM stat_new n JOIN stat_old o ON o.loan_id = n.loan_id
 WHERE ${sameValues('n', 'o', [...KEY_COLUMNS, ...STOCK_FIGURES.map(columnOf), 'next_change_on'])}
   AND ${COLUMNS.filter((c) => !STOCK_COLUMNS.has(c))
     .map((c) => `n.${c} = 0`)
     .join(' AND ')}`;
