import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  BadInputError,
  Clock,
  ConflictError,
  InvalidStateError,
  Money,
  RuleViolationError,
  isUniqueViolation,
} from '@mla/core';
import type { Applicant } from '../applicants/applicant.entity';
import { ApplicantRepository } from '../applicants/applicant.repository';
import { ApplicantErrorCode } from '../errors';
import type { LoanApplication } from './application.entity';
import { ApplicationRepository } from './application.repository';
import { ApplicationStatus, EDITABLE_STATUSES, OPEN_STATUSES, WITHDRAWABLE_STATUSES } from './application-status';
import { ApplicationTerms, type ApplicationInput } from './application-terms';
import { ApplicationWorkflow } from './application-workflow';

/** A loan officer's side of an application: the draft, its changes, its submission for review, its withdrawal. */
@Injectable()
export class ApplicationDraftingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly applicants: ApplicantRepository,
    private readonly terms: ApplicationTerms,
    private readonly workflow: ApplicationWorkflow,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: ApplicationInput): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    try {
      return await this.createIn(actor, input);
    } catch (error) {
      // Two officers creating at once: the partial unique index lets one through. The other's transaction is
      // aborted by then, so the winner is read after it rolled back.
      if (isUniqueViolation(error, 'uq_loan_applications_open_per_applicant')) {
        const other = await this.applications.findOpenFor(this.dataSource.manager, input.applicantId, OPEN_STATUSES);
        if (other) throw this.openExists(other);
      }
      throw error;
    }
  }

  private createIn(actor: Actor, input: ApplicationInput): Promise<LoanApplication> {
    return this.dataSource.transaction(async (tx) => {
      const applicant = await this.terms.applicantInScope(tx, actor, input.applicantId);
      await this.terms.assertBank(tx, input.bankOrganisationId);
      const existing = await this.applications.findOpenFor(tx, applicant.id, OPEN_STATUSES);
      if (existing) throw this.openExists(existing);
      const terms = await this.terms.terms(tx, actor, applicant, input);
      const now = this.clock.now();
      const application = await this.applications.insert(tx, {
        number: await this.applications.nextNumber(tx, this.clock.today().year),
        applicantId: applicant.id,
        regionCode: applicant.regionCode,
        organisationId: actor.organisationId,
        ...terms,
        status: ApplicationStatus.DRAFT,
        createdByUserId: actor.userId,
        lastActorUserId: actor.userId,
        stepEnteredAt: now,
        stepDueDate: null,
        lastReason: null,
      });
      await this.applications.addTransition(tx, {
        applicationId: application.id,
        action: 'CREATE',
        fromStatus: null,
        toStatus: ApplicationStatus.DRAFT,
        actorUserId: actor.userId,
        reason: null,
      });
      await this.audit.record(tx, {
        action: 'application.created',
        entityType: 'loan_application',
        entityId: application.id,
        after: application,
      });
      return application;
    });
  }

  /** Changes a draft or a returned application; the eligibility check runs again. */
  async update(actor: Actor, id: string, input: Omit<ApplicationInput, 'applicantId'>): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.workflow.visible(tx, actor, id);
      assertEditable(before, 'changed');
      await this.terms.assertBank(tx, input.bankOrganisationId);
      const applicant = (await this.applicants.findById(tx, before.applicantId)) as Applicant;
      const after = await this.applications.updateDraft(tx, id, await this.terms.terms(tx, actor, applicant, input));
      await this.audit.record(tx, {
        action: 'application.updated',
        entityType: 'loan_application',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Submits a draft (or a returned application) for the federation's review, if every eligibility rule passes. */
  async submit(actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.workflow.visible(tx, actor, id);
      assertEditable(before, 'submitted');
      const applicant = (await this.applicants.findById(tx, before.applicantId)) as Applicant;
      const members = await this.terms.members(
        tx,
        actor,
        applicant,
        before.partnershipMembers.map((m) => ({
          applicantId: m.applicantId,
          amountYuan: Money.ofFen(m.amountFen).toYuanString(),
        })),
      );
      const evaluation = await this.terms.evaluate(tx, applicant, { ...before, amountFen: before.amountFen, members });
      const failed = evaluation.checks.filter((c) => c.outcome === 'FAIL');
      if (failed.length > 0) {
        await this.applications.updateDraft(tx, id, {
          eligibility: evaluation.checks,
          eligibilityCheckedAt: this.clock.now(),
          policyId: evaluation.policyId,
        });
        throw new RuleViolationError(
          ApplicantErrorCode.NOT_ELIGIBLE,
          `Application ${before.number} fails ${failed.length} eligibility rule(s): ${failed.map((c) => c.code).join(', ')}`,
          { failed },
        );
      }
      return this.workflow.move(tx, actor, before, 'SUBMIT', ApplicationStatus.SUBMITTED, null, {
        eligibility: evaluation.checks,
        eligibilityCheckedAt: this.clock.now(),
        policyId: evaluation.policyId,
      });
    });
  }

  async withdraw(actor: Actor, id: string, reason: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    if (!reason?.trim())
      throw new BadInputError(ApplicantErrorCode.REASON_REQUIRED, 'reason is required to withdraw', {
        field: 'reason',
      });
    return this.dataSource.transaction(async (tx) => {
      const before = await this.workflow.visible(tx, actor, id);
      if (!WITHDRAWABLE_STATUSES.includes(before.status)) {
        throw new InvalidStateError(
          ApplicantErrorCode.INVALID_TRANSITION,
          `Application ${before.number} is ${before.status} and can no longer be withdrawn`,
        );
      }
      return this.workflow.move(tx, actor, before, 'WITHDRAW', ApplicationStatus.WITHDRAWN, reason.trim(), {}, false);
    });
  }

  private openExists(existing: LoanApplication): ConflictError {
    return new ConflictError(
      ApplicantErrorCode.OPEN_APPLICATION_EXISTS,
      `This applicant already has an open application ${existing.number} (${existing.status})`,
      { applicationId: existing.id, number: existing.number, status: existing.status },
    );
  }
}

/** Only a draft or a returned application can be changed or submitted. */
function assertEditable(application: LoanApplication, verb: 'changed' | 'submitted'): void {
  if (!EDITABLE_STATUSES.includes(application.status)) {
    throw new InvalidStateError(
      ApplicantErrorCode.INVALID_TRANSITION,
      `Application ${application.number} is ${application.status}; only a draft or returned application can be ${verb}`,
    );
  }
}
