import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, type Actor } from '@mla/auth';
import {
  BadInputError,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
} from '@mla/core';
import { WorkingCalendar } from '@mla/calendar';
import { ApplicantErrorCode } from '../errors';
import type { LoanApplication } from './application.entity';
import { ApplicationEvents } from './application-events';
import { ApplicationRepository, type ApplicationMove } from './application.repository';
import { ApplicationStatus, REVIEW_STEPS, ReviewStep, stepWaitingIn, type ReviewDecision } from './application-status';

/**
 * What the application use cases share: reading an application within the actor's scope, moving it from one status
 * to the next (transition, audit, event), and a reviewer's decision. Internal to the context (not exported).
 */
@Injectable()
export class ApplicationWorkflow {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: ApplicationEvents,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** The application if the actor may see it (404 outside scope). */
  async visible(tx: EntityManager, actor: Actor, id: string): Promise<LoanApplication> {
    const application = await this.applications.findById(tx, id);
    if (!application)
      throw new NotFoundError(ApplicantErrorCode.APPLICATION_NOT_FOUND, `Application ${id} not found`, { id });
    this.access.assertCanSee(
      actor,
      { regionCode: application.regionCode, bankOrganisationId: application.bankOrganisationId },
      'Application',
      id,
    );
    return application;
  }

  /**
   * A reviewer's decision at the step the application waits for, in the caller's transaction. Nobody reviews what
   * they created or moves an application twice in a row; of two reviewers acting at once, exactly one wins.
   */
  async decide(
    tx: EntityManager,
    actor: Actor,
    id: string,
    step: ReviewStep,
    decision: ReviewDecision,
    reason?: string | null,
  ): Promise<LoanApplication> {
    const spec = REVIEW_STEPS[step];
    this.access.assertCan(actor, spec.permission);
    if (decision !== 'APPROVE' && !reason?.trim()) {
      throw new BadInputError(
        ApplicantErrorCode.REASON_REQUIRED,
        `reason is required to ${decision.toLowerCase()} an application`,
        { field: 'reason' },
      );
    }
    const before = await this.visible(tx, actor, id);
    if (step === ReviewStep.BANK_REVIEW) {
      this.access.assertCanSee(
        actor,
        { bankOrganisationId: before.bankOrganisationId, regionCode: null },
        'Application',
        id,
      );
    }
    if (before.status !== spec.waitingStatus) {
      throw new InvalidStateError(
        ApplicantErrorCode.INVALID_TRANSITION,
        `Application ${before.number} is ${before.status}, not waiting for ${step}`,
        { status: before.status, waitingStep: stepWaitingIn(before.status) },
      );
    }
    if (before.createdByUserId === actor.userId) {
      throw new ForbiddenError(ApplicantErrorCode.SELF_REVIEW, 'You cannot review an application you created');
    }
    if (before.lastActorUserId === actor.userId) {
      throw new ForbiddenError(
        ApplicantErrorCode.TWICE_IN_A_ROW,
        'You moved this application last; another person must take the next step',
      );
    }
    if (
      step === ReviewStep.FEDERATION_REVIEW &&
      decision === 'APPROVE' &&
      (await this.applications.fieldVisitsOf(tx, id)).length === 0
    ) {
      throw new RuleViolationError(
        ApplicantErrorCode.FIELD_VISIT_REQUIRED,
        'Record the field visit before recommending the application',
      );
    }
    const target =
      decision === 'APPROVE'
        ? spec.approvedStatus
        : decision === 'REJECT'
          ? ApplicationStatus.REJECTED
          : ApplicationStatus.RETURNED;
    return this.move(tx, actor, before, `${step}_${decision}`, target, reason?.trim() ?? null);
  }

  /** Moves the application if nobody moved it meanwhile (409 otherwise), with its transition, audit and event. */
  async move(
    tx: EntityManager,
    actor: Actor,
    before: LoanApplication,
    action: string,
    to: ApplicationStatus,
    reason: string | null,
    extra: ApplicationMove = {},
    recordActor = true,
  ): Promise<LoanApplication> {
    const step = stepWaitingIn(to);
    const days = step ? await this.applications.workingDaysFor(tx, step) : null;
    // By the official calendar (holidays and make-up working days); a year it does not know is refused, not guessed.
    const stepDueDate = days ? (await this.calendar.addWorkingDays(this.clock.today(), days, tx)).toString() : null;
    const after = await this.applications.moveIfStatus(tx, before.id, before.status, {
      ...extra,
      status: to,
      lastActorUserId: recordActor ? actor.userId : before.lastActorUserId,
      stepEnteredAt: this.clock.now(),
      stepDueDate,
      lastReason: reason,
    });
    if (!after) {
      throw new ConflictError(
        ApplicantErrorCode.CONCURRENT_CHANGE,
        `Application ${before.number} was changed by someone else meanwhile; reload it`,
      );
    }
    await this.applications.addTransition(tx, {
      applicationId: before.id,
      action,
      fromStatus: before.status,
      toStatus: to,
      actorUserId: actor.userId,
      reason,
    });
    await this.audit.record(tx, {
      action: `application.${action.toLowerCase()}`,
      entityType: 'loan_application',
      entityId: before.id,
      before: { status: before.status },
      after: { status: to, reason, stepDueDate: after.stepDueDate },
    });
    await this.events.publish(tx, { applicationId: before.id, action, fromStatus: before.status, toStatus: to });
    return after;
  }
}
