import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import type { PastDueLoan } from '@mla/loans';
import { CompensationAlert } from './compensation-alert.entity';
import type { CompensationAlertStatus } from './compensation-alert-status';

export interface CompensationAlertFilter {
  status?: CompensationAlertStatus;
  fundId?: string;
}

export interface AlertChanges {
  opened: string[];
  updated: number;
  closed: string[];
}

const CHUNK = 5000;

@Injectable()
export class CompensationAlertRepository {
  /** The smallest trigger of any fund: loans at or below it cannot be past any fund's. Null: no fund. */
  async smallestTriggerDays(tx: EntityManager): Promise<number | null> {
    const [row] = (await tx.query(`SELECT min(compensation_trigger_days)::int AS d FROM guarantee_funds`)) as {
      d: number | null;
    }[];
    return row.d;
  }

  /**
   * Opens an alert for each loan past its own fund's trigger (an active guarantee, no open claim), or refreshes the
   * open one; multi-row, in chunks.
   */
  async upsertPast(
    tx: EntityManager,
    asOf: string,
    loans: PastDueLoan[],
  ): Promise<{ opened: string[]; updated: number }> {
    const opened: string[] = [];
    let updated = 0;
    for (let i = 0; i < loans.length; i += CHUNK) {
      const chunk = loans
        .slice(i, i + CHUNK)
        .map((l) => ({ ...l, principalOutstandingFen: l.principalOutstandingFen.toString() }));
      const rows = (await tx.query(
        `WITH p AS (
           SELECT * FROM jsonb_to_recordset($2::jsonb)
             AS x("loanId" uuid, "applicationId" uuid, "contractNumber" text, "daysPastDue" int, "principalOutstandingFen" bigint)),
         past AS (
           SELECT p.*, g.id AS guarantee_id, g.fund_id, g.bank_organisation_id, g.region_code,
                  f.compensation_trigger_days AS trigger_days
             FROM p JOIN guarantees g ON g.loan_id = p."loanId" AND g.status = 'ACTIVE'
                    JOIN guarantee_funds f ON f.id = g.fund_id
            WHERE p."daysPastDue" > f.compensation_trigger_days
              AND NOT EXISTS (SELECT 1 FROM compensation_claims c WHERE c.loan_id = p."loanId" AND c.status <> 'REJECTED'))
         INSERT INTO compensation_alerts (loan_id, loan_contract_number, application_id, guarantee_id, fund_id,
                bank_organisation_id, region_code, status, flagged_on, last_seen_on, days_past_due, trigger_days,
                principal_outstanding_fen)
         SELECT "loanId", "contractNumber", "applicationId", guarantee_id, fund_id, bank_organisation_id, region_code,
                'OPEN', $1::date, $1::date, "daysPastDue", trigger_days, "principalOutstandingFen"
           FROM past
         ON CONFLICT (loan_id) WHERE status = 'OPEN' DO UPDATE
            SET last_seen_on = EXCLUDED.last_seen_on, days_past_due = EXCLUDED.days_past_due,
                trigger_days = EXCLUDED.trigger_days, principal_outstanding_fen = EXCLUDED.principal_outstanding_fen,
                updated_at = now()
         RETURNING id, (xmax = 0) AS inserted`,
        [asOf, JSON.stringify(chunk)],
      )) as { id: string; inserted: boolean }[];
      for (const r of rows) {
        if (r.inserted) opened.push(r.id);
        else updated += 1;
      }
    }
    return { opened, updated };
  }

  /** Closes the open alerts this close did not see past the trigger, saying why. */
  async closeNotSeen(tx: EntityManager, asOf: string): Promise<string[]> {
    const [rows] = (await tx.query(
      `UPDATE compensation_alerts a
          SET status = 'CLOSED', closed_on = $1::date, updated_at = now(),
              closed_reason = CASE
                WHEN EXISTS (SELECT 1 FROM compensation_claims c WHERE c.loan_id = a.loan_id AND c.status <> 'REJECTED')
                  THEN 'CLAIM_FILED'
                WHEN NOT EXISTS (SELECT 1 FROM guarantees g WHERE g.id = a.guarantee_id AND g.status = 'ACTIVE')
                  THEN 'GUARANTEE_ENDED'
                ELSE 'BELOW_THRESHOLD' END
        WHERE a.status = 'OPEN' AND a.last_seen_on < $1::date
       RETURNING a.id`,
      [asOf],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  async countOpen(tx: EntityManager): Promise<number> {
    const [row] = (await tx.query(`SELECT count(*)::int AS n FROM compensation_alerts WHERE status = 'OPEN'`)) as {
      n: number;
    }[];
    return row.n;
  }

  /** The code of each fund, to show beside an alert. */
  async fundCodes(tx: EntityManager, fundIds: string[]): Promise<Map<string, string>> {
    if (fundIds.length === 0) return new Map();
    const rows = (await tx.query(`SELECT id, code FROM guarantee_funds WHERE id = ANY($1::uuid[])`, [
      [...new Set(fundIds)],
    ])) as { id: string; code: string }[];
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** Most days past due first (then newest flagged), within the scope. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: CompensationAlertFilter,
    limit: number,
    after?: { d: number; i: string },
  ): Promise<CompensationAlert[]> {
    const qb = tx.createQueryBuilder(CompensationAlert, 'a');
    applyScope(qb, scope, { region: 'a.region_code', organisation: 'a.bank_organisation_id' });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.fundId) qb.andWhere('a.fund_id = :fundId', { fundId: filter.fundId });
    if (after) qb.andWhere('(a.days_past_due, a.id) < (:d, :i)', { d: after.d, i: after.i });
    return qb.orderBy('a.days_past_due', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }
}
