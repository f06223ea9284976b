import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  BadInputError,
  Clock,
  InvalidStateError,
  LocalDate,
  RuleViolationError,
  assertDateWithin,
  businessDateOf,
  parseDateField,
} from '@mla/core';
import { ApplicantErrorCode } from '../errors';
import type { LoanApplication } from './application.entity';
import { ApplicationRepository } from './application.repository';
import { ApplicationStatus, REVIEW_STEPS, ReviewStep, type ReviewDecision } from './application-status';
import { ApplicationWorkflow } from './application-workflow';
import type { AttachmentMeta, FieldVisit } from './field-visit.entity';

export interface FieldVisitInput {
  visitDate: string;
  findings: string;
  attachments?: AttachmentMeta[];
}

/** The reviewers' side: field visits, decisions at each review step, and how long each step may take. */
@Injectable()
export class ApplicationReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly workflow: ApplicationWorkflow,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async recordFieldVisit(actor: Actor, id: string, input: FieldVisitInput): Promise<FieldVisit> {
    this.access.assertCan(actor, Permission.APPLICATION_REVIEW_FEDERATION);
    const visitDate = parseDateField('visitDate', input.visitDate);
    return this.dataSource.transaction(async (tx) => {
      const application = await this.workflow.visible(tx, actor, id);
      if (application.status !== ApplicationStatus.SUBMITTED) {
        throw new InvalidStateError(
          ApplicantErrorCode.INVALID_TRANSITION,
          `Field visits are recorded during the federation review; application ${application.number} is ${application.status}`,
        );
      }
      // createdAt is the database's instant; a clock set behind it (a test's fixed day) must not make today invalid.
      const today = this.clock.today();
      assertDateWithin('visitDate', visitDate, {
        min: LocalDate.min(businessDateOf(application.createdAt), today),
        max: today,
        minReason: 'the application',
        maxReason: 'today',
      });
      const visit = await this.applications.addFieldVisit(tx, {
        applicationId: id,
        visitDate: visitDate.toString(),
        officerUserId: actor.userId,
        findings: input.findings,
        attachments: input.attachments ?? [],
      });
      await this.audit.record(tx, {
        action: 'application.field_visit_recorded',
        entityType: 'loan_application',
        entityId: id,
        after: visit,
      });
      return visit;
    });
  }

  /**
   * A reviewer's decision at the step the application waits for. Nobody reviews what they created or moves an
   * application twice in a row; of two reviewers acting at once, exactly one wins (the other gets a 409).
   */
  async decide(
    actor: Actor,
    id: string,
    step: ReviewStep,
    decision: ReviewDecision,
    reason?: string | null,
  ): Promise<LoanApplication> {
    this.access.assertCan(actor, REVIEW_STEPS[step].permission);
    if (step === ReviewStep.GUARANTEE_REVIEW && decision === 'APPROVE') {
      throw new RuleViolationError(
        ApplicantErrorCode.GUARANTEE_REQUIRED,
        'The guarantee review is approved by issuing a guarantee from a fund: POST /guarantee-funds/{fundId}/guarantees',
        { step },
      );
    }
    return this.dataSource.transaction((tx) => this.workflow.decide(tx, actor, id, step, decision, reason));
  }

  async deadlines(actor: Actor): Promise<{ step: string; workingDays: number }[]> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    return (await this.applications.deadlines(this.dataSource.manager)).map((d) => ({
      step: d.step,
      workingDays: d.workingDays,
    }));
  }

  /** Sets how many working days a review step may take; applies to steps entered from now on. */
  async setDeadline(actor: Actor, step: ReviewStep, workingDays: number): Promise<void> {
    this.access.assertCan(actor, Permission.POLICY_MANAGE);
    if (!Object.values(ReviewStep).includes(step)) {
      throw new BadInputError(
        ApplicantErrorCode.UNKNOWN_STEP,
        `step must be one of ${Object.values(ReviewStep).join(', ')}`,
        { field: 'step' },
      );
    }
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 250) {
      throw new BadInputError(
        ApplicantErrorCode.INVALID_WORKING_DAYS,
        'workingDays must be a whole number from 1 to 250',
        { field: 'workingDays' },
      );
    }
    await this.dataSource.transaction(async (tx) => {
      const before = await this.applications.workingDaysFor(tx, step);
      await this.applications.setDeadline(tx, step, workingDays);
      await this.audit.record(tx, {
        action: 'review_step_deadline.set',
        entityType: 'review_step_deadline',
        entityId: step,
        before: before === null ? null : { workingDays: before },
        after: { workingDays },
      });
    });
  }
}
