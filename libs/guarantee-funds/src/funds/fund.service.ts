import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, OrganisationKind, OrganisationService, Permission, type Actor } from '@mla/auth';
import {
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  isUniqueViolation,
  isValidRegionCode,
  toPage,
  type Page,
} from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { FundStatus } from './fund-status';
import { ruleColumns, type FundRulesInput } from './fund-input';
import { FundPositionService } from './fund-position';
import type { GuaranteeFund } from './guarantee-fund.entity';
import { GuaranteeFundRepository, type FundFilter } from './guarantee-fund.repository';

export interface CreateFundInput extends FundRulesInput {
  code: string;
  name: string;
  sponsor: string;
  regionCode: string;
  agencyOrganisationId: string;
  depositBankName: string;
  depositAccountNumber: string;
}

/** Setting up funds and their rules, suspending and reopening them, and reading them with their figures. */
@Injectable()
export class FundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly funds: GuaranteeFundRepository,
    private readonly positions: FundPositionService,
    private readonly organisations: OrganisationService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateFundInput): Promise<GuaranteeFund> {
    this.access.assertCan(actor, Permission.FUND_MANAGE);
    if (!/^[A-Z0-9]{2,12}$/.test(input.code ?? '')) {
      throw new BadInputError(GuaranteeErrorCode.INVALID_CODE, 'code must be 2 to 12 capital letters or digits', {
        field: 'code',
      });
    }
    if (!isValidRegionCode(input.regionCode)) {
      throw new BadInputError(
        GuaranteeErrorCode.INVALID_REGION,
        `regionCode ${input.regionCode} is not a division code`,
        {
          field: 'regionCode',
        },
      );
    }
    if (!this.access.canSee(actor, { regionCode: input.regionCode })) {
      throw new RuleViolationError(
        GuaranteeErrorCode.REGION_OUTSIDE_SCOPE,
        `Region ${input.regionCode} is outside your jurisdiction`,
        {
          field: 'regionCode',
        },
      );
    }
    for (const field of ['name', 'sponsor', 'depositBankName', 'depositAccountNumber'] as const) {
      if (!input[field]?.trim())
        throw new BadInputError(GuaranteeErrorCode.REQUIRED, `${field} is required`, { field });
    }
    const rules = ruleColumns(input);
    const agency = await this.organisations.get(actor, input.agencyOrganisationId).catch(() => null);
    if (!agency || agency.kind !== OrganisationKind.GUARANTEE_AGENCY || agency.status !== 'ACTIVE') {
      throw new RuleViolationError(
        GuaranteeErrorCode.AGENCY_NOT_FOUND,
        `agencyOrganisationId ${input.agencyOrganisationId} is not an active guarantee agency you can see`,
        { field: 'agencyOrganisationId' },
      );
    }
    return this.dataSource.transaction(async (tx) => {
      let fund: GuaranteeFund;
      try {
        fund = await this.funds.insert(tx, {
          code: input.code,
          name: input.name.trim(),
          sponsor: input.sponsor.trim(),
          regionCode: input.regionCode,
          agencyOrganisationId: agency.id,
          depositBankName: input.depositBankName.trim(),
          depositAccountNumber: input.depositAccountNumber.trim(),
          ...rules,
          status: FundStatus.OPEN,
          statusReason: null,
          createdByUserId: actor.userId,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(GuaranteeErrorCode.FUND_CODE_TAKEN, `Fund code ${input.code} is taken`, {
            field: 'code',
          });
        }
        throw error;
      }
      await this.audit.record(tx, {
        action: 'guarantee_fund.created',
        entityType: 'guarantee_fund',
        entityId: fund.id,
        after: fund,
      });
      return fund;
    });
  }

  /** Changes a fund's rules; they apply to what happens from now on (issued guarantees keep their share). */
  async updateRules(actor: Actor, id: string, input: FundRulesInput): Promise<GuaranteeFund> {
    this.access.assertCan(actor, Permission.FUND_MANAGE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.lockVisible(tx, actor, id);
      const after = await this.funds.update(tx, id, ruleColumns(input, before));
      await this.audit.record(tx, {
        action: 'guarantee_fund.rules_changed',
        entityType: 'guarantee_fund',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Stops (SUSPENDED) or resumes (OPEN) new guarantees, with a reason. */
  async setStatus(actor: Actor, id: string, status: FundStatus, reason: string): Promise<GuaranteeFund> {
    this.access.assertCan(actor, Permission.FUND_MANAGE);
    if (!reason?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REASON_REQUIRED, 'reason is required', { field: 'reason' });
    }
    return this.dataSource.transaction(async (tx) => {
      const before = await this.lockVisible(tx, actor, id);
      if (before.status === status) {
        throw new InvalidStateError(GuaranteeErrorCode.NO_CHANGE, `Fund ${before.code} is already ${status}`);
      }
      const after = await this.funds.update(tx, id, { status, statusReason: reason.trim() });
      await this.audit.record(tx, {
        action: status === FundStatus.SUSPENDED ? 'guarantee_fund.suspended' : 'guarantee_fund.reopened',
        entityType: 'guarantee_fund',
        entityId: id,
        before: { status: before.status },
        after: { status, reason: reason.trim() },
      });
      return after;
    });
  }

  /**
   * Re-takes this year's leverage assessment (last year's repayment rate at maturity) from the loans' records, e.g.
   * after repayments of last year were entered late. Under the fund's lock; audited.
   */
  async reassessLeverage(actor: Actor, id: string) {
    this.access.assertCan(actor, Permission.FUND_MANAGE);
    return this.dataSource.transaction(async (tx) => {
      const fund = await this.lockVisible(tx, actor, id);
      const year = this.clock.today().year;
      const before = await this.positions.leverageFor(fund, year, tx);
      await this.positions.assess(tx, fund, year, true);
      const after = await this.positions.leverageFor(fund, year, tx);
      await this.audit.record(tx, {
        action: 'guarantee_fund.leverage_reassessed',
        entityType: 'guarantee_fund',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async get(actor: Actor, id: string): Promise<GuaranteeFund> {
    this.access.assertCan(actor, Permission.FUND_READ);
    const fund = await this.funds.findById(this.dataSource.manager, id);
    return this.inScope(actor, id, fund);
  }

  /** The fund with its figures today: balances, capacity, leverage used, compensation and recovery rates, alerts. */
  async withFigures(actor: Actor, id: string) {
    const fund = await this.get(actor, id);
    return { fund, ...(await this.positions.figures(fund, this.clock.today())) };
  }

  async list(
    actor: Actor,
    filter: FundFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<GuaranteeFund>> {
    this.access.assertCan(actor, Permission.FUND_READ);
    const after = cursor ? decodeCursor<{ code: string }>(cursor, ['code']).code : undefined;
    const rows = await this.funds.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (f) => ({ code: f.code }));
  }

  /** The fund locked in the caller's transaction if the actor may see it, else 404. */
  async lockVisible(tx: EntityManager, actor: Actor, id: string): Promise<GuaranteeFund> {
    const fund = await this.funds.lockById(tx, id);
    return this.inScope(actor, id, fund);
  }

  /** A fund is seen by the organisations of its region (its agency among them); otherwise it is not found. */
  private inScope(actor: Actor, id: string, fund: GuaranteeFund | null): GuaranteeFund {
    if (
      !fund ||
      !this.access.canSee(actor, { regionCode: fund.regionCode, organisationId: fund.agencyOrganisationId })
    ) {
      throw this.notFound(id);
    }
    return fund;
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(GuaranteeErrorCode.FUND_NOT_FOUND, `Guarantee fund ${id} not found`, { id });
  }
}
