import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  parseDateField,
  normalizeBankAccount,
  maskBankAccount,
  PiiCipher,
  BadInputError,
  Clock,
  DEFAULT_PAGE_SIZE,
  DomainError,
  InvalidStateError,
  LocalDate,
  Money,
  RuleViolationError,
  type Page,
} from '@mla/core';
import type { Installment } from '../contracts/installment.entity';
import { InstallmentRepository } from '../contracts/installment.repository';
import { LoanAccess } from '../contracts/loan-access';
import type { Loan } from '../contracts/loan.entity';
import { LoanEvents } from '../contracts/loan-events';
import { LoanQueryService } from '../contracts/loan-query.service';
import { LoanRepository } from '../contracts/loan.repository';
import { LoanStatus } from '../contracts/loan-status';
import { LoanErrorCode } from '../errors';
import { buildSchedule } from '../schedule/build-schedule';
import type { ScheduleConventions, RepaymentMethod } from '../schedule/schedule-types';

export interface DisbursementInput {
  valueDate: string;
  amountYuan: string;
  bankLoanNumber?: string | null;
  /** The bank's reference of the disbursement. */
  reference: string;
  /** The borrower's account the money went to (kept encrypted; statements are matched by its keyed hash). */
  borrowerAccount?: string | null;
}

/** A confirmation from the bank's side, which names the loan by its contract number. */
export interface DisbursementConfirmation extends DisbursementInput {
  contractNumber: string;
}

/** Context of the borrower-account hash (one per kind of value, so hashes of different kinds never meet). */
export const BANK_ACCOUNT_INDEX_CONTEXT = 'bank-account';
const BORROWER_ACCOUNT_CONTEXT = 'loans.borrower_account';

/** The money goes out: one disbursement recorded by a loan officer, or the bank's confirmations of its queue. */
@Injectable()
export class DisbursementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly installments: InstallmentRepository,
    private readonly loanAccess: LoanAccess,
    private readonly queries: LoanQueryService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: LoanEvents,
    private readonly cipher: PiiCipher,
  ) {}

  /** Records the disbursement: fixes the schedule from the actual value date and activates the loan. */
  async recordDisbursement(
    actor: Actor,
    loanId: string,
    input: DisbursementInput,
  ): Promise<{ loan: Loan; installments: Installment[] }> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    return this.dataSource.transaction((tx) => this.disburseIn(tx, actor, loanId, input));
  }

  /** The bank's disbursement queue: signed contracts of its loans waiting for the money to go out, oldest first. */
  async disbursementQueue(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Loan>> {
    return this.queries.list(actor, { status: LoanStatus.SIGNED }, limit, cursor);
  }

  /**
   * Confirmations from the bank (by API or a file), by contract number, applied all together or not at all; each
   * one refused with its reason (not in the queue, amount differs, …) names its position.
   */
  async confirmDisbursements(actor: Actor, confirmations: DisbursementConfirmation[]): Promise<Loan[]> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    if (confirmations.length === 0) {
      throw new BadInputError(LoanErrorCode.NOTHING_TO_CONFIRM, 'No disbursement to confirm', {
        field: 'confirmations',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const done: Loan[] = [];
      for (const [i, c] of confirmations.entries()) {
        const at = (error: unknown) =>
          error instanceof DomainError
            ? new DomainError(error.kind, error.code, `confirmation ${i + 1} (${c.contractNumber}): ${error.message}`, {
                ...(error.details as object | undefined),
                index: i,
                contractNumber: c.contractNumber,
              })
            : error;
        try {
          const loan = await this.loans.findByContractNumber(tx, c.contractNumber ?? '');
          if (
            !loan ||
            !this.access.canSee(actor, { regionCode: loan.regionCode, bankOrganisationId: loan.bankOrganisationId })
          ) {
            throw new RuleViolationError(
              LoanErrorCode.NOT_IN_QUEUE,
              `contract ${c.contractNumber} is not in your disbursement queue`,
              { field: 'contractNumber' },
            );
          }
          if (loan.status !== LoanStatus.SIGNED) {
            throw new RuleViolationError(
              LoanErrorCode.NOT_IN_QUEUE,
              `contract ${c.contractNumber} is ${loan.status}, not waiting for disbursement`,
              { field: 'contractNumber', status: loan.status },
            );
          }
          done.push((await this.disburseIn(tx, actor, loan.id, c)).loan);
        } catch (error) {
          throw at(error);
        }
      }
      return done;
    });
  }

  private async disburseIn(
    tx: EntityManager,
    actor: Actor,
    loanId: string,
    input: DisbursementInput,
  ): Promise<{ loan: Loan; installments: Installment[] }> {
    // A malformed date names its field (400 INVALID_DATE), also for a confirmation from the bank's file.
    const valueDate = parseDateField('valueDate', input.valueDate);
    const amount = Money.ofYuan(input.amountYuan);
    if (!input.reference?.trim()) {
      throw new BadInputError(LoanErrorCode.REFERENCE_REQUIRED, 'reference (the bank reference) is required', {
        field: 'reference',
      });
    }
    const before = await this.loanAccess.lockVisible(tx, actor, loanId);
    if (before.status !== LoanStatus.SIGNED) {
      throw new InvalidStateError(
        LoanErrorCode.ALREADY_DISBURSED,
        `Loan ${before.contractNumber} is ${before.status}; it was disbursed already`,
      );
    }
    if (amount.fen !== before.principalFen) {
      throw new RuleViolationError(
        LoanErrorCode.AMOUNT_DIFFERS,
        `amountYuan ${amount.toYuanString()} differs from the contract's ${Money.ofFen(before.principalFen).toYuanString()}`,
        { field: 'amountYuan' },
      );
    }
    // The money goes out on or after the contract is signed, and not ahead of today.
    assertDateWithin('valueDate', valueDate, {
      min: before.signingDate,
      max: this.clock.today(),
      minReason: 'the signing date',
      maxReason: 'today',
    });
    const account = input.borrowerAccount ? normalizeBankAccount(input.borrowerAccount) : null;
    const schedule = buildSchedule({
      principal: Money.ofFen(before.principalFen),
      annualRate: before.annualRate,
      valueDate,
      termMonths: before.termMonths,
      method: before.repaymentMethod as RepaymentMethod,
      firstDueDate: before.firstDueDate ? LocalDate.parse(before.firstDueDate) : undefined,
      conventions: before.conventions as Partial<ScheduleConventions>,
    });
    await this.installments.insertSchedule(tx, loanId, schedule);
    const loan = await this.loans.update(tx, loanId, {
      status: LoanStatus.ACTIVE,
      valueDate: valueDate.toString(),
      maturityDate: schedule.rows[schedule.rows.length - 1].dueDate.toString(),
      bankLoanNumber: input.bankLoanNumber?.trim() || null,
      disbursementReference: input.reference.trim(),
      borrowerAccountCiphertext: account ? this.cipher.encrypt(account, BORROWER_ACCOUNT_CONTEXT) : null,
      borrowerAccountMasked: account ? maskBankAccount(account) : null,
      borrowerAccountIndex: account ? this.cipher.blindIndex(account, BANK_ACCOUNT_INDEX_CONTEXT) : null,
    });
    await this.audit.record(tx, {
      action: 'loan.disbursed',
      entityType: 'loan',
      entityId: loanId,
      before: { status: before.status },
      after: {
        status: loan.status,
        valueDate: loan.valueDate,
        reference: input.reference,
        bankLoanNumber: loan.bankLoanNumber,
        borrowerAccount: loan.borrowerAccountMasked,
        installments: schedule.rows.length,
      },
    });
    await this.events.publish(tx, {
      type: 'DISBURSED',
      loanId,
      applicationId: loan.applicationId,
      principalFen: loan.principalFen,
      valueDate: valueDate.toString(),
    });
    return { loan, installments: await this.installments.ofLoan(tx, loanId) };
  }
}
