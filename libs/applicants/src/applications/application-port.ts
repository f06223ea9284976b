import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  businessDateOf,
  ConflictError,
  isUniqueViolation,
  maskPersonName,
  maskResidentIdForNotice,
  type LocalDate,
} from '@mla/core';
import { ApplicantRepository } from '../applicants/applicant.repository';
import { ApplicantErrorCode } from '../errors';
import type { LoanApplication } from './application.entity';
import { ApplicationRepository } from './application.repository';
import { ApplicationStatus, ReviewStep } from './application-status';
import { ApplicationWorkflow } from './application-workflow';

/**
 * What other contexts may ask of applicants and applications (loans, guarantee funds, reconciliation); the tables
 * stay behind this. Methods taking `tx` run in the caller's transaction. Status changes are published as
 * ApplicationEvents.
 */
@Injectable()
export class ApplicationPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationRepository,
    private readonly applicants: ApplicantRepository,
    private readonly workflow: ApplicationWorkflow,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /** The application as the actor may see it (404 outside scope). */
  async get(actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    return this.workflow.visible(this.dataSource.manager, actor, id);
  }

  /** The application as the actor may see it, read inside the caller's transaction (404 outside scope). */
  async getIn(tx: EntityManager, actor: Actor, id: string): Promise<LoanApplication> {
    this.access.assertCan(actor, Permission.APPLICATION_READ);
    return this.workflow.visible(tx, actor, id);
  }

  /**
   * The business date (Asia/Shanghai) the application was approved on, or null while it is not approved. The bank's
   * approval is the last review step and moves the application to APPROVED; it stays there (its step clock
   * untouched) until the loan made from it ends, so the instant it entered APPROVED is the approval. That instant
   * comes from the Clock, unlike the transition row's database timestamp, so a frozen clock dates it too.
   */
  approvalDateOf(application: LoanApplication): LocalDate | null {
    if (application.status !== ApplicationStatus.APPROVED && application.status !== ApplicationStatus.CLOSED) {
      return null;
    }
    return businessDateOf(application.stepEnteredAt);
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
    return this.workflow.decide(tx, actor, id, ReviewStep.GUARANTEE_REVIEW, 'APPROVE', note);
  }

  /**
   * Called in the loans context's transaction when the loan made from an application has ended: the application
   * closes, so the person may apply for another loan.
   */
  async closeForEndedLoan(tx: EntityManager, applicationId: string, reason: string): Promise<void> {
    const before = await this.applications.findById(tx, applicationId);
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

  /** The borrower's name of each application, masked (王*梅), for lists shown in other contexts. */
  async maskedBorrowerNames(applicationIds: string[]): Promise<Map<string, string>> {
    const names = await this.applications.applicantNamesOf(this.dataSource.manager, [...new Set(applicationIds)]);
    return new Map([...names].map(([id, name]) => [id, maskPersonName(name)]));
  }

  /**
   * What a public notice 公示 may show of borrowers, by applicant id: the masked name (王*英), the ID number with only
   * its first and last four characters ('1502**********002X'), and the division code of their village. Never a full
   * ID or a phone.
   */
  async publicNoticeFactsOf(
    tx: EntityManager,
    applicantIds: string[],
  ): Promise<Map<string, { maskedName: string; maskedIdNumber: string; regionCode: string }>> {
    const wanted = [...new Set(applicantIds)];
    if (wanted.length === 0) return new Map();
    const rows = await this.applicants.noticeFactsByIds(tx, wanted);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          maskedName: maskPersonName(r.name),
          maskedIdNumber: maskResidentIdForNotice(r.idNumberMasked),
          regionCode: r.regionCode,
        },
      ]),
    );
  }

  /**
   * Borrowers' names masked for lists many users see (surname kept, '王**'), by applicant id, read in the caller's
   * transaction. The caller has already decided the actor may see the records these belong to.
   */
  async maskedNamesOf(tx: EntityManager, applicantIds: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(applicantIds)];
    if (wanted.length === 0) return new Map();
    const names = await this.applicants.namesByIds(tx, wanted);
    return new Map([...names].map(([id, name]) => [id, maskPersonName(name)]));
  }

  /**
   * What a call list shows of borrowers, by applicant id: the masked name (王*英) and the masked mobile
   * (138****8000), read in the caller's transaction. The mobile is masked when it is registered (the masked form is
   * stored beside the ciphertext), so nothing is decrypted here and no full number leaves this context. The caller
   * has already decided the actor may see the records these belong to.
   */
  async maskedContactsOf(
    tx: EntityManager,
    applicantIds: string[],
  ): Promise<Map<string, { maskedName: string; maskedMobile: string }>> {
    const wanted = [...new Set(applicantIds)];
    if (wanted.length === 0) return new Map();
    const rows = await this.applicants.maskedContactsByIds(tx, wanted);
    return new Map(rows.map((r) => [r.id, { maskedName: maskPersonName(r.name), maskedMobile: r.mobileMasked }]));
  }

  /**
   * Ids of applicants registered under each name, for suggestions that a person confirms (statement matching, a
   * chunk of lines at a time): no personal data leaves, only ids. Names shorter than two characters are skipped.
   */
  idsWithNames(names: string[]): Promise<Map<string, string[]>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2))];
    return wanted.length ? this.applicants.idsByNames(this.dataSource.manager, wanted) : Promise.resolve(new Map());
  }
}
