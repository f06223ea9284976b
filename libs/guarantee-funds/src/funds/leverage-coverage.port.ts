import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Decimal, LocalDate } from '@mla/core';
import { FundPositionService } from './fund-position';
import { capacityOf } from './fund-rules';
import { GuaranteeFundRepository } from './guarantee-fund.repository';

/** Decimals of the within-leverage fraction (rounded down: the subsidy never covers more than the fund could). */
const FRACTION_SCALE = 10;

/** How much of a fund's guaranteed liability its leverage covered on a date. */
export interface FundCoverage {
  fundId: string;
  leverage: string;
  depositFen: bigint;
  liabilityFen: bigint;
  /** min(1, leverage × deposit / liability), a decimal string from 0 to 1; '1' when nothing is guaranteed. */
  fraction: string;
}

/**
 * Published read for the subsidy context (贴息 is paid only on the part of a loan within its fund's leverage): for
 * each loan, the fraction of its guarantee's fund that the leverage covered on a date. Balances are the ledger's
 * entries with a value date up to that date (so the figure does not depend on the day a claim is built), the
 * leverage is the one in force in that date's year. A loan without a guarantee is not limited by any fund ('1').
 * Set-based: one read of the guarantees, one of the balances of the funds involved, and the leverage per fund.
 */
@Injectable()
export class LeverageCoveragePort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funds: GuaranteeFundRepository,
    private readonly positions: FundPositionService,
  ) {}

  /** Every loan asked for maps to its fraction: '1' for a loan without a (non-cancelled) guarantee. */
  async withinLeverageFractions(
    loanIds: readonly string[],
    onDate: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>(loanIds.map((id) => [id, '1']));
    if (loanIds.length === 0) return result;
    const held = (await tx.query(
      `SELECT DISTINCT ON (g.loan_id) g.loan_id::text AS "loanId", g.fund_id::text AS "fundId"
         FROM guarantees g
        WHERE g.loan_id = ANY($1::uuid[]) AND g.status <> 'CANCELLED' AND g.issued_on <= $2
        ORDER BY g.loan_id, g.issued_on DESC, g.created_at DESC`,
      [loanIds, onDate],
    )) as { loanId: string; fundId: string }[];
    const coverage = await this.coverageOf([...new Set(held.map((h) => h.fundId))], onDate, tx);
    for (const h of held) result.set(h.loanId, coverage.get(h.fundId)?.fraction ?? '1');
    return result;
  }

  /** The coverage of each fund on a date (entries dated up to it, the leverage in force in its year). */
  async coverageOf(fundIds: readonly string[], onDate: string, tx: EntityManager): Promise<Map<string, FundCoverage>> {
    if (fundIds.length === 0) return new Map();
    const balances = (await tx.query(
      `SELECT f.id::text AS "fundId",
              COALESCE(SUM(e.amount_fen) FILTER (WHERE e.account = 'DEPOSIT'), 0)::text AS deposit,
              COALESCE(SUM(e.amount_fen) FILTER (WHERE e.account = 'LIABILITY'), 0)::text AS liability
         FROM guarantee_funds f
         LEFT JOIN guarantee_fund_entries e ON e.fund_id = f.id AND e.value_date <= $2
        WHERE f.id = ANY($1::uuid[])
        GROUP BY f.id`,
      [fundIds, onDate],
    )) as { fundId: string; deposit: string; liability: string }[];
    const year = LocalDate.parse(onDate).year;
    const coverage = new Map<string, FundCoverage>();
    for (const b of balances) {
      const fund = await this.funds.findById(tx, b.fundId);
      if (!fund) continue;
      const { leverage } = await this.positions.leverageFor(fund, year, tx);
      const depositFen = BigInt(b.deposit);
      const liabilityFen = BigInt(b.liability);
      coverage.set(b.fundId, {
        fundId: b.fundId,
        leverage,
        depositFen,
        liabilityFen,
        fraction: withinLeverageFraction(depositFen, liabilityFen, leverage),
      });
    }
    return coverage;
  }
}

/** min(1, capacity / liability) with capacity = leverage × deposit (rounded down to the fen, as capacity is). */
export function withinLeverageFraction(depositFen: bigint, liabilityFen: bigint, leverage: string): string {
  if (liabilityFen <= 0n) return '1';
  const { capacityFen } = capacityOf(depositFen, liabilityFen, leverage);
  if (capacityFen >= liabilityFen) return '1';
  return Decimal.of(capacityFen).div(liabilityFen, FRACTION_SCALE, 'DOWN').stripTrailingZeros().toString();
}
