import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { assertDateWithin, InvalidStateError, LocalDate, Money, RuleViolationError } from '@mla/core';
import { LoanAccess } from '../contracts/loan-access';
import { LoanErrorCode } from '../errors';
import { payoffFigures, quoteView, type PayoffQuote } from './payoff';
import { PostingRepository } from './posting.repository';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { RepaymentSettlement } from './repayment-settlement';
import { LoanReplayService } from './loan-replay.service';

/** Paying a loan off in full: the quote for a date, and the payoff itself. */
@Injectable()
export class PayoffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postings: PostingRepository,
    private readonly settlement: RepaymentSettlement,
    private readonly replay: LoanReplayService,
    private readonly loanAccess: LoanAccess,
    private readonly access: AccessPolicy,
  ) {}

  /** What paying the whole loan off on `date` costs: all principal, interest to that date, and penalty. */
  async payoffQuote(actor: Actor, loanId: string, date: LocalDate): Promise<PayoffQuote> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const loan = await this.loanAccess.readVisible(actor, loanId);
    // A quote may look ahead (a payoff planned for next week), but never before the money went out.
    if (loan.valueDate) {
      assertDateWithin('date', date, { min: loan.valueDate, minReason: 'the disbursement value date' });
    }
    return this.dataSource.transaction(async (tx) => {
      // Figures on a date before a later posting would mix that posting's payments with the date's penalty.
      const later = await this.postings.postedAfter(tx, loanId, date.toString(), null);
      if (later.length > 0) {
        const last = later[later.length - 1].repayment.valueDate;
        throw new InvalidStateError(
          LoanErrorCode.BACKDATED_ACROSS_RESCHEDULE,
          `date ${date.toString()} is before a repayment dated ${last}; quote a date on or after it`,
          { field: 'date', limit: last },
        );
      }
      return payoffFigures(loan, await this.postings.openInstallments(tx, loanId), date);
    });
  }

  /**
   * Full prepayment: interest only to the payoff date (days actually elapsed in the current period), penalty to
   * that date, all principal. The not-yet-due installments are settled; a payoff is not reversible here.
   */
  async payoff(actor: Actor, loanId: string, input: PostRepaymentInput): Promise<PostingResult> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const amount = Money.ofYuan(input.amountYuan);
    const valueDate = LocalDate.parse(input.valueDate);
    return this.dataSource.transaction(async (tx) => {
      const { loan, earlier } = await this.settlement.lockForPosting(tx, actor, loanId, {
        kind: 'PAYOFF',
        amountFen: amount.fen,
        valueDate: valueDate.toString(),
        externalReference: input.externalReference,
      });
      if (earlier) return earlier;
      this.settlement.assertRepayable(loan);
      this.settlement.assertValueDate(loan, valueDate);
      await this.replay.bringTo(tx, loan, valueDate.toString());
      const open = await this.postings.openInstallments(tx, loanId);
      const quote = payoffFigures(loan, open, valueDate);
      if (amount.fen + loan.creditFen < quote.totalFen) {
        throw new RuleViolationError(
          LoanErrorCode.PAYOFF_SHORT,
          `amountYuan ${amount.toYuanString()} does not pay the loan off: ${Money.ofFen(quote.totalFen - loan.creditFen).toYuanString()} is due on ${quote.date}`,
          { field: 'amountYuan', quote: quoteView(quote) },
        );
      }
      if (quote.currentInstallmentId) {
        await this.postings.settleFutureForPayoff(
          tx,
          quote.currentInstallmentId,
          quote.laterInstallmentIds,
          quote.currentPrincipalFen,
          quote.accruedInterestFen,
        );
      }
      const targets = await this.postings.openInstallments(tx, loanId);
      const repayment = await this.settlement.settle(
        tx,
        actor,
        loan,
        targets,
        amount.fen,
        loan.creditFen,
        { ...input, valueDate: valueDate.toString() },
        'PAYOFF',
      );
      return { repayment, duplicate: false };
    });
  }
}
