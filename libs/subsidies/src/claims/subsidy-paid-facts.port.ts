import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What the notice of a paid claim line names. */
export interface SubsidyPaidFact {
  claimLineId: string;
  loanId: string;
  applicantId: string;
  contractNumber: string;
  regionCode: string;
  subsidyFen: bigint;
  paymentDate: string;
  paymentReference: string;
}

/**
 * The subsidies context's port for notices: one paid claim line with its payout, so the notifications context never
 * reads claim tables itself. Null when the line is not paid by that payout.
 */
@Injectable()
export class SubsidyPaidFactsPort {
  constructor(private readonly dataSource: DataSource) {}

  async paidLine(
    claimLineId: string,
    payoutId: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<SubsidyPaidFact | null> {
    const rows = (await tx.query(
      `SELECT l.id AS "claimLineId", l.loan_id AS "loanId", l.applicant_id AS "applicantId",
              l.contract_number AS "contractNumber", b.region_code AS "regionCode", l.subsidy_fen::text AS "subsidyFen",
              p.payment_date::text AS "paymentDate", p.payment_reference AS "paymentReference"
         FROM subsidy_claim_lines l
         JOIN subsidy_payouts p ON p.id = l.payout_id
         JOIN subsidy_claim_batches b ON b.id = l.batch_id
        WHERE l.id = $1 AND p.id = $2 AND l.status = 'PAID'`,
      [claimLineId, payoutId],
    )) as (Omit<SubsidyPaidFact, 'subsidyFen'> & { subsidyFen: string })[];
    return rows[0] ? { ...rows[0], subsidyFen: BigInt(rows[0].subsidyFen) } : null;
  }
}
