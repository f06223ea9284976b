import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What the notice of an opened compensation alert names, read by the notifications context. */
export interface CompensationAlertFact {
  alertId: string;
  loanId: string;
  applicantId: string;
  contractNumber: string;
  /** The loan's region. */
  regionCode: string;
  fundName: string;
  /** The guarantee agency operating the fund: its guarantee operators are told. */
  agencyOrganisationId: string;
  daysPastDue: number;
  /** Owed on the loan's installments past due on the alert's last close date (principal, interest, penalty), fen. */
  overdueFen: bigint;
  lastSeenOn: string;
}

/** Reads one compensation alert with its fund, loan and amount past due (for notices). */
@Injectable()
export class CompensationAlertFactsPort {
  constructor(private readonly dataSource: DataSource) {}

  /** Null when no such alert. */
  async alert(alertId: string, tx: EntityManager = this.dataSource.manager): Promise<CompensationAlertFact | null> {
    const [row] = (await tx.query(
      `SELECT a.id AS "alertId", a.loan_id AS "loanId", l.applicant_id AS "applicantId",
              a.loan_contract_number AS "contractNumber", a.region_code AS "regionCode", f.name AS "fundName",
              f.agency_organisation_id AS "agencyOrganisationId", a.days_past_due AS "daysPastDue",
              a.last_seen_on::text AS "lastSeenOn",
              (SELECT coalesce(sum(i.principal_due_fen + i.interest_due_fen + i.penalty_accrued_fen
                                   - i.principal_paid_fen - i.interest_paid_fen - i.penalty_paid_fen), 0)
                 FROM installments i
                WHERE i.loan_id = a.loan_id AND i.due_date <= a.last_seen_on
                  AND i.status IN ('PENDING', 'PARTIALLY_PAID', 'OVERDUE'))::text AS "overdueFen"
         FROM compensation_alerts a JOIN guarantee_funds f ON f.id = a.fund_id JOIN loans l ON l.id = a.loan_id
        WHERE a.id = $1`,
      [alertId],
    )) as (Omit<CompensationAlertFact, 'overdueFen'> & { overdueFen: string })[];
    return row ? { ...row, overdueFen: BigInt(row.overdueFen) } : null;
  }
}
