import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { BadInputError, Clock, Money, RuleViolationError } from '@mla/core';
import { LoanExposureService } from '@mla/loans';
import { GuaranteeErrorCode } from '../errors';
import { FundPositionService } from '../funds/fund-position';
import type { Guarantee } from '../guarantees/guarantee.entity';
import { GuaranteeRepository } from '../guarantees/guarantee.repository';
import { GuaranteeStatus } from '../guarantees/guarantee-status';
import { GuaranteeLiabilityService } from '../guarantees/guarantee-liability.service';
import { EntryKind } from '../ledger/entry-kind';
import { LedgerService } from '../ledger/ledger.service';
import { ClaimStatus } from './claim-status';
import { assertClaimStatus, assertPastTrigger, claimFiguresOf, samePersonError } from './claim-rules';
import { ClaimSteps } from './claim-steps';
import type { CompensationClaim } from './compensation-claim.entity';

/**
 * 代偿, the decision: one guarantee operator reviews a filed claim (maker), a different one approves it and the fund
 * pays its share (checker), or either rejects it with a reason.
 */
@Injectable()
export class ClaimDecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guarantees: GuaranteeRepository,
    private readonly liabilities: GuaranteeLiabilityService,
    private readonly positions: FundPositionService,
    private readonly ledger: LedgerService,
    private readonly steps: ClaimSteps,
    private readonly loans: LoanExposureService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** First operator: checks the claim and recommends it (maker). */
  async review(actor: Actor, id: string, note?: string | null): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.steps.visibleLocked(tx, actor, id);
      assertClaimStatus(before, [ClaimStatus.FILED]);
      if (before.filedByUserId === actor.userId) throw samePersonError('filed');
      const after = await this.steps.moveOrConflict(tx, before, {
        status: ClaimStatus.REVIEWED,
        reviewedByUserId: actor.userId,
        reviewedAt: this.clock.now(),
        lastNote: note?.trim() || null,
      });
      await this.steps.audited(tx, 'reviewed', before, after);
      return after;
    });
  }

  /**
   * Second operator (checker, not the reviewer): the fund pays its share of what the loan owes today, the
   * guarantee's remaining liability is released, and the loan becomes COMPENSATED, all in one transaction.
   */
  async approve(
    actor: Actor,
    id: string,
    input: { paymentReference: string; note?: string | null },
  ): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    if (!input.paymentReference?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REFERENCE_REQUIRED, 'paymentReference is required', {
        field: 'paymentReference',
      });
    }
    const today = this.clock.today();
    return this.dataSource.transaction(async (tx) => {
      const before = await this.steps.visibleLocked(tx, actor, id);
      assertClaimStatus(before, [ClaimStatus.REVIEWED]);
      if (before.reviewedByUserId === actor.userId) throw samePersonError('reviewed');
      // Locks in one order everywhere: loan, guarantee, fund.
      const exposure = await this.loans.exposureOn(tx, before.loanId, today);
      const guarantee = (await this.guarantees.findById(tx, before.guaranteeId)) as Guarantee;
      const fund = await this.steps.lockFund(tx, before.fundId);
      assertPastTrigger(fund, exposure, guarantee);
      const figures = claimFiguresOf(fund, guarantee, exposure, before);
      await this.steps.assertWithinCeiling(tx, fund, today.year, figures.fundPaysFen);
      const position = await this.positions.position(fund, today, tx);
      if (position.depositFen < figures.fundPaysFen) {
        throw new RuleViolationError(
          GuaranteeErrorCode.INSUFFICIENT_DEPOSIT,
          `Fund ${fund.code} holds ${Money.ofFen(position.depositFen).toYuanString()}, less than the ${Money.ofFen(figures.fundPaysFen).toYuanString()} due`,
        );
      }
      const after = await this.steps.moveOrConflict(tx, before, {
        status: ClaimStatus.PAID,
        ...figures,
        asOfDate: today.toString(),
        daysPastDue: exposure.daysPastDue,
        decidedByUserId: actor.userId,
        decidedAt: this.clock.now(),
        paidOn: today.toString(),
        paymentReference: input.paymentReference.trim(),
        lastNote: input.note?.trim() || before.lastNote,
      });
      await this.ledger.append(tx, {
        fundId: fund.id,
        kind: EntryKind.COMPENSATION_PAID,
        amountFen: -figures.fundPaysFen,
        valueDate: today.toString(),
        guaranteeId: guarantee.id,
        loanId: before.loanId,
        repaymentId: null,
        claimId: before.id,
        documentReference: input.paymentReference.trim(),
        reversesEntryId: null,
        memo: `compensation claim ${before.number}`,
        basis: {
          principalOutstandingFen: figures.principalOutstandingFen.toString(),
          interestOverdueFen: figures.interestOverdueFen.toString(),
          compensationBasis: figures.compensationBasis,
          coveredFen: figures.coveredFen.toString(),
          fundShare: figures.fundShare,
          daysPastDue: exposure.daysPastDue,
        },
      });
      await this.liabilities.end(tx, guarantee, GuaranteeStatus.COMPENSATED, `compensation claim ${before.number}`, {
        claimId: before.id,
      });
      await this.loans.markCompensated(tx, before.loanId, before.number);
      await this.steps.audited(tx, 'paid', before, after);
      return after;
    });
  }

  /** Either operator step may reject, with a reason; at the approval step not by the reviewer. */
  async reject(actor: Actor, id: string, reason: string): Promise<CompensationClaim> {
    this.access.assertCan(actor, Permission.COMPENSATION_DECIDE);
    if (!reason?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REASON_REQUIRED, 'reason is required to reject a claim', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const before = await this.steps.visibleLocked(tx, actor, id);
      assertClaimStatus(before, [ClaimStatus.FILED, ClaimStatus.REVIEWED]);
      if (before.reviewedByUserId === actor.userId) throw samePersonError('reviewed');
      const after = await this.steps.moveOrConflict(tx, before, {
        status: ClaimStatus.REJECTED,
        decidedByUserId: actor.userId,
        decidedAt: this.clock.now(),
        lastNote: reason.trim(),
      });
      await this.steps.audited(tx, 'rejected', before, after);
      return after;
    });
  }
}
