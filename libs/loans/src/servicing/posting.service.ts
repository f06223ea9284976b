import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { BadInputError, InvalidStateError, LocalDate, Money, NotFoundError } from '@mla/core';
import { LoanAccess } from '../contracts/loan-access';
import { LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import type { Repayment } from './repayment.entity';
import { PostingRepository } from './posting.repository';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { RepaymentSettlement } from './repayment-settlement';
import { LoanReplayService } from './loan-replay.service';

/**
 * Posts repayments (penalty → interest → principal, oldest installment first) and reverses them, in value-date
 * order whatever the order of arrival (`LoanReplayService`). A payment first brings penalty up to its value date,
 * then goes to installments due by then and to the next one coming due; what is left is held as credit. Payoff and partial prepayment are their own use cases (`PayoffService`, `PrepaymentService`).
 */
@Injectable()
export class PostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postings: PostingRepository,
    private readonly settlement: RepaymentSettlement,
    private readonly replay: LoanReplayService,
    private readonly loanAccess: LoanAccess,
    private readonly access: AccessPolicy,
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
      const repayment = await this.replay.post(tx, actor, loan, amount.fen, {
        ...input,
        valueDate: valueDate.toString(),
      });
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
      const found = await this.postings.findById(tx, repaymentId);
      if (!found)
        throw new NotFoundError(LoanErrorCode.REPAYMENT_NOT_FOUND, `Repayment ${repaymentId} not found`, {
          id: repaymentId,
        });
      const loan = await this.loanAccess.lockVisible(tx, actor, found.loanId);
      // Read again under the loan's lock: a reversal that held it may have just ended.
      const repayment = (await this.postings.findById(tx, repaymentId)) as Repayment;
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
      // Later postings are replayed without it, in value-date order (refused across a payoff or prepayment).
      await this.replay.takeBack(tx, actor, loan, repayment, reason.trim());
      return (await this.postings.findById(tx, repaymentId)) as Repayment;
    });
  }

  private inTransaction<T>(outer: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }
}
