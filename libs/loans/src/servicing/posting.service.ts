import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, ConflictError, InvalidStateError, LocalDate, Money, NotFoundError } from '@mla/core';
import { LoanAccess } from '../contracts/loan-access';
import { LoanEvents } from '../contracts/loan-events';
import { LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import type { Repayment } from './repayment.entity';
import { PostingRepository } from './posting.repository';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { RepaymentSettlement } from './repayment-settlement';

/**
 * Posts repayments (penalty → interest → principal, oldest installment first) and reverses them exactly.
 * A payment goes to installments due by its value date and then to the next one coming due; what is left is held
 * as credit. Payoff and partial prepayment are their own use cases (`PayoffService`, `PrepaymentService`).
 */
@Injectable()
export class PostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postings: PostingRepository,
    private readonly settlement: RepaymentSettlement,
    private readonly loanAccess: LoanAccess,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly applications: ApplicationPort,
    private readonly events: LoanEvents,
  ) {}

  /** Posts in its own transaction, or in the caller's (`outer`) so that the posting commits with the caller's work. */
  async post(actor: Actor, loanId: string, input: PostRepaymentInput, outer?: EntityManager): Promise<PostingResult> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const amount = Money.ofYuan(input.amountYuan);
    if (!amount.isPositive())
      throw new BadInputError(LoanErrorCode.INVALID_AMOUNT, 'amountYuan must be more than zero', {
        field: 'amountYuan',
      });
    const valueDate = LocalDate.parse(input.valueDate);
    return this.inTransaction(outer, async (tx) => {
      const { loan, earlier } = await this.settlement.lockForPosting(tx, actor, loanId, {
        kind: 'REGULAR',
        amountFen: amount.fen,
        valueDate: valueDate.toString(),
        externalReference: input.externalReference,
      });
      if (earlier) return earlier;
      this.settlement.assertRepayable(loan);
      this.settlement.assertValueDate(loan, valueDate);
      const open = await this.postings.openInstallments(tx, loanId);
      const dueByValueDate = open.filter((i) => i.dueDate <= valueDate.toString());
      const next = open.find((i) => i.dueDate > valueDate.toString());
      const targets = next ? [...dueByValueDate, next] : dueByValueDate;
      const repayment = await this.settlement.settle(
        tx,
        actor,
        loan,
        targets,
        amount.fen,
        0n,
        { ...input, valueDate: valueDate.toString() },
        'REGULAR',
      );
      return { repayment, duplicate: false };
    });
  }

  async history(actor: Actor, loanId: string): Promise<Repayment[]> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    await this.loanAccess.readVisible(actor, loanId);
    return this.postings.listOfLoan(this.dataSource.manager, loanId);
  }

  /** Undoes a posting exactly (amounts, statuses, credit, loan status). Later postings must be reversed first. */
  async reverse(actor: Actor, repaymentId: string, reason: string, outer?: EntityManager): Promise<Repayment> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    if (!reason?.trim())
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required to reverse a repayment', {
        field: 'reason',
      });
    return this.inTransaction(outer, async (tx) => {
      const repayment = await this.postings.findById(tx, repaymentId);
      if (!repayment)
        throw new NotFoundError(LoanErrorCode.REPAYMENT_NOT_FOUND, `Repayment ${repaymentId} not found`, {
          id: repaymentId,
        });
      const loan = await this.loanAccess.lockVisible(tx, actor, repayment.loanId);
      if (repayment.status !== 'POSTED')
        throw new InvalidStateError(LoanErrorCode.ALREADY_REVERSED, `Repayment ${repaymentId} is already reversed`);
      if (loan.status === LoanStatus.COMPENSATED || loan.status === LoanStatus.WRITTEN_OFF) {
        throw new InvalidStateError(
          LoanErrorCode.LOAN_CLOSED,
          `Loan ${loan.contractNumber} is ${loan.status}; its repayments can no longer be reversed`,
        );
      }
      if (repayment.kind !== 'REGULAR') {
        throw new InvalidStateError(
          LoanErrorCode.NOT_REVERSIBLE,
          `A ${repayment.kind.toLowerCase()} rewrote the remaining schedule and cannot be reversed here`,
        );
      }
      if (await this.postings.hasLaterPosted(tx, repayment)) {
        throw new ConflictError(
          LoanErrorCode.LATER_REPAYMENTS_EXIST,
          'Reverse the later repayments of this loan first (newest first)',
        );
      }
      const allocations = await this.postings.allocationsOf(tx, repaymentId);
      await this.postings.applyToInstallments(
        tx,
        allocations.map((a) => ({
          id: a.installmentId,
          penalty: -a.penaltyFen,
          interest: -a.interestFen,
          principal: -a.principalFen,
          status: a.installmentStatusBefore,
        })),
      );
      await this.postings.addCredit(tx, loan.id, -repayment.creditFen, repayment.loanStatusBefore);
      if (loan.status === LoanStatus.REPAID && repayment.loanStatusBefore !== LoanStatus.REPAID) {
        await this.applications.reopenForRestoredLoan(tx, loan.applicationId);
      }
      if (!(await this.postings.markReversed(tx, repaymentId, actor.userId, reason.trim()))) {
        throw new ConflictError(LoanErrorCode.LOAN_NOT_FOUND, 'The repayment was reversed meanwhile');
      }
      const principalRestored = allocations.reduce((sum, a) => sum + a.principalFen, 0n);
      // Also when the reversed payment had ended the loan without principal (interest or penalty only): it reopens.
      if (
        principalRestored > 0n ||
        (loan.status === LoanStatus.REPAID && repayment.loanStatusBefore !== LoanStatus.REPAID)
      ) {
        await this.events.publish(tx, {
          type: 'PRINCIPAL_REPAID',
          loanId: loan.id,
          applicationId: loan.applicationId,
          principalFen: -principalRestored,
          repaymentId,
          valueDate: repayment.valueDate,
          loanStatus: repayment.loanStatusBefore as LoanStatus,
        });
      }
      await this.audit.record(tx, {
        action: 'repayment.reversed',
        entityType: 'loan',
        entityId: loan.id,
        before: { status: loan.status, repaymentId },
        after: { status: repayment.loanStatusBefore, reason: reason.trim() },
      });
      return (await this.postings.findById(tx, repaymentId)) as Repayment;
    });
  }

  private inTransaction<T>(outer: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }
}
