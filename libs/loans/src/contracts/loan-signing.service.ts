import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort, ApplicationStatus } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  isUniqueViolation,
  Clock,
  ConflictError,
  Decimal,
  InvalidStateError,
  LocalDate,
  Money,
  parseDateField,
  RuleViolationError,
} from '@mla/core';
import { LprService, PolicyService } from '@mla/loan-policies';
import { LoanErrorCode } from '../errors';
import { buildSchedule } from '../schedule/build-schedule';
import type { Schedule, ScheduleConventions, RepaymentMethod } from '../schedule/schedule-types';
import type { Component } from '../servicing/allocate-repayment';
import { percentToFraction, validAllocationOrder } from './contract-terms';
import type { Loan } from './loan.entity';
import { LoanRepository } from './loan.repository';
import { LoanStatus } from './loan-status';

export interface SignContractInput {
  contractNumber: string;
  signingDate: string;
  /** Percent per year, e.g. '4.95'. */
  annualRatePercent: string;
  /** Defaults to the application's. */
  repaymentMethod?: string;
  termMonths?: number;
  /**
   * Monthly methods only: the first due date, after the signing date and within 2 months of it (the schedule
   * engine's rule, checked against the value date again at disbursement). Default: a month after the value date.
   */
  firstDueDate?: string;
  conventions?: Partial<ScheduleConventions>;
  /** Penalty uplift over the contract rate, percent (default 50). */
  penaltyUpliftPercent?: string;
  /** Grace days before an unpaid installment is overdue (default 0). */
  graceDays?: number;
  /** Components in the order a payment settles them (default penalty, interest, principal). */
  allocationOrder?: Component[];
}

export interface SchedulePreviewInput {
  amountYuan: string;
  annualRatePercent: string;
  valueDate: string;
  termMonths: number;
  repaymentMethod: string;
  /** Monthly methods only; default a month after the value date. */
  firstDueDate?: string;
  principalPlan?: { month: number; percent: string }[];
  conventions?: Partial<ScheduleConventions>;
}

/** Before and at signing: the schedule preview, and the contract signed for an approved application. */
@Injectable()
export class LoanSigningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly applications: ApplicationPort,
    private readonly policies: PolicyService,
    private readonly lpr: LprService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The schedule a loan would have, before anything is signed. */
  preview(input: SchedulePreviewInput): Schedule {
    return buildSchedule({
      principal: Money.ofYuan(input.amountYuan),
      annualRate: percentToFraction(input.annualRatePercent, 'annualRatePercent'),
      valueDate: LocalDate.parse(input.valueDate),
      termMonths: input.termMonths,
      method: input.repaymentMethod as RepaymentMethod,
      firstDueDate: input.firstDueDate === undefined ? undefined : parseDateField('firstDueDate', input.firstDueDate),
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
    // A contract is signed for an approved application: never before its approval, never ahead of today.
    const signingDate = assertDateWithin('signingDate', input.signingDate, {
      min: this.applications.approvalDateOf(application),
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
    // Validates the conventions and the first due date now rather than at disbursement (the signing date is the
    // earliest value date).
    const conventions = this.preview({
      amountYuan: Money.ofFen(application.amountFen).toYuanString(),
      annualRatePercent: input.annualRatePercent,
      valueDate: signingDate.toString(),
      termMonths,
      repaymentMethod: method,
      firstDueDate: input.firstDueDate,
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
          firstDueDate: input.firstDueDate ?? null,
          conventions,
          penaltyUplift: Decimal.of(input.penaltyUpliftPercent ?? '50')
            .div(100, 4)
            .toFixed(4),
          graceDays: input.graceDays ?? 0,
          penaltyBasis: policy.penaltyBasis,
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
}
