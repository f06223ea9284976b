import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationService, ApplicationStatus } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  businessDateOf,
  isUniqueViolation,
  normalizeBankAccount,
  maskBankAccount,
  PiiCipher,
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  Decimal,
  InvalidStateError,
  LocalDate,
  Money,
  NotFoundError,
  RuleViolationError,
  DomainError,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { LprService, PolicyService } from '@mla/loan-policies';
import { buildSchedule } from '../schedule/build-schedule';
import type { Schedule, ScheduleConventions, RepaymentMethod } from '../schedule/schedule-types';
import type { Installment } from './installment.entity';
import { InstallmentRepository } from './installment.repository';
import type { Loan } from './loan.entity';
import { LoanRepository, type LoanFilter } from './loan.repository';
import { LoanErrorCode } from '../errors';
import { InstallmentStatus, LoanStatus } from './loan-status';
import { summarizeLoan, type LoanSummary } from './loan-summary';
import { DEFAULT_ALLOCATION_ORDER, type Component } from '../servicing/allocate-repayment';
import { LoanEvents } from './loan-events';

export interface SignContractInput {
  contractNumber: string;
  signingDate: string;
  /** Percent per year, e.g. '4.95'. */
  annualRatePercent: string;
  /** Defaults to the application's. */
  repaymentMethod?: string;
  termMonths?: number;
  conventions?: Partial<ScheduleConventions>;
  /** Penalty uplift over the contract rate, percent (default 50). */
  penaltyUpliftPercent?: string;
  /** Grace days before an unpaid installment is overdue (default 0). */
  graceDays?: number;
  /** Components in the order a payment settles them (default penalty, interest, principal). */
  allocationOrder?: Component[];
}

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

export interface SchedulePreviewInput {
  amountYuan: string;
  annualRatePercent: string;
  valueDate: string;
  termMonths: number;
  repaymentMethod: string;
  principalPlan?: { month: number; percent: string }[];
  conventions?: Partial<ScheduleConventions>;
}

@Injectable()
export class LoanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly installments: InstallmentRepository,
    private readonly applications: ApplicationService,
    private readonly policies: PolicyService,
    private readonly lpr: LprService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: LoanEvents,
    private readonly cipher: PiiCipher,
  ) {}

  /** The schedule a loan would have, before anything is signed. */
  preview(input: SchedulePreviewInput): Schedule {
    return buildSchedule({
      principal: Money.ofYuan(input.amountYuan),
      annualRate: percentToFraction(input.annualRatePercent, 'annualRatePercent'),
      valueDate: LocalDate.parse(input.valueDate),
      termMonths: input.termMonths,
      method: input.repaymentMethod as RepaymentMethod,
      principalPlan: input.principalPlan,
      conventions: input.conventions,
    });
  }

  /**
   * The bank signs the contract for an approved application: the rate must be within the policy's cap over the
   * 1-year LPR on the signing date, which is fixed for the life of the loan.
   */
  async sign(actor: Actor, applicationId: string, input: SignContractInput): Promise<Loan> {
    this.access.assertCan(actor, Permission.LOAN_SIGN);
    const application = await this.applications.get(actor, applicationId);
    this.access.assertCanSee(
      actor,
      { bankOrganisationId: application.bankOrganisationId, regionCode: null },
      'Application',
      applicationId,
    );
    if (application.status !== ApplicationStatus.APPROVED) {
      throw new InvalidStateError(
        LoanErrorCode.APPLICATION_NOT_APPROVED,
        `Application ${application.number} is ${application.status}, not APPROVED`,
      );
    }
    // Approved applications sit in APPROVED since their last move: that instant is the approval.
    const signingDate = assertDateWithin('signingDate', input.signingDate, {
      min: businessDateOf(application.stepEnteredAt),
      max: this.clock.today(),
      minReason: 'the approval of the application',
      maxReason: 'today',
    });
    const policy = await this.policies.get(actor, application.policyId as string);
    const lpr = await this.lpr.oneYearOn(signingDate);
    const rate = percentToFraction(input.annualRatePercent, 'annualRatePercent');
    const capPercent = Decimal.of(lpr.oneYearPercent).add(Decimal.of(policy.rateCapBasisPointsOverLpr).div(100, 4));
    if (Decimal.of(input.annualRatePercent).gt(capPercent)) {
      throw new RuleViolationError(
        LoanErrorCode.RATE_ABOVE_CAP,
        `annualRatePercent ${input.annualRatePercent} is above the cap ${capPercent.toFixed(4)} (LPR ${lpr.oneYearPercent} on ${lpr.effectiveDate} + ${policy.rateCapBasisPointsOverLpr} bp)`,
        { field: 'annualRatePercent', capPercent: capPercent.toFixed(4), lprPercent: lpr.oneYearPercent },
      );
    }
    const method = input.repaymentMethod ?? application.repaymentMethod;
    if (!policy.repaymentMethods.includes(method)) {
      throw new RuleViolationError(
        LoanErrorCode.METHOD_NOT_ALLOWED,
        `Repayment method ${method} is not allowed by policy ${policy.code}`,
        { field: 'repaymentMethod' },
      );
    }
    const termMonths = input.termMonths ?? application.termMonths;
    if (termMonths > policy.maxTermMonths) {
      throw new RuleViolationError(
        LoanErrorCode.TERM_ABOVE_MAX,
        `termMonths ${termMonths} is above the policy's ${policy.maxTermMonths}`,
        { field: 'termMonths' },
      );
    }
    // Validates the conventions now rather than at disbursement.
    const conventions = this.preview({
      amountYuan: Money.ofFen(application.amountFen).toYuanString(),
      annualRatePercent: input.annualRatePercent,
      valueDate: signingDate.toString(),
      termMonths,
      repaymentMethod: method,
      conventions: input.conventions,
    }).conventions;
    return this.dataSource.transaction(async (tx) => {
      if (await this.loans.findByApplication(tx, applicationId)) {
        throw new ConflictError(LoanErrorCode.LOAN_EXISTS, `Application ${application.number} already has a loan`);
      }
      let loan: Loan;
      try {
        loan = await this.loans.insert(tx, {
          contractNumber: input.contractNumber,
          applicationId,
          applicantId: application.applicantId,
          bankOrganisationId: application.bankOrganisationId,
          regionCode: application.regionCode,
          policyId: policy.id,
          principalFen: application.amountFen,
          annualRate: Decimal.of(rate).toFixed(6),
          lprPercent: lpr.oneYearPercent,
          lprEffectiveDate: lpr.effectiveDate,
          signingDate: signingDate.toString(),
          termMonths,
          repaymentMethod: method,
          conventions,
          penaltyUplift: Decimal.of(input.penaltyUpliftPercent ?? '50')
            .div(100, 4)
            .toFixed(4),
          graceDays: input.graceDays ?? 0,
          creditFen: 0n,
          allocationOrder: validAllocationOrder(input.allocationOrder),
          status: LoanStatus.SIGNED,
          valueDate: null,
          maturityDate: null,
          bankLoanNumber: null,
          disbursementReference: null,
          borrowerAccountCiphertext: null,
          borrowerAccountMasked: null,
          borrowerAccountIndex: null,
          originalMaturityDate: null,
          extendedOn: null,
          extensionMonths: null,
          signedByUserId: actor.userId,
        });
      } catch (error) {
        // Two signings of one application at once: the second is told the loan exists, not that its (unused)
        // contract number is taken.
        if (isUniqueViolation(error, 'ix_loans_application_id')) {
          throw new ConflictError(LoanErrorCode.LOAN_EXISTS, `Application ${application.number} already has a loan`);
        }
        if (isUniqueViolation(error, 'ix_loans_contract_number')) {
          throw new ConflictError(
            LoanErrorCode.CONTRACT_NUMBER_TAKEN,
            `Contract number ${input.contractNumber} is already used`,
            {
              field: 'contractNumber',
            },
          );
        }
        throw error;
      }
      await this.audit.record(tx, { action: 'loan.signed', entityType: 'loan', entityId: loan.id, after: loan });
      return loan;
    });
  }

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
    return this.list(actor, { status: LoanStatus.SIGNED }, limit, cursor);
  }

  /**
   * Confirmations from the bank (by API or a file), by contract number, applied all together or not at all; each
   * one refused with its reason (not in the queue, amount differs, …) names its position.
   */
  async confirmDisbursements(actor: Actor, confirmations: DisbursementConfirmation[]): Promise<Loan[]> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    if (confirmations.length === 0) {
      throw new BadInputError(LoanErrorCode.NOTHING_TO_CONFIRM, 'No disbursement to confirm', { field: 'confirmations' });
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
    const valueDate = LocalDate.parse(input.valueDate);
    const amount = Money.ofYuan(input.amountYuan);
    if (!input.reference?.trim()) {
      throw new BadInputError(LoanErrorCode.REFERENCE_REQUIRED, 'reference (the bank reference) is required', {
        field: 'reference',
      });
    }
    const before = await this.loans.lockById(tx, loanId);
    if (!before) throw this.notFound(loanId);
    this.assertVisible(actor, before);
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
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required for an extension', { field: 'reason' });
    return this.dataSource.transaction(async (tx) => {
      const before = await this.loans.lockById(tx, loanId);
      if (!before) throw this.notFound(loanId);
      this.assertVisible(actor, before);
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
      const remainingMonths = (maturity.year - restart.year) * 12 + (maturity.month - restart.month);
      const principal = future.reduce((s, i) => s + (i.principalDueFen - i.principalPaidFen), 0n);
      const schedule = buildSchedule({
        principal: Money.ofFen(principal),
        annualRate: before.annualRate,
        valueDate: restart,
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

  async get(actor: Actor, loanId: string): Promise<{ loan: Loan; installments: Installment[]; summary: LoanSummary }> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const loan = await this.loans.findById(this.dataSource.manager, loanId);
    if (!loan) throw this.notFound(loanId);
    this.assertVisible(actor, loan);
    const installments = await this.installments.ofLoan(this.dataSource.manager, loanId);
    return { loan, installments, summary: summarizeLoan(installments, this.clock.today()) };
  }

  async list(actor: Actor, filter: LoanFilter, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Loan>> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const after = cursor
      ? decodeCursor<{ contractNumber: string }>(cursor, ['contractNumber']).contractNumber
      : undefined;
    const rows = await this.loans.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (l) => ({ contractNumber: l.contractNumber }));
  }

  private assertVisible(actor: Actor, loan: Loan): void {
    this.access.assertCanSee(
      actor,
      { regionCode: loan.regionCode, bankOrganisationId: loan.bankOrganisationId },
      'Loan',
      loan.id,
    );
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${id} not found`, { id });
  }
}

/** '4.95' → '0.0495' (exact). */
function percentToFraction(percent: string, field: string): string {
  if (!/^\d{1,2}(\.\d{1,6})?$/.test(percent)) {
    throw new BadInputError(LoanErrorCode.INVALID_RATE, `${field} must be a percentage such as 4.35`, { field });
  }
  return Decimal.of(percent).div(100, 8).toString();
}

/** A permutation of the three components, or the default. */
function validAllocationOrder(order: Component[] | undefined): Component[] {
  if (order === undefined) return [...DEFAULT_ALLOCATION_ORDER];
  const sorted = [...order].sort().join(',');
  if (sorted !== 'interest,penalty,principal') {
    throw new BadInputError(
      LoanErrorCode.INVALID_ALLOCATION_ORDER,
      'allocationOrder must list penalty, interest and principal once each',
      {
        field: 'allocationOrder',
      },
    );
  }
  return order;
}
