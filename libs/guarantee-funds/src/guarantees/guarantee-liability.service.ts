import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationEvents, ApplicationStatus, type ApplicationMoved } from '@mla/applicants';
import { AuditLog } from '@mla/auth';
import { Clock } from '@mla/core';
import { LoanEvents, LoanStatus, type LoanEvent } from '@mla/loans';
import { EntryKind } from '../ledger/entry-kind';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import type { Guarantee } from './guarantee.entity';
import { GuaranteeRepository } from './guarantee.repository';
import { GuaranteeStatus } from './guarantee-status';

/** Application statuses that end a guarantee not yet taken up by a loan. */
const NOT_TAKEN_UP: readonly ApplicationStatus[] = [
  ApplicationStatus.RETURNED,
  ApplicationStatus.REJECTED,
  ApplicationStatus.WITHDRAWN,
];

/**
 * Keeps a guarantee's liability in step with its loan, in the transactions of the loan's own changes: released as
 * principal is repaid (re-reserved if that repayment is reversed), at the end of the loan, or when the application
 * ends without a loan.
 */
@Injectable()
export class GuaranteeLiabilityService implements OnModuleInit {
  constructor(
    private readonly guarantees: GuaranteeRepository,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerRepository,
    private readonly applicationEvents: ApplicationEvents,
    private readonly loanEvents: LoanEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.applicationEvents.subscribe((tx, event) => this.onApplicationMoved(tx, event));
    this.loanEvents.subscribe((tx, event) => this.onLoanEvent(tx, event));
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
