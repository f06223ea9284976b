import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationPort, type ApplicationStatus } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  Money,
  NotFoundError,
  RuleViolationError,
  decodeCursor,
  isAncestorOrSelf,
  isUniqueViolation,
  toPage,
  type Page,
} from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { FundPositionService } from '../funds/fund-position';
import { FundStatus } from '../funds/fund-status';
import { FundService } from '../funds/fund.service';
import { EntryKind } from '../ledger/entry-kind';
import { LedgerService } from '../ledger/ledger.service';
import type { Guarantee } from './guarantee.entity';
import { GuaranteeRepository, type GuaranteeFilter } from './guarantee.repository';
import { GuaranteeStatus } from './guarantee-status';

/** Issues guarantees within a fund's capacity at the guarantee-review step, and reads them. */
@Injectable()
export class GuaranteeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guarantees: GuaranteeRepository,
    private readonly funds: FundService,
    private readonly positions: FundPositionService,
    private readonly ledger: LedgerService,
    private readonly applications: ApplicationPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * 担保审核: issues a guarantee of the application's amount from the fund and approves the review step, in one
   * transaction under the fund's row lock. Refused when the fund is suspended, when the loan is outside the fund's
   * region, or when the liability after it would exceed leverage × deposit balance.
   */
  async issue(
    actor: Actor,
    fundId: string,
    applicationId: string,
    reason?: string | null,
  ): Promise<{ guarantee: Guarantee; applicationStatus: ApplicationStatus }> {
    this.access.assertCan(actor, Permission.APPLICATION_REVIEW_GUARANTEE);
    return this.dataSource.transaction(async (tx) => {
      const fund = await this.funds.lockVisible(tx, actor, fundId);
      if (fund.status !== FundStatus.OPEN) {
        throw new RuleViolationError(
          GuaranteeErrorCode.FUND_SUSPENDED,
          `Fund ${fund.code} is suspended for new guarantees${fund.statusReason ? `: ${fund.statusReason}` : ''}`,
          { fundCode: fund.code, ...(fund.statusReason ? { reason: fund.statusReason } : {}) },
        );
      }
      const application = await this.applications.getIn(tx, actor, applicationId);
      if (!isAncestorOrSelf(fund.regionCode, application.regionCode)) {
        throw new RuleViolationError(
          GuaranteeErrorCode.OUTSIDE_FUND_REGION,
          `Application ${application.number} is in region ${application.regionCode}, outside fund ${fund.code}'s region ${fund.regionCode}`,
          { fundRegionCode: fund.regionCode, regionCode: application.regionCode },
        );
      }
      const today = this.clock.today();
      const contractNumber = await this.guarantees.nextContractNumber(tx, fund.id, fund.code, today.year);
      // The step's own checks (status, self-review, twice in a row) come before the capacity check.
      const approved = await this.applications.approveGuaranteeReview(tx, actor, applicationId, contractNumber, reason);
      const position = await this.positions.position(fund, today, tx);
      const after = position.liabilityFen + application.amountFen;
      if (after > position.capacityFen) {
        throw new RuleViolationError(
          GuaranteeErrorCode.CAPACITY_EXCEEDED,
          `Fund ${fund.code} can guarantee ${Money.ofFen(position.availableFen).toYuanString()} more (capacity ${Money.ofFen(position.capacityFen).toYuanString()} at ${position.leverage.leverage}×, liability ${Money.ofFen(position.liabilityFen).toYuanString()}); application ${application.number} asks ${Money.ofFen(application.amountFen).toYuanString()}`,
          {
            capacityYuan: Money.ofFen(position.capacityFen).toYuanString(),
            liabilityYuan: Money.ofFen(position.liabilityFen).toYuanString(),
            availableYuan: Money.ofFen(position.availableFen).toYuanString(),
            requestedYuan: Money.ofFen(application.amountFen).toYuanString(),
            leverage: position.leverage.leverage,
          },
        );
      }
      const guarantee = await this.insertGuarantee(tx, {
        contractNumber,
        fundId: fund.id,
        applicationId,
        loanId: null,
        regionCode: application.regionCode,
        bankOrganisationId: application.bankOrganisationId,
        amountFen: application.amountFen,
        fundShare: fund.fundShare,
        status: GuaranteeStatus.ACTIVE,
        issuedOn: today.toString(),
        issuedByUserId: actor.userId,
        endedOn: null,
      });
      await this.ledger.append(tx, {
        fundId: fund.id,
        kind: EntryKind.RESERVE,
        amountFen: application.amountFen,
        valueDate: today.toString(),
        guaranteeId: guarantee.id,
        loanId: null,
        repaymentId: null,
        claimId: null,
        documentReference: contractNumber,
        reversesEntryId: null,
        memo: `guarantee for application ${application.number}`,
        basis: {
          depositFen: position.depositFen.toString(),
          liabilityBeforeFen: position.liabilityFen.toString(),
          capacityFen: position.capacityFen.toString(),
          ...position.leverage,
        },
      });
      await this.audit.record(tx, {
        action: 'guarantee.issued',
        entityType: 'guarantee',
        entityId: guarantee.id,
        after: guarantee,
      });
      return { guarantee, applicationStatus: approved.status };
    });
  }

  /** The unique indexes name what was taken: the contract number, or the application's one live guarantee. */
  private async insertGuarantee(
    tx: EntityManager,
    values: Parameters<GuaranteeRepository['insert']>[1],
  ): Promise<Guarantee> {
    try {
      return await this.guarantees.insert(tx, values);
    } catch (error) {
      if (isUniqueViolation(error, 'ix_guarantees_contract_number')) {
        throw new ConflictError(
          GuaranteeErrorCode.CONTRACT_NUMBER_TAKEN,
          `Guarantee contract number ${values.contractNumber} is already used`,
          { contractNumber: values.contractNumber },
        );
      }
      if (isUniqueViolation(error, 'uq_guarantees_application')) {
        throw new ConflictError(GuaranteeErrorCode.GUARANTEE_EXISTS, 'The application has a guarantee already', {
          applicationId: values.applicationId,
        });
      }
      throw error;
    }
  }

  async get(actor: Actor, id: string): Promise<Guarantee> {
    this.access.assertCan(actor, Permission.FUND_READ);
    const guarantee = await this.guarantees.findById(this.dataSource.manager, id);
    if (!guarantee || !this.access.canSee(actor, guarantee)) {
      throw new NotFoundError(GuaranteeErrorCode.GUARANTEE_NOT_FOUND, `Guarantee ${id} not found`, { id });
    }
    return guarantee;
  }

  async list(
    actor: Actor,
    filter: GuaranteeFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<Guarantee>> {
    this.access.assertCan(actor, Permission.FUND_READ);
    const after = cursor ? decodeCursor<{ c: string }>(cursor, ['c']).c : undefined;
    const rows = await this.guarantees.list(
      this.dataSource.manager,
      this.access.scopeOf(actor),
      filter,
      limit + 1,
      after,
    );
    return toPage(rows, limit, (g) => ({ c: g.contractNumber }));
  }
}
