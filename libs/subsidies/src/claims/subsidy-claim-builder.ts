import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog, SYSTEM_ADMIN_ACTOR, type Actor } from '@mla/auth';
import { WorkingCalendar } from '@mla/calendar';
import {
  BadInputError,
  Clock,
  CommonErrorCode,
  LocalDate,
  RuleViolationError,
  SYSTEM_ACTOR,
  isUniqueViolation,
  isValidRegionCode,
} from '@mla/core';
import {
  PolicyService,
  SUBSIDY_RULE_DEFAULTS,
  resolveSubsidyRule,
  type LoanPolicy,
  type ResolvedSubsidyRule,
} from '@mla/loan-policies';
import { LeverageCoveragePort } from '@mla/guarantee-funds';
import { SubsidyFactsPort, type ClaimableLoan } from '@mla/loans';
import { uuidOf } from '../budget/budget-input';
import { calculateSubsidyLine } from '../calculation/calculate-subsidy-line';
import { settlementDateBefore, settlementDateOnOrAfter } from '../calculation/settlement-periods';
import { SubsidyErrorCode } from '../errors';
import { settlementOn } from './claim-calendars';
import { eligibilityOf, lineAsJson } from './claim-rules';
import { ClaimBatchStatus } from './claim-status';
import type { SubsidyClaimBatch } from './subsidy-claim-batch.entity';
import { SubsidyClaimRepository, type NewClaimLine } from './subsidy-claim.repository';

export interface BuildResult {
  batch: SubsidyClaimBatch;
  /** False when the batch existed already (a second build, a redelivered job): nothing was written. */
  created: boolean;
}

/**
 * Builds a bank's subsidy claim for a jurisdiction and settlement period: for every loan of the bank in the
 * jurisdiction that accrued interest in the period, the facts from the loans' port and the calculation's line, then
 * the batch with its totals and the lines, in one transaction. The facts include the day a follow-up found the
 * borrower employed elsewhere or the business closed, and the part of the loan within its guarantee fund's leverage. Idempotent per (bank, jurisdiction, period): a second
 * build returns the batch already there. A loan whose line for the period exists and is not rejected is never
 * claimed again; a supplementary claim (`buildSupplementary`) takes the loans whose line was rejected.
 */
@Injectable()
export class SubsidyClaimBuilder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly facts: SubsidyFactsPort,
    private readonly leverage: LeverageCoveragePort,
    private readonly policies: PolicyService,
    private readonly calendar: WorkingCalendar,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The regular claim of the period (the worker's job after the settlement date; `by` when a person asks). */
  async build(
    bankOrganisationId: string,
    regionCode: string,
    settlementDate: string,
    by?: Actor,
  ): Promise<BuildResult> {
    const key = await this.checkKey(bankOrganisationId, regionCode, settlementDate);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [latest] = await this.claims.batchesOf(tx, key.bank, key.regionCode, key.settlementDate);
        if (latest) return { batch: latest, created: false };
        return { batch: await this.compose(tx, key, 1, by), created: true };
      });
    } catch (error) {
      // Two builds at once: the second waits on the key's index, then finds the first's batch.
      if (isUniqueViolation(error, 'uq_subsidy_claim_batches_key')) {
        const [latest] = await this.claims.batchesOf(
          this.dataSource.manager,
          key.bank,
          key.regionCode,
          key.settlementDate,
        );
        return { batch: latest, created: false };
      }
      throw error;
    }
  }

  /**
   * A later batch of the same period for loans that have no live line: those whose line was rejected (and whose
   * facts were corrected since). Refused with NOTHING_TO_CLAIM when there are none; never claims a loan twice.
   */
  async buildSupplementary(
    bankOrganisationId: string,
    regionCode: string,
    settlementDate: string,
    by: Actor,
  ): Promise<SubsidyClaimBatch> {
    const key = await this.checkKey(bankOrganisationId, regionCode, settlementDate);
    return this.dataSource.transaction(async (tx) => {
      const [latest] = await this.claims.batchesOf(tx, key.bank, key.regionCode, key.settlementDate);
      return this.compose(tx, key, (latest?.sequence ?? 0) + 1, by);
    });
  }

  private async compose(tx: EntityManager, key: BatchKey, sequence: number, by?: Actor): Promise<SubsidyClaimBatch> {
    const today = this.clock.today().toString();
    const period = { start: key.periodStart, end: key.settlementDate };
    const candidates = await this.facts.loansAccruingIn(key.bank, key.regionCode, period, today, tx);
    const live = await this.claims.loansWithLiveLine(
      tx,
      candidates.map((c) => c.loanId),
      key.settlementDate,
    );
    const toClaim = candidates.filter((c) => !live.has(c.loanId));
    // Each fund's coverage is read once for the batch, on the period's last day (entries dated up to it).
    const withinLeverage = await this.leverage.withinLeverageFractions(
      toClaim.map((c) => c.loanId),
      key.settlementDate,
      tx,
    );
    const rules = new Map<string, { policy: LoanPolicy; rule: ResolvedSubsidyRule }>();
    const lines: NewClaimLine[] = [];
    let claimDays: number = SUBSIDY_RULE_DEFAULTS.claimDeadlineWorkingDays;
    for (const loan of toClaim) {
      let entry = rules.get(loan.policyId);
      if (!entry) {
        const policy = await this.policies.get(SYSTEM_ADMIN_ACTOR, loan.policyId, tx);
        entry = { policy, rule: resolveSubsidyRule(policy.subsidyRule) };
        rules.set(loan.policyId, entry);
      }
      const loanPeriod = this.loanPeriod(loan, key, entry.rule);
      if (!loanPeriod) continue;
      claimDays = Math.min(claimDays, entry.rule.claimDeadlineWorkingDays);
      // Penalty received up to the settlement date is reported, also when the loan matured earlier in the period.
      const facts = await this.facts.factsFor(
        loan.loanId,
        { ...loanPeriod, penaltyUntil: key.settlementDate },
        today,
        tx,
      );
      const line = calculateSubsidyLine({
        loan: facts.loan,
        policy: { id: entry.policy.id, version: entry.policy.version, subsidyRule: entry.policy.subsidyRule },
        period: { ...loanPeriod, settlementDate: key.settlementDate },
        installments: facts.installments,
        asOf: today,
        penaltyCollectedFen: facts.penaltyCollectedFen,
        businessStoppedOn: facts.businessStoppedOn,
        withinLeverageFraction: withinLeverage.get(loan.loanId) ?? '1',
      });
      lines.push({
        loanId: loan.loanId,
        contractNumber: loan.contractNumber,
        applicantId: loan.applicantId,
        periodStart: loanPeriod.start,
        periodEnd: loanPeriod.end,
        settlementDate: key.settlementDate,
        calculation: lineAsJson(line),
        principalFen: line.principalFen,
        interestCollectedFen: line.interestCollectedFen,
        subsidyFen: line.subsidyFen,
        centralFen: line.fundingSplitFen.central,
        provincialFen: line.fundingSplitFen.provincial,
        cityFen: line.fundingSplitFen.city,
        countyFen: line.fundingSplitFen.county,
        eligibility: eligibilityOf(line),
      });
    }
    if (lines.length === 0) {
      throw new RuleViolationError(
        SubsidyErrorCode.NOTHING_TO_CLAIM,
        `No loan of bank ${key.bank} in ${key.regionCode} is left to claim for ${key.settlementDate}`,
        { settlementDate: key.settlementDate },
      );
    }
    const figures = await this.facts.portfolioFigures(key.bank, key.regionCode, period, tx);
    const claimDueOn = await this.calendar.addWorkingDays(LocalDate.parse(key.settlementDate), claimDays, tx);
    const who = by ?? null;
    const batch = await this.claims.insertBatch(tx, {
      bankOrganisationId: key.bank,
      regionCode: key.regionCode,
      periodStart: key.periodStart,
      periodEnd: key.settlementDate,
      settlementDate: key.settlementDate,
      sequence,
      status: ClaimBatchStatus.DRAFT,
      lineCount: lines.length,
      loansLentInPeriod: figures.loansLentInPeriod,
      lentInPeriodFen: figures.lentInPeriodFen,
      openingBalanceFen: figures.openingBalanceFen,
      closingBalanceFen: figures.closingBalanceFen,
      requestedFen: lines.reduce((sum, l) => sum + l.subsidyFen, 0n),
      claimDueOn: claimDueOn.toString(),
      preparedByUserId: who?.userId ?? null,
      preparedByUsername: who?.username ?? SYSTEM_ACTOR.username ?? 'system',
    });
    await this.claims.insertLines(tx, batch.id, lines);
    await this.audit.record(tx, {
      action: sequence === 1 ? 'subsidy_claim.built' : 'subsidy_claim.supplementary_built',
      entityType: 'subsidy_claim_batch',
      entityId: batch.id,
      after: batch,
      actor: who ?? undefined,
    });
    return batch;
  }

  /**
   * The loan's days of its own period closing on the batch's date (on its policy's calendar: from the day after
   * that calendar's previous settlement date), or null when the loan settles on another calendar (its policy's
   * settlement dates do not include this one) or accrues nothing in it.
   */
  private loanPeriod(
    loan: ClaimableLoan,
    key: BatchKey,
    rule: ResolvedSubsidyRule,
  ): { start: string; end: string } | null {
    const calendar = { settlementMonths: rule.settlementMonths, settlementDay: rule.settlementDay };
    const settlementDate = LocalDate.parse(key.settlementDate);
    if (!settlementDateOnOrAfter(settlementDate, calendar).equals(settlementDate)) return null;
    const periodStart = settlementDateBefore(settlementDate, calendar).plusDays(1);
    const start = LocalDate.max(periodStart, LocalDate.parse(loan.valueDate));
    let end = settlementDate;
    if (loan.maturityDate) end = LocalDate.min(end, LocalDate.parse(loan.maturityDate).plusDays(-1));
    if (end.isBefore(start)) return null;
    return { start: start.toString(), end: end.toString() };
  }

  /**
   * Checks what the worker, the CLI and HTTP pass alike: the date must close a period on some policy's calendar
   * (the batch's period starts with the earliest of those periods); a period not settled yet is refused before any
   * read of loans.
   */
  private async checkKey(bankOrganisationId: string, regionCode: string, settlementDate: string): Promise<BatchKey> {
    const bank = uuidOf(bankOrganisationId, 'bankOrganisationId');
    if (typeof regionCode !== 'string' || !isValidRegionCode(regionCode)) {
      throw new BadInputError(CommonErrorCode.INVALID_REGION_CODE, `regionCode ${regionCode} is not a division code`, {
        field: 'regionCode',
      });
    }
    let date: LocalDate;
    try {
      date = LocalDate.parse(settlementDate);
    } catch {
      throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'settlementDate must be a date YYYY-MM-DD', {
        field: 'settlementDate',
      });
    }
    const { on, next } = settlementOn(await this.policies.subsidyCalendars(), date);
    if (!on) {
      throw new RuleViolationError(
        SubsidyErrorCode.NOT_A_SETTLEMENT_DATE,
        `${date.toString()} is not a settlement date (next: ${next.toString()})`,
        { field: 'settlementDate', settlementDate: date.toString(), next: next.toString() },
      );
    }
    if (date.isAfter(this.clock.today())) {
      throw new RuleViolationError(
        SubsidyErrorCode.PERIOD_NOT_SETTLED,
        `The period settled on ${date.toString()} cannot be claimed before that date`,
        { field: 'settlementDate', settlementDate: date.toString() },
      );
    }
    return {
      bank,
      regionCode,
      settlementDate: date.toString(),
      periodStart: on.periodStart,
    };
  }
}

interface BatchKey {
  bank: string;
  regionCode: string;
  settlementDate: string;
  periodStart: string;
}
