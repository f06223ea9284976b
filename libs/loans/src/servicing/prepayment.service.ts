import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PolicyService, type PrepaymentMode } from '@mla/loan-policies';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { InvalidStateError, LocalDate, Money, RuleViolationError } from '@mla/core';
import { InstallmentRepository } from '../contracts/installment.repository';
import { LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import { payoffFigures } from './payoff';
import { AMORTISING_METHODS, reprofileByActualDays, rescheduleAfterPrepayment } from './prepayment';
import { PostingRepository } from './posting.repository';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { RepaymentSettlement } from './repayment-settlement';
import { LoanReplayService } from './loan-replay.service';

/** Partial prepayment (提前部分还款), re-amortising or shortening what remains. */
@Injectable()
export class PrepaymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly postings: PostingRepository,
    private readonly installments: InstallmentRepository,
    private readonly settlement: RepaymentSettlement,
    private readonly replay: LoanReplayService,
    private readonly policies: PolicyService,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Partial prepayment on a monthly-grid loan without arrears: interest accrued in the current period to the
   * value date, the rest of the amount as principal, and the remaining principal rescheduled from that date
   * (REAMORTISE keeps the maturity, SHORTEN keeps the installment; the loan's policy decides unless the request says).
   */
  async prepay(
    actor: Actor,
    loanId: string,
    input: PostRepaymentInput & { mode?: PrepaymentMode },
  ): Promise<PostingResult> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const amount = Money.ofYuan(input.amountYuan);
    const date = LocalDate.parse(input.valueDate);
    return this.dataSource.transaction(async (tx) => {
      const { loan, earlier } = await this.settlement.lockForPosting(tx, actor, loanId, {
        kind: 'PREPAYMENT',
        amountFen: amount.fen,
        valueDate: date.toString(),
        externalReference: input.externalReference,
      });
      if (earlier) return earlier;
      if (loan.status !== LoanStatus.ACTIVE) {
        throw new InvalidStateError(
          LoanErrorCode.PREPAYMENT_NOT_POSSIBLE,
          `Loan ${loan.contractNumber} is ${loan.status}; pay the arrears first`,
        );
      }
      this.settlement.assertValueDate(loan, date);
      await this.replay.bringTo(tx, loan, date.toString());
      const open = await this.postings.openInstallments(tx, loanId);
      const current = open[0];
      if (!current || current.dueDate <= date.toString() || current.principalPaidFen + current.interestPaidFen > 0n) {
        throw new InvalidStateError(
          LoanErrorCode.PREPAYMENT_NOT_POSSIBLE,
          'Pay the installments due first; the current installment must be untouched',
        );
      }
      const quote = payoffFigures(loan, open, date);
      const interest = quote.accruedInterestFen;
      const principal = amount.fen - interest;
      if (principal <= 0n || principal >= quote.principalFen) {
        throw new RuleViolationError(
          LoanErrorCode.PREPAYMENT_AMOUNT,
          `amountYuan must be more than the ${Money.ofFen(interest).toYuanString()} interest accrued and less than a payoff (${Money.ofFen(quote.totalFen).toYuanString()})`,
          { field: 'amountYuan' },
        );
      }
      const remaining = Money.ofFen(quote.principalFen - principal);
      await this.postings.closePeriodForPrepayment(
        tx,
        current.id,
        {
          periodEnd: date.plusDays(-1).toString(),
          dueDate: date.toString(),
          days: LocalDate.parse(current.periodStart).daysUntil(date),
        },
        principal,
        interest,
      );
      const replaced = open.slice(1).map((i) => i.id);
      if (AMORTISING_METHODS.includes(loan.repaymentMethod)) {
        const previousRow = open[1] ?? current;
        const mode = input.mode ?? (await this.policies.get(actor, loan.policyId, tx)).prepaymentMode;
        const next = rescheduleAfterPrepayment(loan, current, remaining, date, mode, {
          installmentFen: previousRow.principalDueFen + previousRow.interestDueFen,
          principalFen: previousRow.principalDueFen,
        });
        await this.installments.replaceWith(tx, loanId, replaced, next);
        await this.postings.setMaturity(tx, loanId, next.maturityDate.toString());
      } else {
        await this.installments.replaceWithRows(
          tx,
          loanId,
          replaced,
          reprofileByActualDays(loan, current, open.slice(1), date, remaining),
        );
      }
      const target = (await this.postings.openInstallments(tx, loanId)).filter((i) => i.id === current.id);
      const repayment = await this.settlement.settle(
        tx,
        actor,
        { ...loan },
        target,
        amount.fen,
        0n,
        { ...input, valueDate: date.toString() },
        'PREPAYMENT',
      );
      return { repayment, duplicate: false };
    });
  }
}
