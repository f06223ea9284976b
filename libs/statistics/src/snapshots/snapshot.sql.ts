import { FIGURE_NAMES, columnOf } from './figures';

/**
 * The set-based statements of the snapshot job. Statistics is a read model: these statements read other contexts'
 * tables directly (and only here), never write them:
 *
 * - loans, installments, repayments, repayment_allocations (libs/loans): loans made, balances, amounts due and paid;
 * - loan_applications, applicants (libs/applicants): officer, borrower category, sub-flags, female flag, jobs created
 *   at application, review steps past their deadline;
 * - guarantees, compensation_claims, guarantee_fund_entries (libs/guarantee-funds): fund, compensation, recovery;
 * - subsidy_claim_batches, subsidy_claim_lines, subsidy_payouts (libs/subsidies): subsidy claimed and paid.
 *
 * A day is read as it stood: what was paid by the date is today's paid columns less the allocations of postings dated
 * after it (a back-dated posting therefore changes the days from its value date on, which the job re-computes).
 * Schedule rows replaced by an extension or a payoff (SUPERSEDED) owe nothing on any date. A compensated loan leaves
 * the portfolio on the day the fund pays: it is no longer outstanding, overdue or at risk, its later rows no longer
 * fall due, and it leaves the cumulative figures of the collection rate (its loss is measured by the compensation
 * and recovery rates); what fell due before it stays in the periods it fell due in.
 *
 * Parameters: $1 the business date; $2, $3 pairs (loan region code, each region it counts in: itself and its
 * ancestors up to the province), built by the caller from the codes found.
 */

/**
 * Jobs created recorded elsewhere than the application, per loan, for the date $1: each source is a SELECT of
 * (loan_id, jobs) that is added to the figure.
 *
 * Follow-up visits (`loan_follow_ups`, libs/loans) record the jobs the business gives at the visit: a count, not an
 * increase. A visit adds what it changed since the count known before it (the previous visit not withdrawn, else the
 * application's), so the days' figures add up to the latest count; a visit finding fewer jobs lowers the figure.
 */
export const EXTRA_JOBS_CREATED_SOURCES: readonly string[] = [
  `SELECT d.loan_id, sum(d.delta)::bigint AS jobs FROM (
     SELECT f.loan_id, f.visited_on,
            f.jobs_created - coalesce(
              lag(f.jobs_created) OVER (PARTITION BY f.loan_id ORDER BY f.visited_on, f.recorded_at),
              (SELECT a.jobs_created FROM loans l JOIN applicants a ON a.id = l.applicant_id WHERE l.id = f.loan_id),
              0) AS delta
       FROM loan_follow_ups f
      WHERE f.withdrawn_at IS NULL AND f.visited_on <= $1::date) d
    WHERE d.visited_on = $1::date
    GROUP BY d.loan_id`,
];

/** Application statuses waiting for a reviewer (a step whose deadline can pass). */
const IN_REVIEW = `'SUBMITTED', 'RECOMMENDED', 'ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED'`;

const COLUMNS = FIGURE_NAMES.map(columnOf);
const sumOf = (alias = '') => COLUMNS.map((c) => `sum(${alias}${c})::bigint AS ${c}`).join(',\n       ');

function jobsSources(): string {
  const extra = EXTRA_JOBS_CREATED_SOURCES.map((s) => `UNION ALL ${s}`).join('\n');
  return `SELECT NULL::uuid AS loan_id, 0::bigint AS jobs WHERE false\n${extra}`;
}

/** One row per loan disbursed by $1, with its figures of the day. */
const LOAN_FACTS = `
later AS (
  SELECT a.installment_id, sum(a.principal_fen) AS p, sum(a.interest_fen) AS i
    FROM repayments r JOIN repayment_allocations a ON a.repayment_id = r.id
   WHERE r.status = 'POSTED' AND r.value_date > $1::date
   GROUP BY a.installment_id
),
rows_at AS (
  SELECT i.loan_id, i.status, i.due_date, lo.grace_days, cc.paid_on AS compensated_on,
         i.principal_due_fen AS pd, i.interest_due_fen AS idue,
         i.principal_paid_fen - coalesce(l.p, 0) AS pp,
         i.interest_paid_fen - coalesce(l.i, 0) AS ip
    FROM installments i
    JOIN loans lo ON lo.id = i.loan_id
    LEFT JOIN later l ON l.installment_id = i.id
    LEFT JOIN compensation_claims cc ON cc.loan_id = i.loan_id AND cc.status = 'PAID' AND cc.paid_on <= $1::date
   WHERE lo.value_date <= $1::date
),
per_loan AS (
  SELECT loan_id,
         sum(pp) AS principal_paid,
         sum(pd + idue) FILTER (WHERE live AND compensated_on IS NULL AND due_date <= $1::date) AS cum_due,
         sum(least(pp + ip, pd + idue)) FILTER (WHERE live AND compensated_on IS NULL AND due_date <= $1::date)
           AS cum_collected,
         sum(pd + idue) FILTER (WHERE live AND due_date = $1::date) AS due_today,
         sum(least(pp + ip, pd + idue)) FILTER (WHERE live AND due_date = $1::date) AS due_today_paid,
         sum(pd - pp) FILTER (WHERE late) AS overdue_principal,
         sum(idue - ip) FILTER (WHERE late) AS overdue_interest,
         min(due_date) FILTER (WHERE late) AS oldest_late
    FROM (SELECT r.*, r.status <> 'SUPERSEDED' AND (r.compensated_on IS NULL OR r.due_date <= r.compensated_on) AS live,
                 r.status <> 'SUPERSEDED' AND r.due_date + r.grace_days < $1::date AND pp + ip < pd + idue AS late
            FROM rows_at r) x
   GROUP BY loan_id
),
events AS (
  SELECT loan_id, sum(comp_count) AS comp_count, sum(comp_fen) AS comp_fen, sum(cum_comp) AS cum_comp,
         sum(rec_fen) AS rec_fen, sum(cum_rec) AS cum_rec, sum(claimed) AS claimed, sum(paid) AS paid,
         sum(rp) AS rp, sum(ri) AS ri, sum(jobs) AS jobs, bool_or(compensated) AS compensated
    FROM (
      SELECT c.loan_id, (c.paid_on = $1::date)::int AS comp_count,
             CASE WHEN c.paid_on = $1::date THEN c.fund_pays_fen ELSE 0 END AS comp_fen, c.fund_pays_fen AS cum_comp,
             0 AS rec_fen, 0 AS cum_rec, 0 AS claimed, 0 AS paid, 0 AS rp, 0 AS ri, 0 AS jobs, true AS compensated
        FROM compensation_claims c WHERE c.status = 'PAID' AND c.paid_on <= $1::date
      UNION ALL
      SELECT e.loan_id, 0, 0, 0, CASE WHEN e.value_date = $1::date THEN e.amount_fen ELSE 0 END, e.amount_fen,
             0, 0, 0, 0, 0, false
        FROM guarantee_fund_entries e
        LEFT JOIN guarantee_fund_entries o ON o.id = e.reverses_entry_id
       WHERE e.loan_id IS NOT NULL AND e.value_date <= $1::date
         AND (e.kind = 'RECOVERY_RECEIVED' OR (e.kind = 'REVERSAL' AND o.kind = 'RECOVERY_RECEIVED'))
      UNION ALL
      SELECT l.loan_id, 0, 0, 0, 0, 0, l.subsidy_fen, 0, 0, 0, 0, false
        FROM subsidy_claim_lines l JOIN subsidy_claim_batches b ON b.id = l.batch_id
       WHERE (b.submitted_at AT TIME ZONE 'Asia/Shanghai')::date = $1::date
      UNION ALL
      SELECT l.loan_id, 0, 0, 0, 0, 0, 0, l.subsidy_fen, 0, 0, 0, false
        FROM subsidy_claim_lines l JOIN subsidy_payouts p ON p.id = l.payout_id
       WHERE p.payment_date = $1::date
      UNION ALL
      SELECT r.loan_id, 0, 0, 0, 0, 0, 0, 0, a.principal_fen, a.interest_fen, 0, false
        FROM repayments r JOIN repayment_allocations a ON a.repayment_id = r.id
       WHERE r.status = 'POSTED' AND r.value_date = $1::date
      UNION ALL
      SELECT j.loan_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, j.jobs, false FROM (${jobsSources()}) j
    ) u
   GROUP BY loan_id
),
facts AS (
  SELECT lo.region_code, lo.bank_organisation_id::text AS bank, g.fund_id::text AS fund,
         ap.created_by_user_id::text AS officer, coalesce(a.category, '') AS category, a.sub_flags, a.female,
         true AS is_loan, x.*
    FROM loans lo
    JOIN loan_applications ap ON ap.id = lo.application_id
    JOIN applicants a ON a.id = lo.applicant_id
    LEFT JOIN guarantees g ON g.application_id = lo.application_id AND g.status <> 'CANCELLED'
    LEFT JOIN per_loan pl ON pl.loan_id = lo.id
    LEFT JOIN events ev ON ev.loan_id = lo.id
    CROSS JOIN LATERAL (
      SELECT CASE WHEN coalesce(ev.compensated, false) OR lo.status = 'WRITTEN_OFF' THEN 0
                  ELSE lo.principal_fen - coalesce(pl.principal_paid, 0) END AS outstanding,
             CASE WHEN coalesce(ev.compensated, false) OR lo.status = 'WRITTEN_OFF' THEN NULL
                  ELSE $1::date - pl.oldest_late END AS days_late
    ) o
    CROSS JOIN LATERAL (
      SELECT (lo.value_date = $1::date)::int AS loans_made_count,
             CASE WHEN lo.value_date = $1::date THEN lo.principal_fen ELSE 0 END AS loans_made_fen,
             (lo.value_date = $1::date AND a.female)::int AS female_loans_made_count,
             CASE WHEN lo.value_date = $1::date AND a.female THEN lo.principal_fen ELSE 0 END AS female_loans_made_fen,
             coalesce(ev.rp, 0) AS repaid_principal_fen,
             coalesce(ev.ri, 0) AS repaid_interest_fen,
             coalesce(pl.due_today, 0) AS due_fen,
             coalesce(pl.due_today_paid, 0) AS due_repaid_on_time_fen,
             coalesce(ev.comp_count, 0) AS compensated_count,
             coalesce(ev.comp_fen, 0) AS compensated_fen,
             coalesce(ev.rec_fen, 0) AS recovered_fen,
             coalesce(ev.claimed, 0) AS subsidy_claimed_fen,
             coalesce(ev.paid, 0) AS subsidy_paid_fen,
             CASE WHEN lo.value_date = $1::date THEN a.jobs_created ELSE 0 END + coalesce(ev.jobs, 0) AS jobs_created,
             (o.outstanding > 0)::int AS outstanding_count,
             o.outstanding AS outstanding_fen,
             (o.outstanding > 0 AND a.female)::int AS female_outstanding_count,
             CASE WHEN a.female THEN o.outstanding ELSE 0 END AS female_outstanding_fen,
             (o.days_late IS NOT NULL)::int AS overdue_count,
             CASE WHEN o.days_late IS NOT NULL THEN coalesce(pl.overdue_principal, 0) ELSE 0 END AS overdue_principal_fen,
             CASE WHEN o.days_late IS NOT NULL THEN coalesce(pl.overdue_interest, 0) ELSE 0 END AS overdue_interest_fen,
             CASE WHEN o.days_late > 30 THEN o.outstanding ELSE 0 END AS par30_fen,
             CASE WHEN o.days_late > 90 THEN o.outstanding ELSE 0 END AS par90_fen,
             coalesce(pl.cum_due, 0) AS cum_due_fen,
             coalesce(pl.cum_collected, 0) AS cum_collected_fen,
             lo.principal_fen AS cum_loans_made_fen,
             coalesce(ev.cum_comp, 0) AS cum_compensated_fen,
             coalesce(ev.cum_rec, 0) AS cum_recovered_fen,
             0 AS review_steps_late
    ) x
   WHERE lo.value_date <= $1::date
),
late_reviews AS (
  SELECT ap.region_code, ap.bank_organisation_id::text AS bank, NULL::text AS fund,
         ap.created_by_user_id::text AS officer, '' AS category, '{}'::varchar[] AS sub_flags, false AS female,
         false AS is_loan, ${COLUMNS.map((c) => (c === 'review_steps_late' ? '1' : '0') + ` AS ${c}`).join(', ')}
    FROM loan_applications ap
   WHERE ap.status IN (${IN_REVIEW}) AND ap.step_due_date < $1::date
)`;

const SUMS = COLUMNS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ');
const COLS = (alias: string) => COLUMNS.map((c) => `${alias}.${c}`).join(', ');

/**
 * The breakdowns of each scope: each one a GROUP BY of the day's per-loan facts (one pass over the materialised rows
 * per breakdown, at the finest region), then rolled up the region chain. A village has its total only: breakdowns
 * (bank, fund, officer, category, sub-flag, female) start at the township, which keeps a day's rows in the thousands.
 * Late reviews count in the totals and the bank and officer breakdowns; the other breakdowns are of loans.
 */
const KEYED = `
units AS (
  SELECT region_code, bank, officer, ${COLUMNS.join(', ')} FROM facts
  UNION ALL SELECT region_code, bank, officer, ${COLUMNS.join(', ')} FROM late_reviews
),
by_region AS (
  SELECT region_code, 'TOTAL' AS kind, '' AS key, ${SUMS} FROM units GROUP BY region_code
  UNION ALL SELECT region_code, 'BANK', bank, ${SUMS} FROM units GROUP BY region_code, bank
  UNION ALL SELECT region_code, 'OFFICER', officer, ${SUMS} FROM units GROUP BY region_code, officer
  UNION ALL SELECT region_code, 'FUND', fund, ${SUMS} FROM facts WHERE fund IS NOT NULL GROUP BY region_code, fund
  UNION ALL SELECT region_code, 'CATEGORY', category, ${SUMS} FROM facts GROUP BY region_code, category
  UNION ALL SELECT region_code, 'FEMALE', CASE WHEN female THEN 'Y' ELSE 'N' END, ${SUMS} FROM facts GROUP BY 1, 3
  UNION ALL SELECT region_code, 'SUB_FLAG', f.flag, ${SUMS}
              FROM facts CROSS JOIN LATERAL unnest(sub_flags) f(flag) GROUP BY 1, 3
),
by_bank AS (
  SELECT bank, 'TOTAL' AS kind, '' AS key, ${SUMS} FROM units GROUP BY bank
  UNION ALL SELECT bank, 'OFFICER', officer, ${SUMS} FROM units GROUP BY bank, officer
  UNION ALL SELECT bank, 'FUND', fund, ${SUMS} FROM facts WHERE fund IS NOT NULL GROUP BY bank, fund
  UNION ALL SELECT bank, 'CATEGORY', category, ${SUMS} FROM facts GROUP BY bank, category
  UNION ALL SELECT bank, 'FEMALE', CASE WHEN female THEN 'Y' ELSE 'N' END, ${SUMS} FROM facts GROUP BY 1, 3
  UNION ALL SELECT bank, 'SUB_FLAG', f.flag, ${SUMS}
              FROM facts CROSS JOIN LATERAL unnest(sub_flags) f(flag) GROUP BY 1, 3
  UNION ALL SELECT bank, 'REGION', region_code, ${SUMS} FROM facts GROUP BY bank, region_code
),
chain AS (SELECT * FROM unnest($2::text[], $3::text[]) AS c(code, region)),
keyed AS (
  SELECT 'REGION' AS scope_kind, c.region AS scope_key, r.kind, r.key, ${COLS('r')}
    FROM by_region r JOIN chain c ON c.code = r.region_code
   WHERE r.kind = 'TOTAL' OR length(c.region) <= 9
  UNION ALL
  SELECT 'BANK', b.bank, b.kind, b.key, ${COLS('b')} FROM by_bank b WHERE b.kind <> 'REGION'
  UNION ALL
  SELECT 'BANK', b.bank, 'REGION', c.region, ${COLS('b')}
    FROM by_bank b JOIN chain c ON c.code = b.key
   WHERE b.kind = 'REGION' AND length(c.region) <= 9
)`;

/** Distinct region codes of loans and applications (the caller builds their chains). */
export const REGION_CODES_SQL = `
SELECT DISTINCT region_code FROM loans WHERE value_date <= $1::date
UNION SELECT DISTINCT region_code FROM loan_applications WHERE step_due_date < $1::date`;

/** Writes the date's rows (after the caller deleted the old ones); returns the number written. */
export const INSERT_SNAPSHOT_SQL = `
WITH ${LOAN_FACTS},
${KEYED}
INSERT INTO statistics_snapshots (business_date, scope_kind, scope_key, dimension_kind, dimension_key, ${COLUMNS.join(', ')})
SELECT $1::date, scope_kind, scope_key, kind, key,
       ${sumOf()}
  FROM keyed
 GROUP BY scope_kind, scope_key, kind, key`;

/** The floor of the benchmark: the simplest single aggregate over the same rows (installments joined to loans). */
export const FLOOR_SQL = `
SELECT lo.region_code, sum(i.principal_due_fen - i.principal_paid_fen) AS outstanding,
       sum(i.principal_due_fen + i.interest_due_fen) FILTER (WHERE i.due_date <= $1::date) AS due
  FROM installments i JOIN loans lo ON lo.id = i.loan_id
 WHERE lo.value_date <= $1::date
 GROUP BY lo.region_code`;
