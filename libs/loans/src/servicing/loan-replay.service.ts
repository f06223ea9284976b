import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AuditLog, type Actor } from '@mla/auth';
import { Clock, ConflictError, InvalidStateError } from '@mla/core';
import type { Loan } from '../contracts/loan.entity';
import { LoanEvents } from '../contracts/loan-events';
import { InstallmentStatus, LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import type { Component } from './allocate-repayment';
import { allPaid, anyOverdue, bringUpTo, statusOn, type LedgerRow, type PaymentOutcome } from './loan-ledger';
import { replay, rewindTo, rowChanged, type PostedPayment } from './loan-replay';
import { penaltyTermsOf } from './penalty';
import { toLedgerRow } from './loan-ledger-rows';
import type { PostRepaymentInput } from './posting-input';
import { PostingRepository } from './posting.repository';
import type { Repayment } from './repayment.entity';

const principalOf = (lines: readonly { principal: bigint }[]) => lines.reduce((s, l) => s + l.principal, 0n);
const splitView = (lines: readonly { installmentId: string; penalty: bigint; interest: bigint; principal: bigint }[]) =>
  lines.map((l) => ({
    installmentId: l.installmentId,
    penalty: l.penalty.toString(),
    interest: l.interest.toString(),
    principal: l.principal.toString(),
  }));
const sameSplit = (a: PostedPayment['lines'], b: PaymentOutcome['lines']) =>
  JSON.stringify(splitView(a)) === JSON.stringify(splitView(b));

type Change =
  | { kind: 'post'; amountFen: bigint; input: PostRepaymentInput }
  | { kind: 'take-back'; repayment: Repayment; reason: string };

/**
 * Applies a regular payment, or takes one back, in value-date order whatever the order of arrival: postings dated
 * later and the days counted after the value date (by earlier postings or nightly closes) are undone and redone
 * inside the caller's transaction, each moved posting audited. A payoff or prepayment rewrote the schedule, so
 * nothing dated before one is replayed across it (refused, naming its date).
 */
@Injectable()
export class LoanReplayService {
  constructor(
    private readonly postings: PostingRepository,
    private readonly applications: ApplicationPort,
    private readonly events: LoanEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  post(tx: EntityManager, actor: Actor, loan: Loan, amountFen: bigint, input: PostRepaymentInput): Promise<Repayment> {
    return this.change(tx, actor, loan, { kind: 'post', amountFen, input }) as Promise<Repayment>;
  }

  async takeBack(tx: EntityManager, actor: Actor, loan: Loan, repayment: Repayment, reason: string): Promise<void> {
    await this.change(tx, actor, loan, { kind: 'take-back', repayment, reason });
  }

  /**
   * Brings every installment exactly to `date` (counted days after it undone, before it added), for a payoff or a
   * prepayment on that date, which then rewrite the schedule. Refused when a posting is dated after it.
   */
  async bringTo(tx: EntityManager, loan: Loan, date: string): Promise<void> {
    const later = await this.postings.postedAfter(tx, loan.id, date, null);
    if (later.length > 0) {
      const last = later[later.length - 1].repayment.valueDate;
      throw new InvalidStateError(
        LoanErrorCode.BACKDATED_ACROSS_RESCHEDULE,
        `valueDate ${date} is before a repayment dated ${last}; a payoff or prepayment is dated on or after the last posting`,
        { field: 'valueDate', limit: last },
      );
    }
    const terms = penaltyTermsOf(loan);
    const rows = (await this.postings.allInstallments(tx, loan.id)).map(toLedgerRow);
    const next = rows.map((r) => ({ ...r }));
    for (const r of next) {
      rewindTo(r, date, terms);
      if (r.status !== InstallmentStatus.SUPERSEDED) r.status = statusOn(r, date, terms);
    }
    bringUpTo(next, date, terms);
    await this.postings.saveLedgerRows(
      tx,
      next.filter((r, k) => rowChanged(rows[k], r)),
    );
  }

  private async change(tx: EntityManager, actor: Actor, loan: Loan, change: Change): Promise<Repayment | null> {
    const from = change.kind === 'post' ? change.input.valueDate : change.repayment.valueDate;
    const installments = await this.postings.allInstallments(tx, loan.id);
    const laterRows = await this.postings.postedAfter(
      tx,
      loan.id,
      from,
      change.kind === 'post' ? null : change.repayment.seq,
    );
    const rewrite = laterRows.find((p) => p.repayment.kind !== 'REGULAR');
    if (rewrite) {
      const problem =
        change.kind === 'post'
          ? `a ${rewrite.repayment.kind.toLowerCase()} on ${rewrite.repayment.valueDate} rewrote the schedule; a payment dated ${from} cannot be applied before it`
          : `a ${rewrite.repayment.kind.toLowerCase()} on ${rewrite.repayment.valueDate} rewrote the schedule after it`;
      throw change.kind === 'post'
        ? new InvalidStateError(LoanErrorCode.BACKDATED_ACROSS_RESCHEDULE, `valueDate ${problem}`, {
            field: 'valueDate',
            limit: rewrite.repayment.valueDate,
          })
        : new ConflictError(LoanErrorCode.LATER_REPAYMENTS_EXIST, `This repayment cannot be reversed: ${problem}`, {
            limit: rewrite.repayment.valueDate,
          });
    }
    if (loan.extendedOn && from < loan.extendedOn) {
      throw new InvalidStateError(
        LoanErrorCode.BACKDATED_ACROSS_RESCHEDULE,
        `valueDate ${from} is before the extension of ${loan.extendedOn}, which rewrote the schedule`,
        { field: 'valueDate', limit: loan.extendedOn },
      );
    }
    const later: PostedPayment[] = laterRows.map(({ repayment, allocations }) => ({
      id: repayment.id,
      seq: BigInt(repayment.seq),
      kind: repayment.kind,
      amount: repayment.amountFen,
      valueDate: repayment.valueDate,
      credit: repayment.creditFen,
      lines: allocations.map((a) => ({
        installmentId: a.installmentId,
        penalty: a.penaltyFen,
        interest: a.interestFen,
        principal: a.principalFen,
      })),
    }));
    const rows = installments.map(toLedgerRow);
    const result = replay({
      rows,
      later,
      removeId: change.kind === 'take-back' ? change.repayment.id : null,
      add: change.kind === 'post' ? { amount: change.amountFen, valueDate: from } : null,
      from,
      terms: penaltyTermsOf(loan),
      order: loan.allocationOrder as Component[],
      today: this.clock.today().toString(),
    });
    const before = new Map(rows.map((r) => [r.id, r]));
    await this.postings.saveLedgerRows(
      tx,
      result.rows.filter((r) => rowChanged(before.get(r.id) as LedgerRow, r)),
    );
    const status = allPaid(result.rows)
      ? LoanStatus.REPAID
      : anyOverdue(result.rows)
        ? LoanStatus.OVERDUE
        : LoanStatus.ACTIVE;
    await this.postings.addCredit(tx, loan.id, result.creditDelta, status);
    if (status === LoanStatus.REPAID && loan.status !== LoanStatus.REPAID) {
      await this.applications.closeForEndedLoan(tx, loan.applicationId, 'loan repaid');
    } else if (loan.status === LoanStatus.REPAID && status !== LoanStatus.REPAID) {
      await this.applications.reopenForRestoredLoan(tx, loan.applicationId);
    }

    // Postings the change moved: their new split, audited, and the principal they repaid told again.
    const moved: string[] = [];
    for (const { id, outcome } of result.outcomes) {
      const was = later.find((p) => p.id === id);
      if (!was || (sameSplit(was.lines, outcome.lines) && was.credit === outcome.credit)) continue;
      moved.push(was.id);
      await this.postings.resplit(
        tx,
        was.id,
        outcome.credit,
        outcome.lines.map((l) => ({
          repaymentId: was.id,
          installmentId: l.installmentId,
          penaltyFen: l.penalty,
          interestFen: l.interest,
          principalFen: l.principal,
          installmentStatusBefore: l.statusBefore,
        })),
      );
      await this.audit.record(tx, {
        action: 'repayment.reallocated',
        entityType: 'loan',
        entityId: loan.id,
        before: { repaymentId: was.id, allocations: splitView(was.lines), creditFen: was.credit.toString() },
        after: {
          repaymentId: was.id,
          allocations: splitView(outcome.lines),
          creditFen: outcome.credit.toString(),
          why: change.kind === 'post' ? `payment dated ${from} applied before it` : `repayment dated ${from} reversed`,
        },
      });
      if (principalOf(was.lines) !== principalOf(outcome.lines)) {
        await this.tellPrincipal(tx, loan, was.id, was.valueDate, -principalOf(was.lines), status);
        if (principalOf(outcome.lines) > 0n) {
          await this.tellPrincipal(tx, loan, was.id, was.valueDate, principalOf(outcome.lines), status);
        }
      }
    }

    if (change.kind === 'take-back') {
      const taken = later.find((p) => p.id === change.repayment.id);
      if (!taken) throw new ConflictError(LoanErrorCode.ALREADY_REVERSED, 'The repayment was reversed meanwhile');
      if (!(await this.postings.markReversed(tx, taken.id, actor.userId, change.reason))) {
        throw new ConflictError(LoanErrorCode.ALREADY_REVERSED, 'The repayment was reversed meanwhile');
      }
      if (principalOf(taken.lines) > 0n || (loan.status === LoanStatus.REPAID && status !== LoanStatus.REPAID)) {
        await this.tellPrincipal(tx, loan, taken.id, taken.valueDate, -principalOf(taken.lines), status);
      }
      await this.audit.record(tx, {
        action: 'repayment.reversed',
        entityType: 'loan',
        entityId: loan.id,
        before: { status: loan.status, repaymentId: taken.id, allocations: splitView(taken.lines) },
        after: { status, reason: change.reason, reallocated: moved },
      });
      return null;
    }

    const mine = result.outcomes.find((o) => o.id === null)?.outcome as PaymentOutcome;
    const input = change.input;
    const repayment = await this.postings.insertRepayment(tx, {
      loanId: loan.id,
      kind: 'REGULAR',
      amountFen: change.amountFen,
      valueDate: from,
      channel: input.channel,
      externalReference: input.externalReference,
      creditFen: mine.credit,
      loanStatusBefore: loan.status,
      postedByUserId: actor.userId,
    });
    await this.postings.insertAllocations(
      tx,
      mine.lines.map((l) => ({
        repaymentId: repayment.id,
        installmentId: l.installmentId,
        penaltyFen: l.penalty,
        interestFen: l.interest,
        principalFen: l.principal,
        installmentStatusBefore: l.statusBefore,
      })),
    );
    if (principalOf(mine.lines) > 0n || status === LoanStatus.REPAID) {
      await this.tellPrincipal(tx, loan, repayment.id, from, principalOf(mine.lines), status);
    }
    await this.audit.record(tx, {
      action: 'repayment.regular_posted',
      entityType: 'loan',
      entityId: loan.id,
      before: { status: loan.status, creditFen: loan.creditFen.toString() },
      after: {
        status,
        repaymentId: repayment.id,
        amountFen: change.amountFen.toString(),
        valueDate: from,
        externalReference: input.externalReference,
        allocations: mine.lines.map((l) => ({
          number: l.number,
          penalty: l.penalty.toString(),
          interest: l.interest.toString(),
          principal: l.principal.toString(),
        })),
        creditFen: (loan.creditFen + result.creditDelta).toString(),
        backDated: later.length > 0 || rows.some((r) => r.penaltyThrough !== null && r.penaltyThrough > from),
        reallocated: moved,
      },
    });
    return repayment;
  }

  private tellPrincipal(
    tx: EntityManager,
    loan: Loan,
    repaymentId: string,
    valueDate: string,
    principalFen: bigint,
    loanStatus: LoanStatus,
  ): Promise<void> {
    return this.events.publish(tx, {
      type: 'PRINCIPAL_REPAID',
      loanId: loan.id,
      applicationId: loan.applicationId,
      principalFen,
      repaymentId,
      valueDate,
      loanStatus,
    });
  }
}
