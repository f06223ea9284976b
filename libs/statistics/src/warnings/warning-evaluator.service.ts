import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { LeverageCoveragePort, capacityOf } from '@mla/guarantee-funds';
import { LocalDate, regionPrefix, runAsTransactionBody } from '@mla/core';
import { NotificationJob, OutboxRepository, QueueName, warningRaisedJobId } from '@mla/queue';
import { FORMULAS, FormulaCode } from '../formulas/formulas';
import { rateOf, ratioFromDecimal, type Rate } from '../formulas/ratio';
import { SnapshotDimension, SnapshotScope } from '../snapshots/dimension';
import { periodFigures, type Figures } from '../snapshots/figures';
import { shortRegionCode } from '../snapshots/region-chain';
import { SnapshotRepository } from '../snapshots/snapshot.repository';
import type { StatisticsTarget } from '../targets/statistics-target.entity';
import { TARGET_RULES, TargetKind } from '../targets/target-kind';
import { assess, decimalOf, warningBandsFrom, type WarningBands } from './assess';
import { WarningRepository } from './warning.repository';

const amount = (n: bigint): Rate => ({ numerator: n, denominator: 1n });

/**
 * Raises and clears early warnings after each snapshot: every target and threshold of the date's year is measured
 * from the region's snapshots (fund leverage and subsidy budget from their ledgers), assessed (`assess.ts`), and a
 * warning is opened, refreshed or cleared. A warning opened is sent to the notifications queue through the outbox.
 */
@Injectable()
export class WarningEvaluator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly warnings: WarningRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLog,
    private readonly leverage: LeverageCoveragePort,
    config: AppConfig,
  ) {
    this.bands = warningBandsFrom(config.env);
  }

  private readonly bands: WarningBands;

  async evaluate(businessDate: string): Promise<{ raised: number; cleared: number }> {
    return this.dataSource.transaction((tx) => runAsTransactionBody(() => this.evaluateIn(tx, businessDate)));
  }

  private async evaluateIn(tx: EntityManager, businessDate: string): Promise<{ raised: number; cleared: number }> {
    const date = LocalDate.parse(businessDate);
    const year = date.year;
    const targets = await this.warnings.targetsOfYear(tx, year);
    const open = new Map(
      (await this.warnings.openWarnings(tx, year)).map((w) => [`${w.regionCode}|${w.kind}`, w] as const),
    );
    let raised = 0;
    let cleared = 0;
    const yearStart = LocalDate.of(year, 1, 1);
    const daysInYear = yearStart.daysUntil(LocalDate.of(year + 1, 1, 1));
    const elapsed = { numerator: BigInt(yearStart.daysUntil(date) + 1), denominator: BigInt(daysInYear) };
    const monthBefore = date.plusDays(-30);
    const figureCache = new Map<string, Promise<Figures>>();
    const figuresOf = (region: string, to: LocalDate) => {
      const key = `${region}|${to.toString()}`;
      if (!figureCache.has(key)) figureCache.set(key, this.yearToDate(tx, region, to));
      return figureCache.get(key) as Promise<Figures>;
    };

    for (const target of targets) {
      const region = shortRegionCode(target.regionCode);
      const measured = await this.measure(tx, target, await figuresOf(region, date), date);
      const before =
        monthBefore.year === year
          ? await this.measure(tx, target, await figuresOf(region, monthBefore), monthBefore, true)
          : null;
      const targetRatio = targetRatioOf(target);
      const a = assess({ kind: target.kind, target: targetRatio, measured, monthBefore: before, elapsed }, this.bands);
      const existing = open.get(`${target.regionCode}|${target.kind}`);
      open.delete(`${target.regionCode}|${target.kind}`);
      if (a.off && measured !== null) {
        const { warning, created } = await this.warnings.raise(tx, {
          kind: target.kind,
          regionCode: target.regionCode,
          year,
          level: a.level,
          measured: decimalOf(measured),
          target: decimalOf(targetRatio),
          trend: a.trend,
          projectedYearEnd: a.projectedYearEnd ? decimalOf(a.projectedYearEnd) : null,
          responsible: TARGET_RULES[target.kind].responsible,
          businessDate,
        });
        if (created) {
          raised += 1;
          await this.outbox.enqueue(
            tx,
            QueueName.NOTIFICATIONS,
            NotificationJob.WARNING_RAISED,
            { warningId: warning.id },
            warningRaisedJobId(warning.id),
          );
          await this.audit.record(tx, {
            action: 'statistics.warning_raised',
            entityType: 'statistics_warning',
            entityId: warning.id,
            after: { kind: warning.kind, regionCode: warning.regionCode, year, level: warning.level, businessDate },
          });
        }
      } else if (existing) {
        const measuredText = measured === null ? null : decimalOf(measured);
        if (await this.warnings.clear(tx, existing.id, businessDate, measuredText)) {
          cleared += 1;
          await this.audit.record(tx, {
            action: 'statistics.warning_cleared',
            entityType: 'statistics_warning',
            entityId: existing.id,
            before: { level: existing.level, measured: existing.measured },
            after: { measured: measuredText, businessDate },
          });
        }
      }
    }
    // Open warnings whose target was removed: nothing to hold them to any more.
    for (const stale of open.values()) {
      if (await this.warnings.clear(tx, stale.id, businessDate, null)) {
        cleared += 1;
        await this.audit.record(tx, {
          action: 'statistics.warning_cleared',
          entityType: 'statistics_warning',
          entityId: stale.id,
          after: { reason: 'target removed', businessDate },
        });
      }
    }
    return { raised, cleared };
  }

  private async yearToDate(tx: EntityManager, region: string, to: LocalDate): Promise<Figures> {
    const rows = await this.snapshots.series(
      tx,
      { scopeKind: SnapshotScope.REGION, scopeKey: region, dimensionKind: SnapshotDimension.TOTAL },
      LocalDate.of(to.year, 1, 1).toString(),
      to.toString(),
    );
    return periodFigures(rows.map((r) => r.figures));
  }

  /** The indicator of a target from the year's figures (ledgers for fund leverage and subsidy budget). */
  private async measure(
    tx: EntityManager,
    target: StatisticsTarget,
    f: Figures,
    on: LocalDate,
    past = false,
  ): Promise<Rate> {
    switch (target.kind) {
      case TargetKind.LENDING_VOLUME:
        return amount(f.loansMadeFen);
      case TargetKind.WOMEN_REACHED:
        return amount(f.femaleLoansMadeCount);
      case TargetKind.REPAYMENT_RATE:
        return FORMULAS[target.formula ?? FormulaCode.COLLECTION_RATE].compute(f);
      case TargetKind.PAR30:
        return FORMULAS[FormulaCode.PAR30].compute(f);
      case TargetKind.COMPENSATION_RATE:
        return FORMULAS[FormulaCode.COMPENSATION_RATE].compute(f);
      case TargetKind.REVIEW_STEPS_LATE:
        return amount(f.reviewStepsLate);
      case TargetKind.FUND_LEVERAGE_USED: {
        // The fund's ledger as of the date (entries dated up to it) against the leverage in force in its year
        // (raised when the year before repaid well enough, by the fund's rules): the month before is read the same way.
        const fundIds = await this.warnings.fundsOfRegion(tx, regionPrefix(target.regionCode));
        const coverage = await this.leverage.coverageOf(fundIds, on.toString(), tx);
        let highest: Rate = null;
        for (const c of coverage.values()) {
          const capacity = capacityOf(c.depositFen, c.liabilityFen, c.leverage).capacityFen;
          const used = rateOf(c.liabilityFen, capacity);
          if (
            used !== null &&
            (highest === null || used.numerator * highest.denominator > highest.numerator * used.denominator)
          ) {
            highest = used;
          }
        }
        return highest;
      }
      case TargetKind.SUBSIDY_BUDGET_USED: {
        if (past) return null;
        const budget = await this.warnings.subsidyBudgetUsed(tx, target.regionCode, target.year);
        return rateOf(budget.used, budget.allocated);
      }
    }
  }
}

function targetRatioOf(target: StatisticsTarget): { numerator: bigint; denominator: bigint } {
  const v = target.value.includes('.') ? target.value.replace(/0+$/, '').replace(/\.$/, '') : target.value;
  return ratioFromDecimal(v);
}
