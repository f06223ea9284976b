import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { LocalDate, RequestContext } from '@mla/core';
import { LoanExposureService } from '@mla/loans';
import { GuaranteeRepository } from '../guarantees/guarantee.repository';
import { ACCOUNT_OF, EntryKind, LedgerAccount } from '../ledger/entry-kind';
import { LedgerRepository, type Balances } from '../ledger/ledger.repository';
import type { GuaranteeFund } from './guarantee-fund.entity';
import { LeverageAssessment } from './leverage-assessment.entity';
import {
  capacityOf,
  fundFigures,
  leverageInForce,
  type Capacity,
  type FundFigures,
  type FundTotals,
  type LeverageInForce,
} from './fund-rules';

export interface FundPosition extends Balances, Capacity {
  leverage: LeverageInForce;
}

/** A fund's balances, leverage in force, capacity and figures, always derived from the ledger and guarantees. */
@Injectable()
export class FundPositionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly guarantees: GuaranteeRepository,
    private readonly loans: LoanExposureService,
  ) {}

  /**
   * The leverage for a year: raised when the year before repaid at maturity at or above the fund's threshold. The
   * inputs are assessed once per fund and year (see LeverageAssessment); the rules are applied as they stand now.
   */
  async leverageFor(fund: GuaranteeFund, year: number, tx: EntityManager = this.dataSource.manager) {
    const stored =
      (await tx.findOne(LeverageAssessment, { where: { fundId: fund.id, year } })) ??
      (await this.assess(tx, fund, year, false));
    return {
      ...leverageInForce(fund, year, stored),
      assessedAt: stored.assessedAt.toISOString(),
      assessedBy: stored.assessedByUsername,
    };
  }

  /** Takes (or, with `replace`, re-takes) the assessment of a fund's year from the loans' repayment records. */
  async assess(tx: EntityManager, fund: GuaranteeFund, year: number, replace: boolean): Promise<LeverageAssessment> {
    const loanIds = await this.guarantees.loanIdsOf(tx, fund.id);
    const lastYear = await this.loans.maturityRepayment(
      loanIds,
      LocalDate.parse(`${year - 1}-01-01`),
      LocalDate.parse(`${year - 1}-12-31`),
      tx,
    );
    const who = RequestContext.current()?.actor?.username ?? 'system';
    await tx.query(
      `INSERT INTO guarantee_fund_leverage_assessments (fund_id, year, due_fen, paid_by_due_date_fen, assessed_by_username)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (fund_id, year) DO ${replace ? 'UPDATE SET due_fen = EXCLUDED.due_fen, paid_by_due_date_fen = EXCLUDED.paid_by_due_date_fen, assessed_by_username = EXCLUDED.assessed_by_username, assessed_at = now()' : 'NOTHING'}`,
      [fund.id, year, lastYear.dueFen.toString(), lastYear.paidByDueDateFen.toString(), who],
    );
    return tx.findOneOrFail(LeverageAssessment, { where: { fundId: fund.id, year } });
  }

  /** Balances of every entry, and the capacity on `today`; read in the caller's transaction (under its fund lock). */
  async position(fund: GuaranteeFund, today: LocalDate, tx: EntityManager = this.dataSource.manager) {
    const balances = await this.ledger.balances(tx, fund.id);
    const leverage = await this.leverageFor(fund, today.year, tx);
    return {
      ...balances,
      ...capacityOf(balances.depositFen, balances.liabilityFen, leverage.leverage),
      leverage,
    } satisfies FundPosition;
  }

  async totals(fund: GuaranteeFund, tx: EntityManager = this.dataSource.manager): Promise<FundTotals> {
    const byKind = await this.ledger.totalsByKind(tx, fund.id, null, null);
    // A reversal counts under the kind it reverses, so each balance is the sum of its account's kinds.
    const sumOf = (account: LedgerAccount) =>
      Object.entries(byKind)
        .filter(([kind]) => ACCOUNT_OF[kind as keyof typeof ACCOUNT_OF] === account)
        .reduce((sum, [, fen]) => sum + (fen as bigint), 0n);
    const balances = { depositFen: sumOf(LedgerAccount.DEPOSIT), liabilityFen: sumOf(LedgerAccount.LIABILITY) };
    const issued = await this.guarantees.issuedTotals(tx, fund.id);
    return {
      ...balances,
      contributionsFen: byKind[EntryKind.CONTRIBUTION] ?? 0n,
      interestIncomeFen: byKind[EntryKind.INTEREST_INCOME] ?? 0n,
      compensationPaidFen: -(byKind[EntryKind.COMPENSATION_PAID] ?? 0n),
      recoveriesFen: byKind[EntryKind.RECOVERY_RECEIVED] ?? 0n,
      adjustmentsFen: byKind[EntryKind.ADJUSTMENT] ?? 0n,
      guaranteesIssuedFen: issued.amountFen,
      guaranteesIssuedCount: issued.count,
      guaranteesActiveCount: issued.active,
    };
  }

  async figures(fund: GuaranteeFund, today: LocalDate): Promise<{ totals: FundTotals; figures: FundFigures }> {
    const totals = await this.totals(fund);
    const leverage = await this.leverageFor(fund, today.year);
    return { totals, figures: fundFigures(fund, totals, leverage) };
  }

  /**
   * The yearly compensation ceiling: rate × (deposit balance on 1 January + contributions booked in the year),
   * and what the fund has paid in compensation in that year so far. Null when the fund has no ceiling.
   */
  async yearlyCeiling(
    tx: EntityManager,
    fund: GuaranteeFund,
    year: number,
  ): Promise<{ ceilingFen: bigint; paidFen: bigint } | null> {
    if (fund.yearlyCompensationCapRate === null) return null;
    const opening = await this.ledger.balancesBefore(tx, fund.id, `${year}-01-01`);
    const inYear = await this.ledger.totalsByKind(tx, fund.id, `${year}-01-01`, `${year}-12-31`);
    const capital = opening.depositFen + (inYear[EntryKind.CONTRIBUTION] ?? 0n);
    const ceilingFen = capital > 0n ? capacityOf(capital, 0n, fund.yearlyCompensationCapRate).capacityFen : 0n;
    return { ceilingFen, paidFen: -(inYear[EntryKind.COMPENSATION_PAID] ?? 0n) };
  }
}
