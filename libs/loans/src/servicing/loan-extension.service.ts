import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, Clock, InvalidStateError, LocalDate, Money, RuleViolationError } from '@mla/core';
import { PolicyService } from '@mla/loan-policies';
import type { Installment } from '../contracts/installment.entity';
import { InstallmentRepository } from '../contracts/installment.repository';
import { LoanAccess } from '../contracts/loan-access';
import type { Loan } from '../contracts/loan.entity';
import { LoanRepository } from '../contracts/loan.repository';
import { InstallmentStatus, LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import { buildSchedule } from '../schedule/build-schedule';
import type { ScheduleConventions, RepaymentMethod } from '../schedule/schedule-types';

/** 展期 (extension) of an active loan. */
@Injectable()
export class LoanExtensionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly installments: InstallmentRepository,
    private readonly loanAccess: LoanAccess,
    private readonly policies: PolicyService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * 展期: once, for at most the policy's extension months. The principal not yet due is rescheduled from the
   * start of the next period to the new maturity with the loan's method and conventions; the replaced rows are
   * kept as SUPERSEDED; rows reaching past the original maturity are not subsidisable.
   */
  async extend(
    actor: Actor,
    loanId: string,
    months: number,
    reason: string,
  ): Promise<{ loan: Loan; installments: Installment[] }> {
    this.access.assertCan(actor, Permission.LOAN_SIGN);
    if (!reason?.trim())
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required for an extension', {
        field: 'reason',
      });
    return this.dataSource.transaction(async (tx) => {
      const before = await this.loanAccess.lockVisible(tx, actor, loanId);
      if (before.extendedOn) {
        throw new InvalidStateError(
          LoanErrorCode.EXTENSION_USED,
          `Loan ${before.contractNumber} was extended on ${before.extendedOn}; only one extension is allowed`,
        );
      }
      if (before.status !== LoanStatus.ACTIVE) {
        throw new InvalidStateError(
          LoanErrorCode.EXTENSION_NOT_POSSIBLE,
          `Loan ${before.contractNumber} is ${before.status}; only an active loan without arrears can be extended`,
        );
      }
      const policy = await this.policies.get(actor, before.policyId, tx);
      if (!Number.isInteger(months) || months < 1 || months > policy.extensionMaxMonths) {
        throw new RuleViolationError(
          LoanErrorCode.EXTENSION_TOO_LONG,
          `months must be from 1 to ${policy.extensionMaxMonths} under policy ${policy.code}`,
          {
            field: 'months',
          },
        );
      }
      const today = this.clock.today().toString();
      const rows = await this.installments.ofLoan(tx, loanId);
      const open = rows.filter((i) => i.status !== InstallmentStatus.PAID && i.status !== InstallmentStatus.SUPERSEDED);
      const future = open.filter((i) => i.dueDate > today);
      const first = future[0];
      if (
        !first ||
        open.length !== future.length ||
        first.principalPaidFen + first.interestPaidFen + first.penaltyPaidFen > 0n
      ) {
        throw new InvalidStateError(
          LoanErrorCode.EXTENSION_NOT_POSSIBLE,
          'An extension starts at a period boundary: pay what is due and the current installment has to be untouched',
        );
      }
      const previous = rows.filter((i) => i.number < first.number && i.status !== InstallmentStatus.SUPERSEDED).pop();
      const restart = LocalDate.parse(previous?.dueDate ?? (before.valueDate as string));
      const maturity = LocalDate.parse(before.maturityDate as string);
      // Before the first due date, the one agreed at signing still anchors the due dates.
      const firstDueDate = !previous && before.firstDueDate ? LocalDate.parse(before.firstDueDate) : undefined;
      const anchor = firstDueDate ?? restart;
      const remainingMonths =
        (maturity.year - anchor.year) * 12 + (maturity.month - anchor.month) + (firstDueDate ? 1 : 0);
      const principal = future.reduce((s, i) => s + (i.principalDueFen - i.principalPaidFen), 0n);
      const schedule = buildSchedule({
        principal: Money.ofFen(principal),
        annualRate: before.annualRate,
        valueDate: restart,
        firstDueDate,
        termMonths: remainingMonths + months,
        method: before.repaymentMethod as RepaymentMethod,
        conventions: before.conventions as Partial<ScheduleConventions>,
      });
      await this.installments.replaceWith(
        tx,
        loanId,
        future.map((i) => i.id),
        schedule,
        maturity,
      );
      const loan = await this.loans.update(tx, loanId, {
        originalMaturityDate: before.maturityDate,
        maturityDate: schedule.rows[schedule.rows.length - 1].dueDate.toString(),
        extendedOn: today,
        extensionMonths: months,
      });
      await this.audit.record(tx, {
        action: 'loan.extended',
        entityType: 'loan',
        entityId: loanId,
        before: { maturityDate: before.maturityDate },
        after: {
          maturityDate: loan.maturityDate,
          months,
          reason: reason.trim(),
          rescheduledPrincipalFen: principal.toString(),
        },
      });
      return { loan, installments: await this.installments.ofLoan(tx, loanId) };
    });
  }
}
