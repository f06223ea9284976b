import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationService } from '@mla/applicants';
import { PolicyService, type PrepaymentMode } from '@mla/loan-policies';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  ConflictError,
  InvalidStateError,
  LocalDate,
  Money,
  NotFoundError,
  RuleViolationError,
} from '@mla/core';
import type { EntityManager } from 'typeorm';
import { payoffFigures, quoteView, type PayoffQuote } from './payoff';
import { AMORTISING_METHODS, reprofileByActualDays, rescheduleAfterPrepayment } from './prepayment';
import { InstallmentRepository } from '../contracts/installment.repository';
import type { Installment } from '../contracts/installment.entity';
import type { Loan } from '../contracts/loan.entity';
import { LoanRepository } from '../contracts/loan.repository';
import { LoanEvents } from '../contracts/loan-events';
import { LoanErrorCode } from '../errors';
import { InstallmentStatus, LoanStatus } from '../contracts/loan-status';
import { allocateRepayment, type Component, type OpenInstallment } from './allocate-repayment';
import type { Repayment } from './repayment.entity';
import { PostingRepository, type InstallmentChange } from './posting.repository';
import { assertSameRequest } from './same-reference';

export const REPAYMENT_CHANNELS = ['BANK_COUNTER', 'TRANSFER', 'AUTO_DEBIT', 'STATEMENT_IMPORT', 'OTHER'] as const;

export interface PostRepaymentInput {
  amountYuan: string;
  valueDate: string;
  channel: (typeof REPAYMENT_CHANNELS)[number];
  externalReference: string;
}

export interface PostingResult {
  repayment: Repayment;
  /** True when this reference had been posted before: nothing changed. */
  duplicate: boolean;
}

const owedOf = (i: Installment): OpenInstallment => ({
  id: i.id,
  number: i.number,
  penaltyOwed: i.penaltyAccruedFen - i.penaltyPaidFen,
  interestOwed: i.interestDueFen - i.interestPaidFen,
  principalOwed: i.principalDueFen - i.principalPaidFen,
});

/**
 * Posts repayments (penalty → interest → principal, oldest installment first) and reverses them exactly.
 * A payment goes to installments due by its value date and then to the next one coming due; what is left is held
 * as credit. Prepayment (re-amortising or shortening) and payoff quotes come with the prepayment use cases.
 */
@Injectable()
export class PostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly postings: PostingRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly installments: InstallmentRepository,
    private readonly applications: ApplicationService,
    private readonly policies: PolicyService,
    private readonly events: LoanEvents,
    private readonly clock: Clock,
  ) {}

  /** Posts in its own transaction, or in the caller's (`outer`) so that the posting commits with the caller's work. */
  async post(actor: Actor, loanId: string, input: PostRepaymentInput, outer?: EntityManager): Promise<PostingResult> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const amount = Money.ofYuan(input.amountYuan);
    if (!amount.isPositive())
      throw new BadInputError(LoanErrorCode.INVALID_AMOUNT, 'amountYuan must be more than zero', { field: 'amountYuan' });
    const valueDate = LocalDate.parse(input.valueDate);
    return this.inTransaction(outer, async (tx) => {
      const loan = await this.visibleLoan(actor, loanId, tx);
      const existing = await this.postings.findByReference(tx, loanId, input.externalReference);
      if (existing) {
        assertSameRequest(existing, {
          kind: 'REGULAR',
          amountFen: amount.fen,
          valueDate: valueDate.toString(),
          externalReference: input.externalReference,
        });
        return { repayment: existing, duplicate: true };
      }
      if (loan.status !== LoanStatus.ACTIVE && loan.status !== LoanStatus.OVERDUE) {
        throw new InvalidStateError(LoanErrorCode.LOAN_NOT_REPAYABLE, `Loan ${loan.contractNumber} is ${loan.status}`);
      }
      this.assertValueDate(loan, valueDate);
      const open = await this.postings.openInstallments(tx, loanId);
      const dueByValueDate = open.filter((i) => i.dueDate <= valueDate.toString());
      const next = open.find((i) => i.dueDate > valueDate.toString());
      const targets = next ? [...dueByValueDate, next] : dueByValueDate;
      const repayment = await this.settle(
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

  /** What paying the whole loan off on `date` costs: all principal, interest to that date, and penalty. */
  async payoffQuote(actor: Actor, loanId: string, date: LocalDate): Promise<PayoffQuote> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const loan = await this.visibleLoan(actor, loanId);
    // A quote may look ahead (a payoff planned for next week), but never before the money went out.
    if (loan.valueDate) {
      assertDateWithin('date', date, { min: loan.valueDate, minReason: 'the disbursement value date' });
    }
    return this.dataSource.transaction(async (tx) =>
      payoffFigures(loan, await this.postings.openInstallments(tx, loanId), date),
    );
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
      const loan = await this.visibleLoan(actor, loanId, tx);
      const existing = await this.postings.findByReference(tx, loanId, input.externalReference);
      if (existing) {
        assertSameRequest(existing, {
          kind: 'PAYOFF',
          amountFen: amount.fen,
          valueDate: valueDate.toString(),
          externalReference: input.externalReference,
        });
        return { repayment: existing, duplicate: true };
      }
      if (loan.status !== LoanStatus.ACTIVE && loan.status !== LoanStatus.OVERDUE) {
        throw new InvalidStateError(LoanErrorCode.LOAN_NOT_REPAYABLE, `Loan ${loan.contractNumber} is ${loan.status}`);
      }
      this.assertValueDate(loan, valueDate);
      const open = await this.postings.openInstallments(tx, loanId);
      const quote = payoffFigures(loan, open, valueDate);
      if (amount.fen + loan.creditFen < quote.totalFen) {
        throw new RuleViolationError(
          LoanErrorCode.PAYOFF_SHORT,
          `amountYuan ${amount.toYuanString()} does not pay the loan off: ${Money.ofFen(quote.totalFen - loan.creditFen).toYuanString()} is due on ${quote.date}`,
          { field: 'amountYuan', quote: quoteView(quote) },
        );
      }
      await this.postings.accruePenaltyThrough(tx, loanId, valueDate.toString());
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
      const repayment = await this.settle(
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
      const loan = await this.visibleLoan(actor, loanId, tx);
      const existing = await this.postings.findByReference(tx, loanId, input.externalReference);
      if (existing) {
        assertSameRequest(existing, {
          kind: 'PREPAYMENT',
          amountFen: amount.fen,
          valueDate: date.toString(),
          externalReference: input.externalReference,
        });
        return { repayment: existing, duplicate: true };
      }
      if (loan.status !== LoanStatus.ACTIVE) {
        throw new InvalidStateError(
          LoanErrorCode.PREPAYMENT_NOT_POSSIBLE,
          `Loan ${loan.contractNumber} is ${loan.status}; pay the arrears first`,
        );
      }
      this.assertValueDate(loan, date);
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
      const repayment = await this.settle(
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

  /** Allocates a payment (plus any credit used) over the target installments and records everything. */
  private async settle(
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

  async history(actor: Actor, loanId: string): Promise<Repayment[]> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    await this.visibleLoan(actor, loanId);
    return this.postings.listOfLoan(this.dataSource.manager, loanId);
  }

  /** Undoes a posting exactly (amounts, statuses, credit, loan status). Later postings must be reversed first. */
  async reverse(actor: Actor, repaymentId: string, reason: string, outer?: EntityManager): Promise<Repayment> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    if (!reason?.trim())
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required to reverse a repayment', { field: 'reason' });
    return this.inTransaction(outer, async (tx) => {
      const repayment = await this.postings.findById(tx, repaymentId);
      if (!repayment)
        throw new NotFoundError(LoanErrorCode.REPAYMENT_NOT_FOUND, `Repayment ${repaymentId} not found`, { id: repaymentId });
      const loan = await this.visibleLoan(actor, repayment.loanId, tx);
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

  /** A payment is dated between the disbursement and today (business date): not before the loan, not ahead. */
  private assertValueDate(loan: Loan, valueDate: LocalDate): void {
    assertDateWithin('valueDate', valueDate, {
      min: loan.valueDate,
      max: this.clock.today(),
      minReason: 'the disbursement value date',
      maxReason: 'today',
    });
  }

  private inTransaction<T>(outer: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /** The loan if the actor may see it (locked for update when read inside a transaction), else 404. */
  private async visibleLoan(actor: Actor, loanId: string, tx?: EntityManager): Promise<Loan> {
    const loan = tx ? await this.loans.lockById(tx, loanId) : await this.loans.findById(this.dataSource.manager, loanId);
    if (!loan) throw new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${loanId} not found`, { id: loanId });
    this.access.assertCanSee(
      actor,
      { regionCode: loan.regionCode, bankOrganisationId: loan.bankOrganisationId },
      'Loan',
      loanId,
    );
    return loan;
  }
}
