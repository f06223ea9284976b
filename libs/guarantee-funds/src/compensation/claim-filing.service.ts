import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { Clock, InvalidStateError, NotFoundError, isUniqueViolation } from '@mla/core';
import { LoanExposureService } from '@mla/loans';
import { GuaranteeErrorCode } from '../errors';
import { GuaranteeRepository } from '../guarantees/guarantee.repository';
import { GuaranteeStatus } from '../guarantees/guarantee-status';
import { ClaimStatus } from './claim-status';
import { assertPastTrigger, claimExistsError, claimFiguresOf } from './claim-rules';
import { ClaimSteps } from './claim-steps';
import type { CompensationClaim } from './compensation-claim.entity';
import { CompensationClaimRepository } from './compensation-claim.repository';

/** 代偿, step one: the bank files a claim for a guaranteed loan past the fund's trigger. */
@Injectable()
export class ClaimFilingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: CompensationClaimRepository,
    private readonly guarantees: GuaranteeRepository,
    private readonly steps: ClaimSteps,
    private readonly loans: LoanExposureService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The bank files a claim; refused before the trigger, twice for one loan, or beyond the yearly ceiling. */
  async file(actor: Actor, loanId: string, note?: string | null): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_FILE);
    try {
      return await this.fileIn(actor, loanId, note);
    } catch (error) {
      // Two banks filing at once: the partial unique index lets one through. The other's transaction is aborted by
      // then, so the winner is read after it rolled back.
      if (isUniqueViolation(error, 'uq_compensation_claims_loan')) {
        const other = await this.claims.findOpenForLoan(this.dataSource.manager, loanId);
        if (other) throw claimExistsError(other);
      }
      throw error;
    }
  }

  private async fileIn(actor: Actor, loanId: string, note?: string | null): Promise<CompensationClaim> {
    const today = this.clock.today();
    const notGuaranteed = () =>
      new NotFoundError(GuaranteeErrorCode.NOT_GUARANTEED, `No guarantee of loan ${loanId} found`, { loanId });
    return this.dataSource.transaction(async (tx) => {
      // The loan first, then its guarantee: the order a repayment posting takes them in, so the two never deadlock.
      const exposure = await this.loans.exposureOn(tx, loanId, today).catch((error: unknown) => {
        throw error instanceof NotFoundError ? notGuaranteed() : error;
      });
      const guarantee = await this.guarantees.findByLoan(tx, loanId);
      if (!guarantee || !this.access.canSee(actor, guarantee)) throw notGuaranteed();
      const existing = await this.claims.findOpenForLoan(tx, loanId);
      if (existing) throw claimExistsError(existing);
      if (guarantee.status !== GuaranteeStatus.ACTIVE) {
        throw new InvalidStateError(
          GuaranteeErrorCode.INVALID_CLAIM_STATE,
          `Guarantee ${guarantee.contractNumber} is ${guarantee.status}`,
        );
      }
      // The claim is the bank's; the fund behind it is locked whoever may see it (a bank officer cannot).
      const fund = await this.steps.lockFund(tx, guarantee.fundId);
      assertPastTrigger(fund, exposure, guarantee);
      const figures = claimFiguresOf(fund, guarantee, exposure);
      await this.steps.assertWithinCeiling(tx, fund, today.year, figures.fundPaysFen);
      const claim = await this.claims.insert(tx, {
        number: await this.claims.nextNumber(tx, today.year),
        fundId: fund.id,
        guaranteeId: guarantee.id,
        loanId,
        bankOrganisationId: guarantee.bankOrganisationId,
        regionCode: guarantee.regionCode,
        status: ClaimStatus.FILED,
        asOfDate: today.toString(),
        daysPastDue: exposure.daysPastDue,
        ...figures,
        filedByUserId: actor.userId,
        reviewedByUserId: null,
        reviewedAt: null,
        decidedByUserId: null,
        decidedAt: null,
        lastNote: note?.trim() || null,
        paidOn: null,
        paymentReference: null,
      });
      await this.audit.record(tx, {
        action: 'compensation_claim.filed',
        entityType: 'compensation_claim',
        entityId: claim.id,
        after: claim,
      });
      return claim;
    });
  }
}
