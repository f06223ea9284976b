import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AuditLog, type Actor } from '@mla/auth';
import { assertDateWithin, Clock, InvalidStateError, type LocalDate } from '@mla/core';
import type { Installment } from '../contracts/installment.entity';
import { LoanAccess } from '../contracts/loan-access';
import type { Loan } from '../contracts/loan.entity';
import { LoanEvents } from '../contracts/loan-events';
import { InstallmentStatus, LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import { allocateRepayment, type Component, type OpenInstallment } from './allocate-repayment';
import type { Repayment } from './repayment.entity';
import { PostingRepository, type InstallmentChange } from './posting.repository';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { assertSameRequest, type PostingRequest } from './same-reference';

const owedOf = (i: Installment): OpenInstallment => ({
  id: i.id,
  number: i.number,
  penaltyOwed: i.penaltyAccruedFen - i.penaltyPaidFen,
  interestOwed: i.interestDueFen - i.interestPaidFen,
  principalOwed: i.principalDueFen - i.principalPaidFen,
});

/**
 * What every posting (regular, payoff, prepayment) shares: the retry check by external reference, the value-date
 * bounds, and settling an amount over installments with its allocations, loan status, events and audit row.
 */
@Injectable()
export class RepaymentSettlement {
  constructor(
    private readonly loanAccess: LoanAccess,
    private readonly postings: PostingRepository,
    private readonly applications: ApplicationPort,
    private readonly events: LoanEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Where every posting starts: the loan, locked if the actor may see it, and the earlier posting when this request
   * is a retry of one already posted (then the caller returns it and does nothing more).
   */
  async lockForPosting(
    tx: EntityManager,
    actor: Actor,
    loanId: string,
    request: PostingRequest,
  ): Promise<{ loan: Loan; earlier: PostingResult | null }> {
    const loan = await this.loanAccess.lockVisible(tx, actor, loanId);
    return { loan, earlier: await this.earlierPosting(tx, loanId, request) };
  }

  /** The earlier posting when this reference was posted before with the very same request (a retry), else null. */
  async earlierPosting(tx: EntityManager, loanId: string, request: PostingRequest): Promise<PostingResult | null> {
    const existing = await this.postings.findByReference(tx, loanId, request.externalReference);
    if (!existing) return null;
    assertSameRequest(existing, request);
    return { repayment: existing, duplicate: true };
  }

  /** Only an active or overdue loan takes a repayment or a payoff. */
  assertRepayable(loan: Loan): void {
    if (loan.status !== LoanStatus.ACTIVE && loan.status !== LoanStatus.OVERDUE) {
      throw new InvalidStateError(LoanErrorCode.LOAN_NOT_REPAYABLE, `Loan ${loan.contractNumber} is ${loan.status}`);
    }
  }

  /** A payment is dated between the disbursement and today (business date): not before the loan, not ahead. */
  assertValueDate(loan: Loan, valueDate: LocalDate): void {
    assertDateWithin('valueDate', valueDate, {
      min: loan.valueDate,
      max: this.clock.today(),
      minReason: 'the disbursement value date',
      maxReason: 'today',
    });
  }

  /** Allocates a payment (plus any credit used) over the target installments and records everything. */
  async settle(
    tx: EntityManager,
    actor: Actor,
    loan: Loan,
    targets: Installment[],
    amountFen: bigint,
    creditUsed: bigint,
    input: PostRepaymentInput,
    kind: Repayment['kind'],
  ): Promise<Repayment> {
    const allocation =
      targets.length > 0
        ? allocateRepayment(targets.map(owedOf), amountFen + creditUsed, loan.allocationOrder as Component[])
        : { lines: [], credit: amountFen + creditUsed };
    const byId = new Map(targets.map((i) => [i.id, i]));
    const changes: InstallmentChange[] = allocation.lines.map((l) => {
      const i = byId.get(l.installmentId) as Installment;
      const cleared =
        i.penaltyAccruedFen - i.penaltyPaidFen === l.penalty &&
        i.interestDueFen - i.interestPaidFen === l.interest &&
        i.principalDueFen - i.principalPaidFen === l.principal;
      const status = cleared
        ? InstallmentStatus.PAID
        : i.status === InstallmentStatus.OVERDUE
          ? InstallmentStatus.OVERDUE
          : InstallmentStatus.PARTIALLY_PAID;
      return { id: i.id, penalty: l.penalty, interest: l.interest, principal: l.principal, status };
    });
    await this.postings.applyToInstallments(tx, changes);
    const creditDelta = allocation.credit - creditUsed;
    const repayment = await this.postings.insertRepayment(tx, {
      loanId: loan.id,
      kind,
      amountFen,
      valueDate: input.valueDate,
      channel: input.channel,
      externalReference: input.externalReference,
      creditFen: creditDelta,
      loanStatusBefore: loan.status,
      postedByUserId: actor.userId,
    });
    await this.postings.insertAllocations(
      tx,
      allocation.lines.map((l) => ({
        repaymentId: repayment.id,
        installmentId: l.installmentId,
        penaltyFen: l.penalty,
        interestFen: l.interest,
        principalFen: l.principal,
        installmentStatusBefore: (byId.get(l.installmentId) as Installment).status,
      })),
    );
    const stillOpen = await this.postings.openInstallments(tx, loan.id);
    const status =
      stillOpen.length === 0
        ? LoanStatus.REPAID
        : stillOpen.some((i) => i.status === InstallmentStatus.OVERDUE)
          ? LoanStatus.OVERDUE
          : LoanStatus.ACTIVE;
    await this.postings.addCredit(tx, loan.id, creditDelta, status);
    if (status === LoanStatus.REPAID) await this.applications.closeForEndedLoan(tx, loan.applicationId, 'loan repaid');
    const principalRepaid = allocation.lines.reduce((sum, l) => sum + l.principal, 0n);
    if (principalRepaid > 0n || status === LoanStatus.REPAID) {
      await this.events.publish(tx, {
        type: 'PRINCIPAL_REPAID',
        loanId: loan.id,
        applicationId: loan.applicationId,
        principalFen: principalRepaid,
        repaymentId: repayment.id,
        valueDate: input.valueDate,
        loanStatus: status,
      });
    }
    await this.audit.record(tx, {
      action: `repayment.${kind.toLowerCase()}_posted`,
      entityType: 'loan',
      entityId: loan.id,
      before: { status: loan.status, creditFen: loan.creditFen.toString() },
      after: {
        status,
        repaymentId: repayment.id,
        amountFen: amountFen.toString(),
        externalReference: input.externalReference,
        allocations: allocation.lines.map((l) => ({
          number: l.number,
          penalty: l.penalty.toString(),
          interest: l.interest.toString(),
          principal: l.principal.toString(),
        })),
        creditFen: (loan.creditFen + creditDelta).toString(),
      },
    });
    return repayment;
  }
}
