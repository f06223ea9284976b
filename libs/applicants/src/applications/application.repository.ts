import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { LoanApplication } from './application.entity';
import type { ApplicationStatus } from './application-status';
import { ApplicationTransition } from './application-transition.entity';
import { FieldVisit } from './field-visit.entity';
import { ReviewStepDeadline } from './review-step-deadline.entity';

export interface ApplicationFilter {
  statuses?: ApplicationStatus[];
  regionCode?: string;
  bankOrganisationId?: string;
  applicantId?: string;
  /** Only those whose waiting step is past its due date on this business date. */
  lateOn?: string;
}

export type ApplicationMove = Partial<
  Pick<
    LoanApplication,
    | 'status'
    | 'lastActorUserId'
    | 'stepEnteredAt'
    | 'stepDueDate'
    | 'lastReason'
    | 'eligibility'
    | 'eligibilityCheckedAt'
    | 'policyId'
  >
>;

@Injectable()
export class ApplicationRepository {
  /** The applicant's name of each application (for masking by the caller). */
  async applicantNamesOf(tx: EntityManager, applicationIds: string[]): Promise<Map<string, string>> {
    if (applicationIds.length === 0) return new Map();
    const rows = (await tx.query(
      `SELECT a.id, p.name FROM loan_applications a JOIN applicants p ON p.id = a.applicant_id
        WHERE a.id = ANY($1::uuid[])`,
      [applicationIds],
    )) as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  findById(tx: EntityManager, id: string): Promise<LoanApplication | null> {
    return tx.findOne(LoanApplication, { where: { id } });
  }

  findOpenFor(tx: EntityManager, applicantId: string, open: readonly ApplicationStatus[]) {
    return tx
      .createQueryBuilder(LoanApplication, 'a')
      .where('a.applicant_id = :applicantId AND a.status IN (:...open)', { applicantId, open })
      .getOne();
  }

  /** Programme loans of the person made through this system: approved applications, open (APPROVED) or ended (CLOSED). */
  async loansOf(tx: EntityManager, applicantId: string): Promise<{ count: number; outstanding: boolean }> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS count, bool_or(status = 'APPROVED') AS outstanding
         FROM loan_applications WHERE applicant_id = $1 AND status IN ('APPROVED', 'CLOSED')`,
      [applicantId],
    )) as { count: number; outstanding: boolean | null }[];
    return { count: row.count, outstanding: row.outstanding ?? false };
  }

  async nextNumber(tx: EntityManager, year: number): Promise<string> {
    const [{ n }] = (await tx.query(`SELECT nextval('loan_application_number_seq')::text AS n`)) as { n: string }[];
    return `SQ-${year}-${n.padStart(6, '0')}`;
  }

  async insert(
    tx: EntityManager,
    values: Omit<LoanApplication, 'id' | 'createdAt' | 'updatedAt'>,
  ): Promise<LoanApplication> {
    const result = await tx.insert(LoanApplication, values);
    return tx.findOneOrFail(LoanApplication, { where: { id: result.identifiers[0].id as string } });
  }

  async updateDraft(tx: EntityManager, id: string, patch: Partial<LoanApplication>): Promise<LoanApplication> {
    await tx.update(LoanApplication, { id }, patch);
    return tx.findOneOrFail(LoanApplication, { where: { id } });
  }

  /**
   * Moves the application only if it is still in `expected`: of two reviewers acting at once, exactly one
   * update matches. Returns null when the row had moved on.
   */
  async moveIfStatus(
    tx: EntityManager,
    id: string,
    expected: ApplicationStatus,
    move: ApplicationMove,
  ): Promise<LoanApplication | null> {
    const result = await tx
      .createQueryBuilder()
      .update(LoanApplication)
      .set(move)
      .where('id = :id AND status = :expected', { id, expected })
      .execute();
    if (result.affected !== 1) return null;
    return tx.findOneOrFail(LoanApplication, { where: { id } });
  }

  async addTransition(tx: EntityManager, t: Omit<ApplicationTransition, 'id' | 'occurredAt'>): Promise<void> {
    await tx.insert(ApplicationTransition, t);
  }

  transitionsOf(tx: EntityManager, applicationId: string): Promise<ApplicationTransition[]> {
    return tx.find(ApplicationTransition, { where: { applicationId }, order: { id: 'ASC' } });
  }

  async addFieldVisit(tx: EntityManager, visit: Omit<FieldVisit, 'id' | 'createdAt'>): Promise<FieldVisit> {
    const result = await tx.insert(FieldVisit, visit);
    return tx.findOneOrFail(FieldVisit, { where: { id: result.identifiers[0].id as string } });
  }

  fieldVisitsOf(tx: EntityManager, applicationId: string): Promise<FieldVisit[]> {
    return tx.find(FieldVisit, { where: { applicationId }, order: { createdAt: 'ASC' } });
  }

  async workingDaysFor(tx: EntityManager, step: string): Promise<number | null> {
    const row = await tx.findOne(ReviewStepDeadline, { where: { step } });
    return row?.workingDays ?? null;
  }

  deadlines(tx: EntityManager): Promise<ReviewStepDeadline[]> {
    return tx.find(ReviewStepDeadline, { order: { step: 'ASC' } });
  }

  async setDeadline(tx: EntityManager, step: string, workingDays: number): Promise<void> {
    await tx.upsert(ReviewStepDeadline, { step, workingDays }, ['step']);
  }

  /** Newest first, keyset on the number (it grows with time). Bank officers see their bank's, others their region's. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: ApplicationFilter,
    limit: number,
    beforeNumber?: string,
  ): Promise<LoanApplication[]> {
    const qb = tx.createQueryBuilder(LoanApplication, 'a');
    applyScope(qb, scope, { region: 'a.region_code', organisation: 'a.bank_organisation_id' });
    if (filter.statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.regionCode) qb.andWhere('a.region_code LIKE :region', { region: `${filter.regionCode}%` });
    if (filter.bankOrganisationId) qb.andWhere('a.bank_organisation_id = :bank', { bank: filter.bankOrganisationId });
    if (filter.applicantId) qb.andWhere('a.applicant_id = :applicant', { applicant: filter.applicantId });
    if (filter.lateOn) qb.andWhere('a.step_due_date < :lateOn', { lateOn: filter.lateOn });
    if (beforeNumber) qb.andWhere('a.number < :beforeNumber', { beforeNumber });
    return qb.orderBy('a.number', 'DESC').limit(limit).getMany();
  }
}
