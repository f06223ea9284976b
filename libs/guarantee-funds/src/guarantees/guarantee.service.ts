import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationEvents, ApplicationService, ApplicationStatus, type ApplicationMoved } from '@mla/applicants';
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
import { LoanEvents, LoanStatus, type LoanEvent } from '@mla/loans';
import { GuaranteeErrorCode } from '../errors';
import { FundPositionService } from '../funds/fund-position';
import { FundStatus } from '../funds/fund-status';
import { FundService } from '../funds/fund.service';
import { EntryKind } from '../ledger/entry-kind';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import type { Guarantee } from './guarantee.entity';
import { GuaranteeRepository, type GuaranteeFilter } from './guarantee.repository';
import { GuaranteeStatus } from './guarantee-status';

/** Application statuses that end a guarantee not yet taken up by a loan. */
const NOT_TAKEN_UP: readonly ApplicationStatus[] = [
  ApplicationStatus.RETURNED,
  ApplicationStatus.REJECTED,
  ApplicationStatus.WITHDRAWN,
];

/**
 * Issues guarantees within a fund's capacity at the guarantee-review step, and keeps the liability in step with
 * the loan: released as principal is repaid (re-reserved if that repayment is reversed), at the end of the loan,
 * or when the application ends without a loan.
 */
@Injectable()
export class GuaranteeService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guarantees: GuaranteeRepository,
    private readonly funds: FundService,
    private readonly positions: FundPositionService,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerRepository,
    private readonly applications: ApplicationService,
    private readonly applicationEvents: ApplicationEvents,
    private readonly loanEvents: LoanEvents,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.applicationEvents.subscribe((tx, event) => this.onApplicationMoved(tx, event));
    this.loanEvents.subscribe((tx, event) => this.onLoanEvent(tx, event));
  }

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

  /** The guarantee's liability still reserved (derived from its entries). */
  liabilityOf(tx: EntityManager, guaranteeId: string): Promise<bigint> {
    return this.entries.liabilityOfGuarantee(tx, guaranteeId);
  }

  /** Releases whatever is still reserved for a guarantee and ends it with `status`. */
  async end(
    tx: EntityManager,
    guarantee: Guarantee,
    status: GuaranteeStatus,
    why: string,
    cause: { claimId?: string; repaymentId?: string } = {},
  ) {
    const remaining = await this.entries.liabilityOfGuarantee(tx, guarantee.id);
    if (remaining > 0n) {
      await this.ledger.append(tx, {
        fundId: guarantee.fundId,
        kind: EntryKind.RELEASE_END,
        amountFen: -remaining,
        valueDate: this.clock.today().toString(),
        guaranteeId: guarantee.id,
        loanId: guarantee.loanId,
        repaymentId: cause.repaymentId ?? null,
        claimId: cause.claimId ?? null,
        documentReference: guarantee.contractNumber,
        reversesEntryId: null,
        memo: why,
        basis: null,
      });
    }
    const after = await this.guarantees.update(tx, guarantee.id, { status, endedOn: this.clock.today().toString() });
    await this.audit.record(tx, {
      action: `guarantee.${status.toLowerCase()}`,
      entityType: 'guarantee',
      entityId: guarantee.id,
      before: { status: guarantee.status },
      after: { status, releasedFen: remaining.toString(), why },
    });
    return after;
  }

  private async onApplicationMoved(tx: EntityManager, event: ApplicationMoved): Promise<void> {
    if (!NOT_TAKEN_UP.includes(event.toStatus)) return;
    const guarantee = await this.guarantees.findCurrentByApplication(tx, event.applicationId);
    if (!guarantee || guarantee.status !== GuaranteeStatus.ACTIVE || guarantee.loanId) return;
    await this.end(tx, guarantee, GuaranteeStatus.CANCELLED, `application ${event.action.toLowerCase()}`);
  }

  private async onLoanEvent(tx: EntityManager, event: LoanEvent): Promise<void> {
    const guarantee = await this.guarantees.findCurrentByApplication(tx, event.applicationId);
    if (!guarantee) return; // a loan made before guarantees were kept here
    switch (event.type) {
      case 'DISBURSED': {
        await this.guarantees.update(tx, guarantee.id, { loanId: event.loanId });
        await this.audit.record(tx, {
          action: 'guarantee.loan_disbursed',
          entityType: 'guarantee',
          entityId: guarantee.id,
          after: { loanId: event.loanId, principalFen: event.principalFen.toString(), valueDate: event.valueDate },
        });
        return;
      }
      case 'PRINCIPAL_REPAID':
        if (event.principalFen > 0n) await this.release(tx, guarantee, event);
        else await this.restore(tx, guarantee, event);
        return;
      case 'COMPENSATED':
        return; // the compensation use case ends the guarantee itself
    }
  }

  private async release(
    tx: EntityManager,
    guarantee: Guarantee,
    event: Extract<LoanEvent, { type: 'PRINCIPAL_REPAID' }>,
  ): Promise<void> {
    if (guarantee.status !== GuaranteeStatus.ACTIVE) return;
    const remaining = await this.entries.liabilityOfGuarantee(tx, guarantee.id);
    const release = event.principalFen < remaining ? event.principalFen : remaining;
    if (release > 0n) {
      await this.ledger.append(tx, {
        fundId: guarantee.fundId,
        kind: EntryKind.RELEASE_REPAYMENT,
        amountFen: -release,
        valueDate: event.valueDate,
        guaranteeId: guarantee.id,
        loanId: event.loanId,
        repaymentId: event.repaymentId,
        claimId: null,
        documentReference: guarantee.contractNumber,
        reversesEntryId: null,
        memo: null,
        basis: { principalRepaidFen: event.principalFen.toString() },
      });
    }
    if (event.loanStatus === LoanStatus.REPAID) {
      await this.end(tx, guarantee, GuaranteeStatus.RELEASED, 'loan repaid', { repaymentId: event.repaymentId });
    }
  }

  /** A reversed repayment: its releases are reversed, and a guarantee it had ended is active again. */
  private async restore(
    tx: EntityManager,
    guarantee: Guarantee,
    event: Extract<LoanEvent, { type: 'PRINCIPAL_REPAID' }>,
  ): Promise<void> {
    const released = await this.entries.unreversedOfRepayment(tx, guarantee.id, event.repaymentId);
    for (const entry of released) {
      await this.ledger.reversal(tx, entry, this.clock.today().toString(), 'repayment reversed');
    }
    if (guarantee.status === GuaranteeStatus.RELEASED) {
      await this.guarantees.update(tx, guarantee.id, { status: GuaranteeStatus.ACTIVE, endedOn: null });
      await this.audit.record(tx, {
        action: 'guarantee.reactivated',
        entityType: 'guarantee',
        entityId: guarantee.id,
        before: { status: guarantee.status },
        after: { status: GuaranteeStatus.ACTIVE, why: 'repayment reversed' },
      });
    }
  }
}
