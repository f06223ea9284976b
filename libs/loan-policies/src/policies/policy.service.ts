import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, AuthErrorCode, Permission, RegionService, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  assertDateWithin,
  EARLIEST_BUSINESS_DATE,
  isForeignKeyViolation,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  parseRegionCode,
  toPage,
  type LocalDate,
  type Page,
} from '@mla/core';
import { LoanPolicyErrorCode } from '../errors';
import { LoanPolicy } from './loan-policy.entity';
import { LoanPolicyRepository, type PolicyFilter } from './loan-policy.repository';
import { validatePolicyInput, type CreatePolicyInput } from './policy-input';
import { pickMostSpecific } from './policy-resolution';
import { resolveSubsidyRule } from './subsidy-rule';

/** One settlement calendar of the policies' subsidy rules and the policy versions that settle on it. */
export interface SubsidyCalendarUse {
  settlementMonths: readonly number[];
  settlementDay: number;
  policyIds: string[];
}

/** Loan policies: versioned configuration by jurisdiction and effective dates, and which one applies where. */
@Injectable()
export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: LoanPolicyRepository,
    private readonly regions: RegionService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A version is a plan: it may start in the future, but within the horizon, and not before the programme. */
  private assertPlanDates(from: string, to: string | null): void {
    const years = this.config.env.POLICY_MAX_YEARS_AHEAD;
    const limits = {
      min: EARLIEST_BUSINESS_DATE,
      max: this.clock.today().plusYears(years),
      minReason: 'the earliest business date',
      maxReason: `today + ${years} years`,
    };
    assertDateWithin('effectiveFrom', from, limits);
    if (to !== null) assertDateWithin('effectiveTo', to, limits);
  }

  /**
   * Adds a version of a policy for a jurisdiction. Its inclusive effective range must not overlap an ACTIVE
   * version of the same code and jurisdiction (409 POLICY_OVERLAP); retire a wrong version to replace it.
   */
  async create(actor: Actor, input: CreatePolicyInput): Promise<LoanPolicy> {
    this.access.assertCan(actor, Permission.POLICY_MANAGE);
    const values = validatePolicyInput(input);
    this.assertPlanDates(values.effectiveFrom, values.effectiveTo);
    await this.assertJurisdictionExists(actor, values.jurisdictionRegionCode);
    return this.dataSource.transaction(async (tx) => {
      await this.policies.lockVersionLine(tx, values.code, values.jurisdictionRegionCode);
      const overlapping = await this.policies.findActiveOverlapping(
        tx,
        values.code,
        values.jurisdictionRegionCode,
        values.effectiveFrom,
        values.effectiveTo,
      );
      if (overlapping.length > 0) {
        const ranges = overlapping.map((p) => `v${p.version} ${p.effectiveFrom}–${p.effectiveTo ?? 'open'}`);
        throw new ConflictError(
          LoanPolicyErrorCode.POLICY_OVERLAP,
          `Policy ${values.code} for ${values.jurisdictionRegionCode} from ${values.effectiveFrom} to ${values.effectiveTo ?? 'open'} overlaps active version(s) ${ranges.join(', ')}`,
          {
            field: 'effectiveFrom',
            overlapping: overlapping.map((p) => ({
              id: p.id,
              version: p.version,
              effectiveFrom: p.effectiveFrom,
              effectiveTo: p.effectiveTo,
            })),
          },
        );
      }
      const version = (await this.policies.maxVersion(tx, values.code, values.jurisdictionRegionCode)) + 1;
      let policy: LoanPolicy;
      try {
        policy = await this.policies.insert(tx, { ...values, version });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw this.jurisdictionMissing(values.jurisdictionRegionCode);
        throw error;
      }
      await this.audit.record(tx, {
        action: 'loan_policy.created',
        entityType: 'loan_policy',
        entityId: policy.id,
        after: policy,
      });
      return policy;
    });
  }

  /** ACTIVE → RETIRED: the version no longer resolves; 409 when it is already retired. */
  async retire(actor: Actor, id: string): Promise<LoanPolicy> {
    this.access.assertCan(actor, Permission.POLICY_MANAGE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.policies.lockById(tx, id);
      if (!before) throw this.notFound(id);
      if (!(await this.policies.markRetired(tx, id, this.clock.now()))) {
        throw new InvalidStateError(
          LoanPolicyErrorCode.POLICY_ALREADY_RETIRED,
          `Policy ${before.code} v${before.version} is already retired`,
          { id },
        );
      }
      const after = (await this.policies.findById(tx, id)) as LoanPolicy;
      await this.audit.record(tx, {
        action: 'loan_policy.retired',
        entityType: 'loan_policy',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** One policy version; `tx` when read inside the caller's transaction. */
  async get(actor: Actor, id: string, tx?: EntityManager): Promise<LoanPolicy> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    const policy = await this.policies.findById(tx ?? this.dataSource.manager, id);
    if (!policy) throw this.notFound(id);
    return policy;
  }

  /**
   * The distinct settlement calendars of the policies' subsidy rules (every version, retired ones too: their loans
   * keep them), each with the versions that use it. The subsidy claims read it to know which dates close a period.
   */
  async subsidyCalendars(tx?: EntityManager): Promise<SubsidyCalendarUse[]> {
    const rows = await (tx ?? this.dataSource.manager).find(LoanPolicy, {
      select: { id: true, subsidyRule: true },
      order: { id: 'ASC' },
    });
    const byCalendar = new Map<string, SubsidyCalendarUse>();
    for (const row of rows) {
      const { settlementMonths, settlementDay } = resolveSubsidyRule(row.subsidyRule);
      const key = `${settlementMonths.join(',')}/${settlementDay}`;
      const use = byCalendar.get(key) ?? { settlementMonths, settlementDay, policyIds: [] };
      use.policyIds.push(row.id);
      byCalendar.set(key, use);
    }
    return [...byCalendar.values()];
  }

  /** Policies are configuration everyone may read; no regional scope applies. */
  async list(
    actor: Actor,
    filter: PolicyFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<LoanPolicy>> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    const after = cursor
      ? decodeCursor<{ code: string; jurisdictionRegionCode: string; version: number }>(cursor, [
          'code',
          'jurisdictionRegionCode',
          'version',
        ])
      : undefined;
    const rows = await this.policies.list(this.dataSource.manager, filter, limit + 1, after);
    return toPage(rows, limit, (p) => ({
      code: p.code,
      jurisdictionRegionCode: p.jurisdictionRegionCode,
      version: p.version,
    }));
  }

  /** resolve() for a user (the HTTP lookup): anyone who may read policies. */
  async resolveFor(actor: Actor, regionCode: string, onDate: LocalDate, code?: string): Promise<LoanPolicy> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    return this.resolve(regionCode, onDate, code);
  }

  /**
   * The ACTIVE policy in force on the date whose jurisdiction contains the region, the most specific
   * jurisdiction first (optionally of one code). 422 NO_POLICY_IN_FORCE when none applies, 422 AMBIGUOUS_POLICY
   * when two codes apply at the same level and no code was named.
   */
  async resolve(regionCode: string, onDate: LocalDate, code?: string, tx?: EntityManager): Promise<LoanPolicy> {
    parseRegionCode(regionCode);
    const date = onDate.toString();
    const result = pickMostSpecific(
      await this.policies.findActiveInForceOn(tx ?? this.dataSource.manager, date, code),
      regionCode,
    );
    switch (result.kind) {
      case 'found':
        return result.policy;
      case 'none':
        throw new RuleViolationError(
          LoanPolicyErrorCode.NO_POLICY_IN_FORCE,
          `No active loan policy${code ? ` ${code}` : ''} is in force for region ${regionCode} on ${date}`,
          { regionCode, date, code: code ?? null },
        );
      case 'ambiguous':
        throw new RuleViolationError(
          LoanPolicyErrorCode.AMBIGUOUS_POLICY,
          `Policies ${result.policies.map((p) => p.code).join(', ')} all apply to region ${regionCode} on ${date}; name the code`,
          { regionCode, date, codes: result.policies.map((p) => p.code) },
        );
    }
  }

  private async assertJurisdictionExists(actor: Actor, regionCode: string): Promise<void> {
    try {
      await this.regions.get(actor, regionCode);
    } catch (error) {
      if (error instanceof NotFoundError && error.code === AuthErrorCode.REGION_NOT_FOUND) {
        throw this.jurisdictionMissing(regionCode);
      }
      throw error;
    }
  }

  private jurisdictionMissing(regionCode: string): RuleViolationError {
    return new RuleViolationError(
      LoanPolicyErrorCode.JURISDICTION_NOT_FOUND,
      `Jurisdiction ${regionCode} is not a known region; add the region first`,
      { field: 'jurisdictionRegionCode' },
    );
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(LoanPolicyErrorCode.POLICY_NOT_FOUND, `Loan policy ${id} not found`, { id });
  }
}
