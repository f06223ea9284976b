import { FIGURE_NAMES, STOCK_FIGURES, columnOf } from './figures';

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
 * The job keeps each loan's figures (`statistics_loan_facts`, as of the last date stored) so that the nightly case
 * re-computes only the loans something happened to since (`CHANGED_LOANS_SQL` in `snapshot-changes.sql.ts`), and writes the day's rows as the
 * previous day's positions plus the difference those loans make (`snapshotInsertSql`). A full build computes every
 * loan. Parameters: $1 the business date; further ones per statement.
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

export const COLUMNS = FIGURE_NAMES.map(columnOf);
export const STOCK_COLUMNS = new Set<string>(STOCK_FIGURES.map(columnOf));
const SUMS = COLUMNS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ');
const COLS = (alias: string) => COLUMNS.map((c) => `${alias}.${c}`).join(', ');
const sumOf = (alias = '') => COLUMNS.map((c) => `sum(${alias}${c})::bigint AS ${c}`).join(',\n       ');

function jobsSources(): string {
  const extra = EXTRA_JOBS_CREATED_SOURCES.map((s) => `UNION ALL ${s}`).join('\n');
  return `SELECT NULL::uuid AS loan_id, 0::bigint AS jobs WHERE false\n${extra}`;
}

/** Loans a statement is restricted to (the changed set of an incremental run), or none (every loan). */
export type LoanSet = 'ALL' | 'CHANGED';

const only = (set: LoanSet, column: string) =>
  set === 'CHANGED' ? `AND ${column} IN (SELECT loan_id FROM stat_changed)` : '';

/** The dimensions of a loan's facts row, then its figures, then the next date its figures change by themselves. */
export const FACT_COLUMNS = [
  'loan_id',
  'region_code',
  'bank',
  'fund',
  'officer',
  'category',
  'sub_flags',
  'female',
  ...COLUMNS,
  'next_change_on',
] as const;

/** A loan's breakdown keys (d): its fund, officer, category, sub-flags, female flag, and jobs at application. */
const ALL_KEYS = `
  JOIN loan_applications ap ON ap.id = lo.application_id
  JOIN applicants a ON a.id = lo.applicant_id
  LEFT JOIN guarantees g ON g.application_id = lo.application_id AND g.status <> 'CANCELLED'
  CROSS JOIN LATERAL (
    SELECT g.fund_id::text AS fund, ap.created_by_user_id::text AS officer, coalesce(a.category, '') AS category,
           a.sub_flags, a.female, a.jobs_created
  ) d`;

/**
 * The same for the changed loans: taken from the loan's newest version when its applicant and guarantee did not change
 * since (`keys_changed`), which spares two lookups per loan; else read as above. (A loan with a version was disbursed
 * before $1: its jobs at application no longer count.)
 */
const CHANGED_KEYS = `
  JOIN stat_changed ch ON ch.loan_id = lo.id
  LEFT JOIN LATERAL (
    SELECT true AS found, f.fund, f.officer, f.category, f.sub_flags, f.female
      FROM statistics_loan_facts f
     WHERE NOT ch.keys_changed AND f.loan_id = lo.id AND f.as_of <= $1::date
     ORDER BY f.as_of DESC LIMIT 1
  ) k ON true
  LEFT JOIN LATERAL (
    SELECT g.fund_id::text AS fund, ap.created_by_user_id::text AS officer, coalesce(a.category, '') AS category,
           a.sub_flags, a.female, a.jobs_created
      FROM loan_applications ap
      JOIN applicants a ON a.id = lo.applicant_id
      LEFT JOIN guarantees g ON g.application_id = lo.application_id AND g.status <> 'CANCELLED'
     WHERE k.found IS NULL AND ap.id = lo.application_id
  ) j ON true
  CROSS JOIN LATERAL (
    SELECT CASE WHEN k.found THEN k.fund ELSE j.fund END AS fund,
           CASE WHEN k.found THEN k.officer ELSE j.officer END AS officer,
           CASE WHEN k.found THEN k.category ELSE j.category END AS category,
           CASE WHEN k.found THEN k.sub_flags ELSE j.sub_flags END AS sub_flags,
           CASE WHEN k.found THEN k.female ELSE j.female END AS female,
           coalesce(j.jobs_created, 0) AS jobs_created
  ) d`;

/**
 * One row per loan disbursed by $1 (of the set), with its figures of the day and `next_change_on`: the first date
 * after $1 on which its figures change with nothing posted (a row falls due, a row turns late after grace, the oldest
 * late row crosses 30 or 90 days).
 */
export function loanFactsSql(set: LoanSet): string {
  return `
WITH later AS (
  SELECT a.installment_id, sum(a.principal_fen) AS p, sum(a.interest_fen) AS i
    FROM repayments r JOIN repayment_allocations a ON a.repayment_id = r.id
   WHERE r.status = 'POSTED' AND r.value_date > $1::date ${only(set, 'r.loan_id')}
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
   WHERE lo.value_date <= $1::date ${only(set, 'i.loan_id')}
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
         min(due_date) FILTER (WHERE late) AS oldest_late,
         min(least(CASE WHEN live AND due_date > $1::date THEN due_date END,
                   CASE WHEN status <> 'SUPERSEDED' AND pp + ip < pd + idue AND due_date + grace_days + 1 > $1::date
                        THEN due_date + grace_days + 1 END)) AS next_row_change
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
       WHERE r.status = 'POSTED' AND r.value_date = $1::date ${only(set, 'r.loan_id')}
      UNION ALL
      SELECT j.loan_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, j.jobs, false FROM (${jobsSources()}) j
    ) u
   GROUP BY loan_id
)
SELECT lo.id AS loan_id, lo.region_code, lo.bank_organisation_id::text AS bank, d.fund, d.officer, d.category,
       d.sub_flags, d.female,
       ${COLUMNS.map((c) => `x.${c}`).join(', ')},
       CASE WHEN o.days_late IS NULL THEN pl.next_row_change
            ELSE least(pl.next_row_change,
                       CASE WHEN o.days_late <= 30 THEN pl.oldest_late + 31 END,
                       CASE WHEN o.days_late <= 90 THEN pl.oldest_late + 91 END) END AS next_change_on
  FROM loans lo
  ${set === 'CHANGED' ? CHANGED_KEYS : ALL_KEYS}
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
           (lo.value_date = $1::date AND d.female)::int AS female_loans_made_count,
           CASE WHEN lo.value_date = $1::date AND d.female THEN lo.principal_fen ELSE 0 END AS female_loans_made_fen,
           coalesce(ev.rp, 0) AS repaid_principal_fen,
           coalesce(ev.ri, 0) AS repaid_interest_fen,
           coalesce(pl.due_today, 0) AS due_fen,
           coalesce(pl.due_today_paid, 0) AS due_repaid_on_time_fen,
           coalesce(ev.comp_count, 0) AS compensated_count,
           coalesce(ev.comp_fen, 0) AS compensated_fen,
           coalesce(ev.rec_fen, 0) AS recovered_fen,
           coalesce(ev.claimed, 0) AS subsidy_claimed_fen,
           coalesce(ev.paid, 0) AS subsidy_paid_fen,
           CASE WHEN lo.value_date = $1::date THEN d.jobs_created ELSE 0 END + coalesce(ev.jobs, 0) AS jobs_created,
           (o.outstanding > 0)::int AS outstanding_count,
           o.outstanding AS outstanding_fen,
           (o.outstanding > 0 AND d.female)::int AS female_outstanding_count,
           CASE WHEN d.female THEN o.outstanding ELSE 0 END AS female_outstanding_fen,
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
 WHERE lo.value_date <= $1::date ${only(set, 'lo.id')}`;
}

/** Applications whose review step is past its deadline on $1, as units of the breakdowns (no loan dimensions). */
const LATE_REVIEWS = `
SELECT ap.region_code, ap.bank_organisation_id::text AS bank, ap.created_by_user_id::text AS officer,
       NULL::text AS fund, NULL::text AS category, NULL::text AS female_key, NULL::text AS loan_region,
       '{}'::varchar[] AS sub_flags,
       ${COLUMNS.map((c) => (c === 'review_steps_late' ? '1' : '0') + ` AS ${c}`).join(', ')}
  FROM loan_applications ap
 WHERE ap.status IN (${IN_REVIEW}) AND ap.step_due_date < $1::date`;

const unitOf = (rel: string, old: boolean) => `
SELECT f.region_code, f.bank, f.officer, f.fund, f.category, CASE WHEN f.female THEN 'Y' ELSE 'N' END AS female_key,
       f.region_code AS loan_region, f.sub_flags,
       ${COLUMNS.map((c) =>
         !old
           ? `f.${c}`
           : STOCK_COLUMNS.has(c)
             ? `-f.${c} AS ${c}`
             : `CASE WHEN f.as_of = $1::date THEN -f.${c} ELSE 0 END AS ${c}`,
       ).join(', ')}
  FROM ${rel}`;

/** A loan's breakdown keys: a version with the same keys as the new facts nets against them in one unit. */
export const KEY_COLUMNS = ['region_code', 'bank', 'fund', 'officer', 'category', 'sub_flags', 'female'];
/** Rows `a` and `b` agree on these columns (nulls alike). */
export const sameValues = (a: string, b: string, columns: readonly string[]) =>
  `(${columns.map((c) => `${a}.${c}`).join(', ')}) IS NOT DISTINCT FROM (${columns.map((c) => `${b}.${c}`).join(', ')})`;
const sameKeys = (a: string, b: string) => sameValues(a, b, KEY_COLUMNS);

/**
 * The units summed into a day's rows: loans' facts ($1's, from `plus`), less the facts they replace (`minus`, a table:
 * the versions the day's stored rows counted; their flows only when they are of $1 itself) — one unit per loan when
 * its keys did not change, else the old version negated apart — and the day's late reviews.
 */
function unitsCte(plus: string, minus: string | null): string {
  if (!minus) return `units AS (\n${unitOf(`${plus} f`, false)}\nUNION ALL ${LATE_REVIEWS}\n)`;
  const oldOf = (c: string) =>
    STOCK_COLUMNS.has(c) ? `o.${c}` : `CASE WHEN o.as_of = $1::date THEN o.${c} ELSE 0 END`;
  return `units AS (
SELECT n.region_code, n.bank, n.officer, n.fund, n.category, CASE WHEN n.female THEN 'Y' ELSE 'N' END AS female_key,
       n.region_code AS loan_region, n.sub_flags,
       ${COLUMNS.map((c) => `n.${c} - CASE WHEN o.loan_id IS NULL THEN 0 ELSE ${oldOf(c)} END AS ${c}`).join(', ')}
  FROM ${plus} n LEFT JOIN ${minus} o ON o.loan_id = n.loan_id AND ${sameKeys('n', 'o')}
UNION ALL ${unitOf(`${minus} f`, true)}
 WHERE NOT EXISTS (SELECT 1 FROM ${plus} n WHERE n.loan_id = f.loan_id AND ${sameKeys('n', 'f')})
UNION ALL ${LATE_REVIEWS}
)`;
}

/** Distinct region codes of the units (the caller builds their chains). */
export function regionCodesSql(plus: string, minus: string | null): string {
  return `WITH ${unitsCte(plus, minus)} SELECT DISTINCT region_code FROM units`;
}

/**
 * The day's rows in one pass of GROUPING SETS over the units at their own region (village) and bank: a region's total
 * and its breakdowns by bank, officer, fund, category and female; a bank's total and its breakdowns by officer, fund,
 * category, female and region; sub-flags by unnesting the loans that have any. Then rolled up the region chain ($2,
 * $3: pairs of a unit's region code and each region it counts in). A village has its total only: breakdowns start
 * at the township. Late reviews count in the totals and the bank and officer breakdowns only (their other keys are
 * null, and null keys are dropped).
 *
 * With a `base` (the rows of date $4 in its relation), those rows are added, late reviews zeroed (re-counted in the
 * units), and flows zeroed too when they are another day's: the day's rows are then the stored positions plus the
 * difference the changed loans make (their counted versions are in `minus`). A key left with every figure zero is not
 * stored (as a full build would not find it).
 */
export function snapshotInsertSql(
  plus: string,
  minus: string | null,
  base: { rel: string; keepFlows: boolean } | null,
): string {
  // $4 is typed by its use in the base rows only.
  const g = (c: string) => `GROUPING(${c})`;
  return `
WITH ${unitsCte(plus, minus)},
grouped AS (
  SELECT ${g('region_code')} AS gr, ${g('bank')} AS gb, ${g('officer')} AS go, ${g('fund')} AS gf,
         ${g('category')} AS gc, ${g('female_key')} AS gfe, ${g('loan_region')} AS glr,
         region_code, bank, officer, fund, category, female_key, loan_region, ${SUMS}
    FROM units
   GROUP BY GROUPING SETS ((region_code), (region_code, bank), (region_code, officer), (region_code, fund),
                           (region_code, category), (region_code, female_key),
                           (bank), (bank, officer), (bank, fund), (bank, category), (bank, female_key),
                           (bank, loan_region))
),
flagged AS (
  SELECT GROUPING(region_code) AS gr, region_code, bank, f.flag, ${SUMS}
    FROM units CROSS JOIN LATERAL unnest(sub_flags) f(flag)
   WHERE cardinality(sub_flags) > 0
   GROUP BY GROUPING SETS ((region_code, f.flag), (bank, f.flag))
),
parts AS (
  SELECT CASE WHEN gr = 0 THEN 'REGION' ELSE 'BANK' END AS scope_kind,
         CASE WHEN gr = 0 THEN region_code ELSE bank END AS code,
         CASE WHEN gr = 0 AND gb = 0 THEN 'BANK' WHEN go = 0 THEN 'OFFICER' WHEN gf = 0 THEN 'FUND'
              WHEN gc = 0 THEN 'CATEGORY' WHEN gfe = 0 THEN 'FEMALE' WHEN glr = 0 THEN 'REGION' ELSE 'TOTAL' END AS kind,
         CASE WHEN gr = 0 AND gb = 0 THEN bank WHEN go = 0 THEN officer WHEN gf = 0 THEN fund
              WHEN gc = 0 THEN category WHEN gfe = 0 THEN female_key WHEN glr = 0 THEN loan_region ELSE '' END AS key,
         ${COLUMNS.join(', ')}
    FROM grouped
  UNION ALL
  SELECT CASE WHEN gr = 0 THEN 'REGION' ELSE 'BANK' END, CASE WHEN gr = 0 THEN region_code ELSE bank END,
         'SUB_FLAG', flag, ${COLUMNS.join(', ')}
    FROM flagged
),
chain AS (SELECT * FROM unnest($2::text[], $3::text[]) AS c(code, region)),
keyed AS (
  SELECT 'REGION' AS scope_kind, c.region AS scope_key, p.kind, p.key, ${COLS('p')}
    FROM parts p JOIN chain c ON c.code = p.code
   WHERE p.scope_kind = 'REGION' AND p.key IS NOT NULL AND (p.kind = 'TOTAL' OR length(c.region) <= 9)
  UNION ALL
  SELECT 'BANK', p.code, p.kind, p.key, ${COLS('p')}
    FROM parts p WHERE p.scope_kind = 'BANK' AND p.kind <> 'REGION' AND p.key IS NOT NULL
  UNION ALL
  SELECT 'BANK', p.code, 'REGION', c.region, ${COLS('p')}
    FROM parts p JOIN chain c ON c.code = p.key
   WHERE p.scope_kind = 'BANK' AND p.kind = 'REGION' AND length(c.region) <= 9
  ${
    base
      ? `UNION ALL
  SELECT s.scope_kind, s.scope_key, s.dimension_kind, s.dimension_key,
         ${COLUMNS.map((c) =>
           c !== 'review_steps_late' && (base.keepFlows || STOCK_COLUMNS.has(c)) ? `s.${c}` : `0 AS ${c}`,
         ).join(', ')}
    FROM ${base.rel} s WHERE s.business_date = $4::date`
      : ''
  }
)
INSERT INTO statistics_snapshots (business_date, scope_kind, scope_key, dimension_kind, dimension_key, ${COLUMNS.join(', ')})
SELECT $1::date, scope_kind, scope_key, kind, key,
       ${sumOf()}
  FROM keyed
 GROUP BY scope_kind, scope_key, kind, key
HAVING ${COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}`;
}

/** The floor of the benchmark: the simplest single aggregate over the same rows (installments joined to loans). */
export const FLOOR_SQL = `
SELECT lo.region_code, sum(i.principal_due_fen - i.principal_paid_fen) AS outstanding,
       sum(i.principal_due_fen + i.interest_due_fen) FILTER (WHERE i.due_date <= $1::date) AS due
  FROM installments i JOIN loans lo ON lo.id = i.loan_id
 WHERE lo.value_date <= $1::date
 GROUP BY lo.region_code`;

/** The floor of the nightly case: the same aggregate over the changed loans only. */
export const CHANGED_FLOOR_SQL = `
SELECT lo.region_code, sum(i.principal_due_fen - i.principal_paid_fen) AS outstanding,
       sum(i.principal_due_fen + i.interest_due_fen) FILTER (WHERE i.due_date <= $1::date) AS due
  FROM installments i JOIN loans lo ON lo.id = i.loan_id
 WHERE lo.value_date <= $1::date AND lo.id IN (SELECT loan_id FROM stat_changed)
 GROUP BY lo.region_code`;
