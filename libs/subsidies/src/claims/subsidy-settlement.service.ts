import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessPolicy, AuditLog, Organisation, Permission, type Actor } from '@mla/auth';
import { FUNDING_LEVELS, type FundingLevel } from '../budget/funding-level';
import { SubsidyBudgetService } from '../budget/subsidy-budget.service';
import { settlementWorkbook } from './settlement-workbook';

/** One funding level's year: what was allotted, taken, given back and paid, and what is left. */
export interface LevelSettlement {
  fundingLevel: FundingLevel;
  allocatedFen: bigint;
  toppedUpFen: bigint;
  /** Allocation plus top-ups. */
  allottedFen: bigint;
  committedFen: bigint;
  releasedFen: bigint;
  /** Payouts undone (reversed) during the year. */
  cancelledPayoutFen: bigint;
  paidFen: bigint;
  /** Approved and not paid yet. */
  outstandingFen: bigint;
  /** What approvals may still take: allotted − committed + released. */
  availableFen: bigint;
}

/** Paid in the year for one settlement period or one bank, per level and in all. */
export interface PaidRow {
  paidFen: bigint;
  byLevel: Record<FundingLevel, bigint>;
}

export interface SubsidySettlement {
  regionCode: string;
  fiscalYear: number;
  levels: LevelSettlement[];
  totals: Omit<LevelSettlement, 'fundingLevel'>;
  byPeriod: (PaidRow & { settlementDate: string })[];
  byBank: (PaidRow & { bankOrganisationId: string; bankName: string })[];
}

const zeroLevels = (): Record<FundingLevel, bigint> =>
  Object.fromEntries(FUNDING_LEVELS.map((l) => [l, 0n])) as Record<FundingLevel, bigint>;

/**
 * The yearly settlement 清算 of a jurisdiction's subsidy budgets by funding source: each level's allotment, what
 * approvals committed and released, what was paid (and cancelled), what is left; then what was paid per settlement
 * period and per bank. From the ledger's entries alone (payouts net of their reversals), so it always adds up with
 * the balances. JSON or XLSX (Chinese headers, yuan); each export audited.
 */
@Injectable()
export class SubsidySettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: SubsidyBudgetService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async settlement(actor: Actor, fiscalYear: number, regionCode?: string): Promise<SubsidySettlement> {
    this.access.assertCan(actor, Permission.SUBSIDY_BUDGET_READ);
    // Checks the year, the region and the actor's jurisdiction, and gives the four levels' balances.
    const year = await this.budgets.balances(actor, regionCode, fiscalYear);
    const tx = this.dataSource.manager;
    const cancelled = (await tx.query(
      `SELECT b.funding_level AS level, SUM(-e.amount_fen)::text AS fen
         FROM subsidy_budget_entries e
         JOIN subsidy_budget_entries o ON o.id = e.reverses_entry_id AND o.kind = 'PAYOUT'
         JOIN subsidy_budgets b ON b.id = e.budget_id
        WHERE b.region_code = $1 AND b.fiscal_year = $2
        GROUP BY 1`,
      [year.regionCode, year.fiscalYear],
    )) as { level: FundingLevel; fen: string }[];
    const levels: LevelSettlement[] = year.levels.map((l) => ({
      fundingLevel: l.fundingLevel,
      allocatedFen: l.allocatedFen,
      toppedUpFen: l.toppedUpFen,
      allottedFen: l.allocatedFen + l.toppedUpFen,
      committedFen: l.committedFen,
      releasedFen: l.releasedFen,
      cancelledPayoutFen: BigInt(cancelled.find((c) => c.level === l.fundingLevel)?.fen ?? '0'),
      paidFen: l.paidFen,
      outstandingFen: l.outstandingFen,
      availableFen: l.availableFen,
    }));
    const totals = levels.reduce(
      (sum, l) => {
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += l[k];
        return sum;
      },
      {
        allocatedFen: 0n,
        toppedUpFen: 0n,
        allottedFen: 0n,
        committedFen: 0n,
        releasedFen: 0n,
        cancelledPayoutFen: 0n,
        paidFen: 0n,
        outstandingFen: 0n,
        availableFen: 0n,
      },
    );
    const paid = (await tx.query(
      `SELECT to_char(c.settlement_date, 'YYYY-MM-DD') AS "settlementDate", c.bank_organisation_id AS bank,
              b.funding_level AS level, SUM(e.amount_fen)::text AS fen
         FROM subsidy_budget_entries e
         JOIN subsidy_budgets b ON b.id = e.budget_id
         JOIN subsidy_claim_lines l ON l.id = e.claim_line_id
         JOIN subsidy_claim_batches c ON c.id = l.batch_id
        WHERE b.region_code = $1 AND b.fiscal_year = $2 AND e.account = 'PAID'
        GROUP BY 1, 2, 3
       HAVING SUM(e.amount_fen) <> 0`,
      [year.regionCode, year.fiscalYear],
    )) as { settlementDate: string; bank: string; level: FundingLevel; fen: string }[];
    const byPeriod = new Map<string, PaidRow & { settlementDate: string }>();
    const byBank = new Map<string, PaidRow & { bankOrganisationId: string; bankName: string }>();
    for (const row of paid) {
      const fen = BigInt(row.fen);
      const period = byPeriod.get(row.settlementDate) ?? {
        settlementDate: row.settlementDate,
        paidFen: 0n,
        byLevel: zeroLevels(),
      };
      period.paidFen += fen;
      period.byLevel[row.level] += fen;
      byPeriod.set(row.settlementDate, period);
      const bank = byBank.get(row.bank) ?? {
        bankOrganisationId: row.bank,
        bankName: '',
        paidFen: 0n,
        byLevel: zeroLevels(),
      };
      bank.paidFen += fen;
      bank.byLevel[row.level] += fen;
      byBank.set(row.bank, bank);
    }
    const banks = byBank.size ? await tx.findBy(Organisation, { id: In([...byBank.keys()]) }) : [];
    for (const bank of byBank.values()) bank.bankName = banks.find((b) => b.id === bank.bankOrganisationId)?.name ?? '';
    return {
      regionCode: year.regionCode,
      fiscalYear: year.fiscalYear,
      levels,
      totals,
      byPeriod: [...byPeriod.values()].sort((a, b) => a.settlementDate.localeCompare(b.settlementDate)),
      byBank: [...byBank.values()].sort((a, b) => a.bankName.localeCompare(b.bankName, 'zh-CN')),
    };
  }

  /** The settlement as a workbook (清算汇总, 分期拨付, 分银行拨付), audited. */
  async settlementXlsx(actor: Actor, fiscalYear: number, regionCode?: string): Promise<Buffer> {
    const settlement = await this.settlement(actor, fiscalYear, regionCode);
    await this.audit.record(this.dataSource.manager, {
      action: 'subsidy_settlement.exported',
      entityType: 'subsidy_settlement',
      entityId: `${settlement.regionCode}-${settlement.fiscalYear}`,
      after: { paidFen: settlement.totals.paidFen },
      actor,
    });
    return settlementWorkbook(settlement);
  }
}
