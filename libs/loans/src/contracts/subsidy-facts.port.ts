import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError, regionPrefix } from '@mla/core';
import { LoanErrorCode } from '../errors';
import type { DayCount } from '../schedule/schedule-types';

/** A loan as the subsidy calculation reads it; rates as stored (annualRate a fraction, the LPR a percentage). */
export interface LoanSubsidyTerms {
  loanId: string;
  policyId: string;
  principalFen: bigint;
  annualRate: string;
  lprPercent: string;
  lprEffectiveDate: string;
  signingDate: string;
  valueDate: string;
  dayCount: DayCount;
  /** Value date of the posted payoff, when the loan was repaid in full early. */
  paidOffOn: string | null;
}

/** An installment overlapping the period, with its interest received by value date (penalty never included). */
export interface InstallmentSubsidyFacts {
  number: number;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  days: number;
  /** Principal outstanding under the schedule when the installment began accruing. */
  principalBasisFen: bigint;
  interestDueFen: bigint;
  subsidisable: boolean;
  interestCollections: { valueDate: string; fen: bigint }[];
}

/** What the subsidy claim builder needs of one loan and one period (both ends inclusive). */
export interface LoanSubsidyFacts {
  loan: LoanSubsidyTerms;
  installments: InstallmentSubsidyFacts[];
  /** Penalty received with a value date in the period: reported on the claim, never subsidised. */
  penaltyCollectedFen: bigint;
  /**
   * The earliest day a follow-up still standing says the borrower took a job elsewhere or closed the business (the
   * subsidy stops from that day); only follow-ups made (visit date) up to `asOf` count, so a re-run is stable.
   */
  businessStoppedOn: string | null;
}

/** A loan a subsidy claim may carry a line for: disbursed by the bank in the jurisdiction, accruing in the period. */
export interface ClaimableLoan {
  loanId: string;
  contractNumber: string;
  applicantId: string;
  policyId: string;
  valueDate: string;
  maturityDate: string | null;
}

/** The period totals of a bank's claim in a jurisdiction (principal outstanding at the end of a day). */
export interface ClaimPortfolioFigures {
  loansLentInPeriod: number;
  lentInPeriodFen: bigint;
  /** Outstanding at the end of the day before the period. */
  openingBalanceFen: bigint;
  /** Outstanding at the end of the period's last day. */
  closingBalanceFen: bigint;
}

/**
 * Read-only port for the subsidy context: a loan's terms, the installments (not superseded) that accrue in a period
 * and the interest received for them by value date up to `asOf`; reversed repayments do not count; and the day the
 * borrower stopped being self-employed, from the follow-ups recorded up to `asOf`.
 */
@Injectable()
export class SubsidyFactsPort {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `period.penaltyUntil`: the last day whose penalty receipts are reported, when it is later than the period's end
   * (a loan that matured in a claim's period pays its penalty after its last day of interest).
   */
  async factsFor(
    loanId: string,
    period: { start: string; end: string; penaltyUntil?: string },
    asOf: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<LoanSubsidyFacts> {
    const [row] = (await tx.query(
      `SELECT l.id, l.policy_id, l.principal_fen::text AS principal_fen, l.annual_rate::text AS annual_rate,
              l.lpr_percent::text AS lpr_percent, to_char(l.lpr_effective_date, 'YYYY-MM-DD') AS lpr_effective_date,
              to_char(l.signing_date, 'YYYY-MM-DD') AS signing_date, to_char(l.value_date, 'YYYY-MM-DD') AS value_date,
              COALESCE(l.conventions->>'dayCount', 'ACT_360') AS day_count,
              (SELECT to_char(max(r.value_date), 'YYYY-MM-DD') FROM repayments r
                WHERE r.loan_id = l.id AND r.kind = 'PAYOFF' AND r.status = 'POSTED' AND r.value_date <= $2) AS paid_off_on
         FROM loans l WHERE l.id = $1`,
      [loanId, asOf],
    )) as Record<string, string | null>[];
    if (!row || !row.value_date) {
      throw new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${loanId} not found or not disbursed`, {
        id: loanId,
      });
    }
    const installments = (await tx.query(
      `SELECT * FROM (
         SELECT i.id, i.number, to_char(i.period_start, 'YYYY-MM-DD') AS period_start,
                to_char(i.period_end, 'YYYY-MM-DD') AS period_end, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
                i.days, i.interest_due_fen::text AS interest_due_fen, i.subsidisable,
                ($2::bigint - COALESCE(SUM(i.principal_due_fen) OVER (ORDER BY i.number
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))::text AS principal_basis_fen
           FROM installments i WHERE i.loan_id = $1 AND i.status <> 'SUPERSEDED') s
        WHERE s.period_start <= $4 AND s.period_end >= $3
        ORDER BY s.number`,
      [loanId, row.principal_fen, period.start, period.end],
    )) as Record<string, string | number | boolean>[];
    const ids = installments.map((i) => String(i.id));
    const collections = ids.length
      ? ((await tx.query(
          `SELECT a.installment_id::text AS installment_id, to_char(r.value_date, 'YYYY-MM-DD') AS value_date,
                  SUM(a.interest_fen)::text AS fen
             FROM repayment_allocations a JOIN repayments r ON r.id = a.repayment_id
            WHERE a.installment_id = ANY($1::bigint[]) AND r.status = 'POSTED' AND r.value_date <= $2
              AND a.interest_fen > 0
            GROUP BY a.installment_id, r.value_date ORDER BY r.value_date`,
          [ids, asOf],
        )) as { installment_id: string; value_date: string; fen: string }[])
      : [];
    const [penalty] = (await tx.query(
      `SELECT COALESCE(SUM(a.penalty_fen), 0)::text AS fen
         FROM repayment_allocations a JOIN repayments r ON r.id = a.repayment_id
        WHERE r.loan_id = $1 AND r.status = 'POSTED' AND r.value_date BETWEEN $2 AND $3 AND r.value_date <= $4`,
      [
        loanId,
        period.start,
        period.penaltyUntil && period.penaltyUntil > period.end ? period.penaltyUntil : period.end,
        asOf,
      ],
    )) as { fen: string }[];
    const [stopped] = (await tx.query(
      `SELECT to_char(min(changed_on), 'YYYY-MM-DD') AS stopped_on FROM loan_follow_ups
        WHERE loan_id = $1 AND changed_on IS NOT NULL AND withdrawn_at IS NULL AND visited_on <= $2`,
      [loanId, asOf],
    )) as { stopped_on: string | null }[];
    return {
      loan: {
        loanId,
        policyId: String(row.policy_id),
        principalFen: BigInt(row.principal_fen as string),
        annualRate: String(row.annual_rate),
        lprPercent: String(row.lpr_percent),
        lprEffectiveDate: String(row.lpr_effective_date),
        signingDate: String(row.signing_date),
        valueDate: row.value_date,
        dayCount: row.day_count as DayCount,
        paidOffOn: row.paid_off_on,
      },
      installments: installments.map((i) => ({
        number: Number(i.number),
        periodStart: String(i.period_start),
        periodEnd: String(i.period_end),
        dueDate: String(i.due_date),
        days: Number(i.days),
        principalBasisFen: BigInt(String(i.principal_basis_fen)),
        interestDueFen: BigInt(String(i.interest_due_fen)),
        subsidisable: Boolean(i.subsidisable),
        interestCollections: collections
          .filter((c) => c.installment_id === String(i.id))
          .map((c) => ({ valueDate: c.value_date, fen: BigInt(c.fen) })),
      })),
      penaltyCollectedFen: BigInt(penalty?.fen ?? '0'),
      businessStoppedOn: stopped?.stopped_on ?? null,
    };
  }

  /**
   * Loans of a bank in a jurisdiction (the region or any division under it) that accrue interest on some day of the
   * period: disbursed on or before its end, maturing after its start (the maturity day bears no interest), and not
   * paid off (posted, value date up to `asOf`) on or before its start.
   */
  async loansAccruingIn(
    bankOrganisationId: string,
    regionCode: string,
    period: { start: string; end: string },
    asOf: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<ClaimableLoan[]> {
    const rows = (await tx.query(
      `SELECT l.id AS "loanId", l.contract_number AS "contractNumber", l.applicant_id AS "applicantId",
              l.policy_id AS "policyId", to_char(l.value_date, 'YYYY-MM-DD') AS "valueDate",
              to_char(l.maturity_date, 'YYYY-MM-DD') AS "maturityDate"
         FROM loans l
        WHERE l.bank_organisation_id = $1 AND l.region_code LIKE $2 || '%'
          AND l.value_date IS NOT NULL AND l.value_date <= $4
          AND (l.maturity_date IS NULL OR l.maturity_date > $3)
          AND NOT EXISTS (SELECT 1 FROM repayments r
                           WHERE r.loan_id = l.id AND r.kind = 'PAYOFF' AND r.status = 'POSTED'
                             AND r.value_date <= $3 AND r.value_date <= $5)
        ORDER BY l.contract_number`,
      [bankOrganisationId, regionPrefix(regionCode), period.start, period.end, asOf],
    )) as ClaimableLoan[];
    return rows;
  }

  /** The claim form's period totals: loans disbursed in the period and principal outstanding before and after it. */
  async portfolioFigures(
    bankOrganisationId: string,
    regionCode: string,
    period: { start: string; end: string },
    tx: EntityManager = this.dataSource.manager,
  ): Promise<ClaimPortfolioFigures> {
    const [row] = (await tx.query(
      `WITH scope AS (
         SELECT l.id, l.principal_fen, l.value_date FROM loans l
          WHERE l.bank_organisation_id = $1 AND l.region_code LIKE $2 || '%' AND l.value_date IS NOT NULL
            AND l.value_date <= $4),
       repaid AS (
         SELECT r.loan_id, r.value_date, SUM(a.principal_fen) AS fen
           FROM repayment_allocations a JOIN repayments r ON r.id = a.repayment_id
          WHERE r.loan_id IN (SELECT id FROM scope) AND r.status = 'POSTED' AND r.value_date <= $4
          GROUP BY r.loan_id, r.value_date)
       SELECT count(*) FILTER (WHERE s.value_date >= $3)::int AS "loansLent",
              COALESCE(SUM(s.principal_fen) FILTER (WHERE s.value_date >= $3), 0)::text AS "lentFen",
              (COALESCE(SUM(s.principal_fen) FILTER (WHERE s.value_date < $3), 0)
                 - COALESCE((SELECT SUM(fen) FROM repaid WHERE value_date < $3), 0))::text AS "openingFen",
              (COALESCE(SUM(s.principal_fen), 0) - COALESCE((SELECT SUM(fen) FROM repaid), 0))::text AS "closingFen"
         FROM scope s`,
      [bankOrganisationId, regionPrefix(regionCode), period.start, period.end],
    )) as { loansLent: number; lentFen: string; openingFen: string; closingFen: string }[];
    return {
      loansLentInPeriod: row.loansLent,
      lentInPeriodFen: BigInt(row.lentFen),
      openingBalanceFen: BigInt(row.openingFen),
      closingBalanceFen: BigInt(row.closingFen),
    };
  }

  /**
   * The (bank, county) pairs with a loan accruing interest in the period: where a claim is due. A county's finance
   * bureau is the jurisdiction that reviews and pays (the first six digits of the loan's division code).
   */
  async claimantsOf(
    period: { start: string; end: string },
    tx: EntityManager = this.dataSource.manager,
    policyIds: string[] | null = null,
  ): Promise<{ bankOrganisationId: string; regionCode: string }[]> {
    // policyIds: only loans under these policy versions (those settling on the period's calendar); null: all.
    return (await tx.query(
      `SELECT DISTINCT l.bank_organisation_id AS "bankOrganisationId", substr(l.region_code, 1, 6) AS "regionCode"
         FROM loans l
        WHERE l.value_date IS NOT NULL AND l.value_date <= $2 AND (l.maturity_date IS NULL OR l.maturity_date > $1)
          AND ($3::uuid[] IS NULL OR l.policy_id = ANY($3::uuid[]))
        ORDER BY 1, 2`,
      [period.start, period.end, policyIds],
    )) as { bankOrganisationId: string; regionCode: string }[];
  }
}
