import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy, OrganisationKind, OrganisationService, SYSTEM_ADMIN_ACTOR, type Actor } from '@mla/auth';
import { BadInputError, Clock, LocalDate, Money, RuleViolationError } from '@mla/core';
import { PolicyService, checkEligibility, type OtherLoan } from '@mla/loan-policies';
import type { Applicant } from '../applicants/applicant.entity';
import { PUBLIC_SECTOR_EMPLOYMENT } from '../applicants/applicant-enums';
import { ApplicantRepository } from '../applicants/applicant.repository';
import { ApplicantErrorCode, applicantNotFound } from '../errors';
import type { StoredEligibilityCheck } from './application.entity';
import { ApplicationRepository } from './application.repository';
import type { LoanPurpose } from './application-status';

export interface ApplicationInput {
  applicantId: string;
  bankOrganisationId: string;
  amountYuan: string;
  termMonths: number;
  purpose: LoanPurpose;
  purposeDetail?: string | null;
  repaymentMethod: string;
  /** Other registered applicants borrowing with this one, each with her share. */
  partnershipMembers?: { applicantId: string; amountYuan: string }[];
  /** Which policy line (e.g. WOMEN-2009); the one in force for the region when omitted. */
  policyCode?: string;
}

export interface PartnershipMember {
  applicant: Applicant;
  amountFen: bigint;
}

/** Outstanding programme loans of a spouse count as the spouse's other loans. */
const SPOUSE_PROGRAMME_LOAN = 'BUSINESS';

/**
 * The loan terms of a draft: validated (bank, amounts, partnership members within scope) and checked against every
 * eligibility rule of the policy in force. Internal to the drafting use cases (not exported).
 */
@Injectable()
export class ApplicationTerms {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly applicants: ApplicantRepository,
    private readonly organisations: OrganisationService,
    private readonly policies: PolicyService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /** The loan terms of a draft, validated, with a fresh eligibility check. */
  async terms(tx: EntityManager, actor: Actor, applicant: Applicant, input: Omit<ApplicationInput, 'applicantId'>) {
    const amountFen = this.positiveAmount(input.amountYuan, 'amountYuan');
    const members = await this.members(tx, actor, applicant, input.partnershipMembers);
    const evaluation = await this.evaluate(tx, applicant, { ...input, amountFen, members });
    return {
      bankOrganisationId: input.bankOrganisationId,
      amountFen,
      termMonths: input.termMonths,
      purpose: input.purpose,
      purposeDetail: input.purposeDetail ?? null,
      repaymentMethod: input.repaymentMethod,
      partnershipMembers: members.map((m) => ({ applicantId: m.applicant.id, amountFen: m.amountFen.toString() })),
      policyId: evaluation.policyId,
      eligibility: evaluation.checks,
      eligibilityCheckedAt: this.clock.now(),
    };
  }

  async applicantInScope(tx: EntityManager, actor: Actor, applicantId: string): Promise<Applicant> {
    const applicant = await this.applicants.findById(tx, applicantId);
    if (!applicant || !this.access.canSee(actor, { regionCode: applicant.regionCode })) {
      throw applicantNotFound(applicantId);
    }
    return applicant;
  }

  async assertBank(tx: EntityManager, bankOrganisationId: string): Promise<void> {
    const bank = await this.organisations.get(SYSTEM_ADMIN_ACTOR, bankOrganisationId, tx).catch(() => null);
    if (!bank || bank.kind !== OrganisationKind.BANK_BRANCH || bank.status !== 'ACTIVE') {
      throw new RuleViolationError(
        ApplicantErrorCode.BANK_NOT_FOUND,
        `bankOrganisationId ${bankOrganisationId} is not an active partner bank`,
        {
          field: 'bankOrganisationId',
        },
      );
    }
  }

  async members(
    tx: EntityManager,
    actor: Actor,
    applicant: Applicant,
    input: ApplicationInput['partnershipMembers'],
  ): Promise<PartnershipMember[]> {
    const members: PartnershipMember[] = [];
    for (const [i, m] of (input ?? []).entries()) {
      if (m.applicantId === applicant.id || members.some((x) => x.applicant.id === m.applicantId)) {
        throw new BadInputError(ApplicantErrorCode.INVALID_PARTNERSHIP, `partnershipMembers[${i}] repeats a member`, {
          field: `partnershipMembers[${i}]`,
        });
      }
      members.push({
        applicant: await this.applicantInScope(tx, actor, m.applicantId),
        amountFen: this.positiveAmount(m.amountYuan, `partnershipMembers[${i}].amountYuan`),
      });
    }
    return members;
  }

  /** Runs every eligibility rule of the policy in force today for the applicant's region. */
  async evaluate(
    tx: EntityManager,
    applicant: Applicant,
    input: {
      amountFen: bigint;
      termMonths: number;
      repaymentMethod: string;
      policyCode?: string;
      members: PartnershipMember[];
    },
  ): Promise<{ policyId: string; checks: StoredEligibilityCheck[] }> {
    const today = this.clock.today();
    const policy = await this.policies.resolve(applicant.regionCode, today, input.policyCode, tx);
    const otherLoans: OtherLoan[] = applicant.otherLoans.map((l) => ({
      holder: l.holder,
      kind: l.kind,
      outstandingFen: BigInt(l.outstandingFen),
    }));
    if (applicant.spouseIdNumberIndex) {
      // A spouse who is in the programme herself and has a loan outstanding blocks a new loan like any other loan.
      const spouse = await this.applicants.findByIdNumberIndex(tx, applicant.spouseIdNumberIndex);
      const spouseLoans = spouse ? await this.applications.loansOf(tx, spouse.id) : null;
      if (spouse && (spouse.priorLoanOutstanding || spouseLoans?.outstanding)) {
        otherLoans.push({ holder: 'SPOUSE', kind: SPOUSE_PROGRAMME_LOAN, outstandingFen: 1n });
      }
    }
    const employerKind = PUBLIC_SECTOR_EMPLOYMENT.get(applicant.employmentStatus) ?? null;
    // Loans before this system (declared) and loans made through it both count.
    const inSystem = await this.applications.loansOf(tx, applicant.id);
    const checks = checkEligibility(
      {
        birthDate: LocalDate.parse(applicant.birthDate),
        sex: applicant.sex,
        category: applicant.category,
        employment: { publicSector: employerKind !== null, employerKind },
        amountFen: input.amountFen,
        termMonths: input.termMonths,
        repaymentMethod: input.repaymentMethod,
        partnershipMembers: input.members.map((m) => ({ amountFen: m.amountFen })),
        priorProgrammeLoans: {
          count: applicant.priorProgrammeLoans + inSystem.count,
          outstanding: applicant.priorLoanOutstanding || inSystem.outstanding,
        },
        otherLoans,
      },
      policy,
      today,
    );
    return { policyId: policy.id, checks: checks.map((c) => ({ ...c })) };
  }

  private positiveAmount(yuan: string, field: string): bigint {
    const money = Money.ofYuan(yuan);
    if (!money.isPositive())
      throw new BadInputError(ApplicantErrorCode.INVALID_AMOUNT, `${field} must be more than zero`, { field });
    return money.fen;
  }
}
