import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccessPolicy,
  AuditLog,
  OrganisationKind,
  OrganisationService,
  Permission,
  SYSTEM_ADMIN_ACTOR,
  type Actor,
} from '@mla/auth';
import {
  isUniqueViolation,
  assertDateWithin,
  BadInputError,
  businessDateOf,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  ForbiddenError,
  InvalidStateError,
  LocalDate,
  Money,
  NotFoundError,
  RuleViolationError,
  addWorkingDays,
  decodeCursor,
  parseDateField,
  toPage,
  type Page,
} from '@mla/core';
import { PolicyService, checkEligibility, type OtherLoan } from '@mla/loan-policies';
import type { Applicant } from '../applicants/applicant.entity';
import { PUBLIC_SECTOR_EMPLOYMENT } from '../applicants/applicant-enums';
import { ApplicantRepository } from '../applicants/applicant.repository';
import { ApplicantErrorCode } from '../errors';
import type { LoanApplication, StoredEligibilityCheck } from './application.entity';
import { ApplicationRepository, type ApplicationFilter, type ApplicationMove } from './application.repository';
import {
  ApplicationStatus,
  EDITABLE_STATUSES,
  OPEN_STATUSES,
  REVIEW_STEPS,
  ReviewStep,
  WITHDRAWABLE_STATUSES,
  stepWaitingIn,
  type LoanPurpose,
  type ReviewDecision,
} from './application-status';
import type { AttachmentMeta, FieldVisit } from './field-visit.entity';
import { ApplicationEvents } from './application-events';

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

export interface FieldVisitInput {
  visitDate: string;
  findings: string;
  attachments?: AttachmentMeta[];
}

/** Outstanding programme loans of a spouse count as the spouse's other loans. */
const SPOUSE_PROGRAMME_LOAN = 'BUSINESS';

@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly applicants: ApplicantRepository,
    private readonly organisations: OrganisationService,
    private readonly policies: PolicyService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly events: ApplicationEvents,
  ) {}

  async create(actor: Actor, input: ApplicationInput): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    try {
      return await this.createIn(actor, input);
    } catch (error) {
      // Two officers creating at once: the partial unique index lets one through. The other's transaction is
      // aborted by then, so the winner is read after it rolled back.
      if (isUniqueViolation(error, 'uq_loan_applications_open_per_applicant')) {
        const other = await this.applications.findOpenFor(input.applicantId, OPEN_STATUSES);
        if (other) throw this.openExists(other);
      }
      throw error;
    }
  }

  private createIn(actor: Actor, input: ApplicationInput): Promise<LoanApplication> {
    return this.dataSource.transaction(async (tx) => {
      const applicant = await this.applicantInScope(actor, input.applicantId, tx);
      await this.assertBank(input.bankOrganisationId, tx);
      const existing = await this.applications.findOpenFor(applicant.id, OPEN_STATUSES, tx);
      if (existing) throw this.openExists(existing);
      const terms = await this.terms(actor, applicant, input, tx);
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
      const before = await this.visible(actor, id, tx);
      if (!EDITABLE_STATUSES.includes(before.status)) {
        throw new InvalidStateError(
          ApplicantErrorCode.INVALID_TRANSITION,
          `Application ${before.number} is ${before.status}; only a draft or returned application can be changed`,
        );
      }
      await this.assertBank(input.bankOrganisationId, tx);
      const applicant = (await this.applicants.findById(before.applicantId, tx)) as Applicant;
      const after = await this.applications.updateDraft(tx, id, await this.terms(actor, applicant, input, tx));
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

  async deadlines(actor: Actor): Promise<{ step: string; workingDays: number }[]> {
    this.access.assertCan(actor, Permission.POLICY_READ);
    return (await this.applications.deadlines()).map((d) => ({ step: d.step, workingDays: d.workingDays }));
  }

  /** Sets how many working days a review step may take; applies to steps entered from now on. */
  async setDeadline(actor: Actor, step: ReviewStep, workingDays: number): Promise<void> {
    this.access.assertCan(actor, Permission.POLICY_MANAGE);
    if (!Object.values(ReviewStep).includes(step)) {
      throw new BadInputError(ApplicantErrorCode.UNKNOWN_STEP, `step must be one of ${Object.values(ReviewStep).join(', ')}`, {
        field: 'step',
      });
    }
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 250) {
      throw new BadInputError(ApplicantErrorCode.INVALID_WORKING_DAYS, 'workingDays must be a whole number from 1 to 250', {
        field: 'workingDays',
      });
    }
    await this.dataSource.transaction(async (tx) => {
      const before = await this.applications.workingDaysFor(step, tx);
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

  /** Submits a draft (or a returned application) for the federation's review, if every eligibility rule passes. */
  async submit(actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(actor, id, tx);
      if (!EDITABLE_STATUSES.includes(before.status)) {
        throw new InvalidStateError(
          ApplicantErrorCode.INVALID_TRANSITION,
          `Application ${before.number} is ${before.status}; only a draft or returned application can be submitted`,
        );
      }
      const applicant = (await this.applicants.findById(before.applicantId, tx)) as Applicant;
      const members = await this.members(
        actor,
        applicant,
        before.partnershipMembers.map((m) => ({
          applicantId: m.applicantId,
          amountYuan: Money.ofFen(m.amountFen).toYuanString(),
        })),
        tx,
      );
      const evaluation = await this.evaluate(applicant, { ...before, amountFen: before.amountFen, members }, tx);
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
      return this.move(tx, actor, before, 'SUBMIT', ApplicationStatus.SUBMITTED, null, {
        eligibility: evaluation.checks,
        eligibilityCheckedAt: this.clock.now(),
        policyId: evaluation.policyId,
      });
    });
  }

  async recordFieldVisit(actor: Actor, id: string, input: FieldVisitInput): Promise<FieldVisit> {
    this.access.assertCan(actor, Permission.APPLICATION_REVIEW_FEDERATION);
    const visitDate = parseDateField('visitDate', input.visitDate);
    return this.dataSource.transaction(async (tx) => {
      const application = await this.visible(actor, id, tx);
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
    return this.dataSource.transaction((tx) => this.decideIn(tx, actor, id, step, decision, reason));
  }

  /**
   * Approves the guarantee review inside the guarantee context's transaction, once it has issued the guarantee
   * (numbered `guaranteeContractNumber`) within its fund's capacity. The same checks as any decision apply.
   */
  async approveGuaranteeReview(
    tx: EntityManager,
    actor: Actor,
    id: string,
    guaranteeContractNumber: string,
    reason?: string | null,
  ): Promise<LoanApplication> {
    const note = reason?.trim()
      ? `${reason.trim()} (guarantee ${guaranteeContractNumber})`
      : `guarantee ${guaranteeContractNumber}`;
    return this.decideIn(tx, actor, id, ReviewStep.GUARANTEE_REVIEW, 'APPROVE', note);
  }

  /** The application as the actor may see it, read inside the caller's transaction (404 outside scope). */
  async getIn(tx: EntityManager, actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    return this.visible(actor, id, tx);
  }

  private async decideIn(
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
    const before = await this.visible(actor, id, tx);
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
      (await this.applications.fieldVisitsOf(id, tx)).length === 0
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

  async withdraw(actor: Actor, id: string, reason: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_PREPARE);
    if (!reason?.trim())
      throw new BadInputError(ApplicantErrorCode.REASON_REQUIRED, 'reason is required to withdraw', {
        field: 'reason',
      });
    return this.dataSource.transaction(async (tx) => {
      const before = await this.visible(actor, id, tx);
      if (!WITHDRAWABLE_STATUSES.includes(before.status)) {
        throw new InvalidStateError(
          ApplicantErrorCode.INVALID_TRANSITION,
          `Application ${before.number} is ${before.status} and can no longer be withdrawn`,
        );
      }
      return this.move(tx, actor, before, 'WITHDRAW', ApplicationStatus.WITHDRAWN, reason.trim(), {}, false);
    });
  }

  async get(actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    return this.visible(actor, id);
  }

  async history(actor: Actor, id: string) {
    await this.get(actor, id);
    return {
      transitions: await this.applications.transitionsOf(id),
      fieldVisits: await this.applications.fieldVisitsOf(id),
    };
  }

  async list(
    actor: Actor,
    filter: ApplicationFilter & { late?: boolean },
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<LoanApplication>> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    const { late, ...rest } = filter;
    const query: ApplicationFilter = { ...rest, ...(late ? { lateOn: this.clock.today().toString() } : {}) };
    if (late && !query.statuses?.length) query.statuses = Object.values(REVIEW_STEPS).map((s) => s.waitingStatus);
    const before = cursor ? decodeCursor<{ number: string }>(cursor, ['number']).number : undefined;
    const rows = await this.applications.list(this.access.scopeOf(actor), query, limit + 1, before);
    return toPage(rows, limit, (a) => ({ number: a.number }));
  }

  /** What waits for this actor: the statuses of the review steps their roles may take (and their returned drafts). */
  async worklist(actor: Actor, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<LoanApplication>> {
    const statuses = Object.values(REVIEW_STEPS)
      .filter((s) => this.access.can(actor, s.permission))
      .map((s) => s.waitingStatus);
    if (this.access.can(actor, Permission.APPLICATION_PREPARE))
      statuses.push(ApplicationStatus.RETURNED, ApplicationStatus.DRAFT);
    if (statuses.length === 0) return { items: [], nextCursor: null };
    return this.list(actor, { statuses }, limit, cursor);
  }

  /**
   * Called in the repayments context's transaction when the loan made from an application has ended: the
   * application closes, so the person may apply for another loan.
   */
  async closeForEndedLoan(tx: EntityManager, applicationId: string, reason: string): Promise<void> {
    const before = await this.applications.findById(applicationId, tx);
    if (!before || before.status !== ApplicationStatus.APPROVED) return;
    const after = await this.applications.moveIfStatus(tx, applicationId, ApplicationStatus.APPROVED, {
      status: ApplicationStatus.CLOSED,
      stepDueDate: null,
      lastReason: reason,
    });
    if (!after) return;
    await this.applications.addTransition(tx, {
      applicationId,
      action: 'CLOSE',
      fromStatus: ApplicationStatus.APPROVED,
      toStatus: ApplicationStatus.CLOSED,
      actorUserId: before.lastActorUserId,
      reason,
    });
    await this.audit.record(tx, {
      action: 'application.closed',
      entityType: 'loan_application',
      entityId: applicationId,
      before: { status: ApplicationStatus.APPROVED },
      after: { status: ApplicationStatus.CLOSED, reason },
    });
  }

  /** Undoes closeForEndedLoan when the repayment that ended the loan is reversed. */
  async reopenForRestoredLoan(tx: EntityManager, applicationId: string): Promise<void> {
    try {
      const after = await this.applications.moveIfStatus(tx, applicationId, ApplicationStatus.CLOSED, {
        status: ApplicationStatus.APPROVED,
        lastReason: 'loan repayment reversed',
      });
      if (!after) return;
      await this.audit.record(tx, {
        action: 'application.reopened',
        entityType: 'loan_application',
        entityId: applicationId,
        before: { status: ApplicationStatus.CLOSED },
        after: { status: ApplicationStatus.APPROVED },
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_loan_applications_open_per_applicant')) {
        throw new ConflictError(
          ApplicantErrorCode.OPEN_APPLICATION_EXISTS,
          'The borrower has a new application since this loan was repaid; the repayment cannot be reversed',
        );
      }
      throw error;
    }
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private async move(
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
    const days = step ? await this.applications.workingDaysFor(step, tx) : null;
    const after = await this.applications.moveIfStatus(tx, before.id, before.status, {
      ...extra,
      status: to,
      lastActorUserId: recordActor ? actor.userId : before.lastActorUserId,
      stepEnteredAt: this.clock.now(),
      stepDueDate: days ? addWorkingDays(this.clock.today(), days).toString() : null,
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

  /** The loan terms of a draft, validated, with a fresh eligibility check. */
  private async terms(
    actor: Actor,
    applicant: Applicant,
    input: Omit<ApplicationInput, 'applicantId'>,
    tx: EntityManager,
  ) {
    const amountFen = this.positiveAmount(input.amountYuan, 'amountYuan');
    const members = await this.members(actor, applicant, input.partnershipMembers, tx);
    const evaluation = await this.evaluate(applicant, { ...input, amountFen, members }, tx);
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

  private async visible(
    actor: Actor,
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<LoanApplication> {
    const application = await this.applications.findById(id, tx);
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

  private async applicantInScope(actor: Actor, applicantId: string, tx: EntityManager): Promise<Applicant> {
    const applicant = await this.applicants.findById(applicantId, tx);
    if (!applicant || !this.access.canSee(actor, { regionCode: applicant.regionCode })) {
      throw new NotFoundError(ApplicantErrorCode.APPLICANT_NOT_FOUND, `Applicant ${applicantId} not found`, {
        id: applicantId,
      });
    }
    return applicant;
  }

  private async assertBank(bankOrganisationId: string, tx: EntityManager): Promise<void> {
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

  private positiveAmount(yuan: string, field: string): bigint {
    const money = Money.ofYuan(yuan);
    if (!money.isPositive()) throw new BadInputError(ApplicantErrorCode.INVALID_AMOUNT, `${field} must be more than zero`, { field });
    return money.fen;
  }

  private async members(
    actor: Actor,
    applicant: Applicant,
    input: ApplicationInput['partnershipMembers'],
    tx: EntityManager,
  ) {
    const members: { applicant: Applicant; amountFen: bigint }[] = [];
    for (const [i, m] of (input ?? []).entries()) {
      if (m.applicantId === applicant.id || members.some((x) => x.applicant.id === m.applicantId)) {
        throw new BadInputError(ApplicantErrorCode.INVALID_PARTNERSHIP, `partnershipMembers[${i}] repeats a member`, {
          field: `partnershipMembers[${i}]`,
        });
      }
      members.push({
        applicant: await this.applicantInScope(actor, m.applicantId, tx),
        amountFen: this.positiveAmount(m.amountYuan, `partnershipMembers[${i}].amountYuan`),
      });
    }
    return members;
  }

  /** Runs every eligibility rule of the policy in force today for the applicant's region. */
  private async evaluate(
    applicant: Applicant,
    input: {
      amountFen: bigint;
      termMonths: number;
      repaymentMethod: string;
      policyCode?: string;
      members: { applicant: Applicant; amountFen: bigint }[];
    },
    tx: EntityManager,
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
      const spouse = await this.applicants.findByIdNumberIndex(applicant.spouseIdNumberIndex, tx);
      const spouseLoans = spouse ? await this.applications.loansOf(spouse.id, tx) : null;
      if (spouse && (spouse.priorLoanOutstanding || spouseLoans?.outstanding)) {
        otherLoans.push({ holder: 'SPOUSE', kind: SPOUSE_PROGRAMME_LOAN, outstandingFen: 1n });
      }
    }
    const employerKind = PUBLIC_SECTOR_EMPLOYMENT.get(applicant.employmentStatus) ?? null;
    // Loans before this system (declared) and loans made through it both count.
    const inSystem = await this.applications.loansOf(applicant.id, tx);
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

  private openExists(existing: LoanApplication): ConflictError {
    return new ConflictError(
      ApplicantErrorCode.OPEN_APPLICATION_EXISTS,
      `This applicant already has an open application ${existing.number} (${existing.status})`,
      { applicationId: existing.id, number: existing.number, status: existing.status },
    );
  }
}
