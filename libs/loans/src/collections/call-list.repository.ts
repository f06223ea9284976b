import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Scope } from '@mla/auth';
import { penaltyBasisSql, penaltyOfFenDaysSql } from '../servicing/penalty';

/** A loan on the call list with its figures as of the date, and the last contact officers recorded. */
export interface CallListRow {
  loanId: string;
  contractNumber: string;
  applicantId: string;
  bankOrganisationId: string;
  regionCode: string;
  /** Principal, interest and penalty owed on the installments overdue on the date. */
  dueNowFen: bigint;
  /** Days since the oldest overdue installment fell due; 0 when none is overdue. */
  daysLate: number;
  /** The earliest installment still owing that is not overdue (due soon, or within grace). */
  nextDueDate: string | null;
  nextDueFen: bigint | null;
  lastContact: {
    kind: string;
    at: Date;
    outcome: string;
    officerName: string;
  } | null;
}

/** Keyset of the call list: most days late first, then the next due date, then the contract number. */
export type CallListKey = { d: number; n: string; c: string };

export interface CallListQuery {
  asOf: string;
  dueThrough: string;
  scope: Scope;
  regionCode?: string;
  bankOrganisationId?: string;
  limit: number;
  after?: CallListKey;
}

/** A date no next due date reaches: sorts loans with none (all their installments late) after the others. */
const NO_NEXT_DUE = '9999-12-31';

/**
 * Two CTEs, `open_rows` and `per_loan`, over the open installments of loans in servicing (aliases `i`, `l`; `$1` is
 * the date; `narrow` adds conditions on `l`), each installment brought to the date the way the servicing ledger does
 * it (`accrueTo`, `statusOn`: the overdue basis counted from where it stopped, the penalty charged once grace has
 * passed). Per loan: `due_now` (owed on overdue installments), `days_late`, and the next installment not yet overdue
 * (`next_due_date`, `next_due`).
 */
export function loanFiguresSql(narrow: string): string {
  const from = `coalesce(i.penalty_accrued_through, i.due_date)`;
  const fenDays = `i.penalty_fen_days + (${penaltyBasisSql()}) * greatest($1::date - ${from}, 0)`;
  const pastGrace = `i.due_date + l.grace_days < $1::date`;
  return `open_rows AS (
         SELECT i.loan_id, i.due_date, o.owed, (o.owed > 0 AND ${pastGrace}) AS overdue
           FROM installments i JOIN loans l ON l.id = i.loan_id
                CROSS JOIN LATERAL (SELECT ${fenDays} AS fen_days) f
                CROSS JOIN LATERAL (
                  SELECT (i.principal_due_fen - i.principal_paid_fen) + (i.interest_due_fen - i.interest_paid_fen)
                         + CASE WHEN ${pastGrace}
                                THEN greatest(i.penalty_accrued_fen, ${penaltyOfFenDaysSql('f.fen_days')})
                                ELSE i.penalty_accrued_fen END
                         - i.penalty_paid_fen AS owed) o
          WHERE i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE') AND l.status IN ('ACTIVE', 'OVERDUE') ${narrow}),
       per_loan AS (
         SELECT loan_id,
                COALESCE(sum(owed) FILTER (WHERE overdue), 0) AS due_now,
                COALESCE($1::date - min(due_date) FILTER (WHERE overdue), 0) AS days_late,
                min(due_date) FILTER (WHERE overdue) AS oldest_overdue,
                min(due_date) FILTER (WHERE owed > 0 AND NOT overdue) AS next_due_date,
                (array_agg(owed ORDER BY due_date) FILTER (WHERE owed > 0 AND NOT overdue))[1] AS next_due
           FROM open_rows GROUP BY loan_id)`;
}

/**
 * The call list in one statement: every open installment of the loans in servicing within the scope, brought to the
 * date the way the servicing ledger does it (`accrueTo`, `statusOn`: the overdue basis counted from where it stopped,
 * the penalty charged once grace has passed), summed per loan, then the loans late or falling due soon, each with
 * its latest contact. Nothing is written; the nightly close need not have run.
 */
@Injectable()
export class CallListRepository {
  async page(tx: EntityManager, q: CallListQuery): Promise<CallListRow[]> {
    const params: unknown[] = [q.asOf, q.dueThrough];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    switch (q.scope.kind) {
      case 'all':
        break;
      case 'region':
        where.push(`l.region_code LIKE ${param(`${q.scope.regionPrefix}%`)}`);
        break;
      case 'organisation':
        where.push(`l.bank_organisation_id = ANY(${param(q.scope.organisationIds)}::uuid[])`);
        break;
    }
    if (q.regionCode) where.push(`l.region_code LIKE ${param(`${q.regionCode}%`)}`);
    if (q.bankOrganisationId) where.push(`l.bank_organisation_id = ${param(q.bankOrganisationId)}::uuid`);
    const narrow = where.map((w) => `AND ${w}`).join(' ');
    let after = '';
    if (q.after) {
      const d = param(q.after.d);
      const n = param(q.after.n);
      const c = param(q.after.c);
      after = `WHERE x.days_late < ${d}::int
                  OR (x.days_late = ${d}::int AND (x.next_key > ${n}::date
                      OR (x.next_key = ${n}::date AND x.contract_number > ${c})))`;
    }
    const limit = param(q.limit);
    const rows = (await tx.query(
      `WITH ${loanFiguresSql(narrow)},
       listed AS (
         SELECT p.*, COALESCE(p.next_due_date, '${NO_NEXT_DUE}'::date) AS next_key, l.contract_number,
                l.applicant_id, l.bank_organisation_id, l.region_code
           FROM per_loan p JOIN loans l ON l.id = p.loan_id
          WHERE p.days_late > 0 OR p.next_due_date <= $2::date)
       SELECT x.loan_id AS "loanId", x.contract_number AS "contractNumber", x.applicant_id AS "applicantId",
              x.bank_organisation_id AS "bankOrganisationId", x.region_code AS "regionCode",
              x.due_now::text AS "dueNow", x.days_late AS "daysLate",
              to_char(x.next_due_date, 'YYYY-MM-DD') AS "nextDueDate", x.next_due::text AS "nextDue",
              lc.kind AS "contactKind", lc.contacted_at AS "contactedAt", lc.outcome AS "contactOutcome",
              lc.officer_name AS "contactOfficer"
         FROM listed x
         -- The latest contact an officer recorded (index ix_loan_contacts_latest). Reminders the notifications
         -- context sends are merged in by CallListService from its registered CallListContactSource, not read here:
         -- a context never reads another's tables.
         LEFT JOIN LATERAL (
           SELECT c.kind, c.contacted_at, c.outcome, c.officer_name FROM loan_contacts c
            WHERE c.loan_id = x.loan_id ORDER BY c.contacted_at DESC, c.id DESC LIMIT 1) lc ON true
        ${after}
        ORDER BY x.days_late DESC, x.next_key ASC, x.contract_number ASC
        LIMIT ${limit}`,
      params,
    )) as {
      loanId: string;
      contractNumber: string;
      applicantId: string;
      bankOrganisationId: string;
      regionCode: string;
      dueNow: string;
      daysLate: number;
      nextDueDate: string | null;
      nextDue: string | null;
      contactKind: string | null;
      contactedAt: Date | null;
      contactOutcome: string | null;
      contactOfficer: string | null;
    }[];
    return rows.map((r) => ({
      loanId: r.loanId,
      contractNumber: r.contractNumber,
      applicantId: r.applicantId,
      bankOrganisationId: r.bankOrganisationId,
      regionCode: r.regionCode,
      dueNowFen: BigInt(r.dueNow),
      daysLate: Number(r.daysLate),
      nextDueDate: r.nextDueDate,
      nextDueFen: r.nextDue === null ? null : BigInt(r.nextDue),
      lastContact:
        r.contactKind && r.contactedAt
          ? {
              kind: r.contactKind,
              at: r.contactedAt,
              outcome: r.contactOutcome as string,
              officerName: r.contactOfficer as string,
            }
          : null,
    }));
  }
}

export { NO_NEXT_DUE };
