import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  InvalidStateError,
  NotFoundError,
  toPage,
  type Page,
} from '@mla/core';
import { LoanAccess } from '../contracts/loan-access';
import type { Loan } from '../contracts/loan.entity';
import { LoanErrorCode } from '../errors';
import { BusinessState, BUSINESS_STATES, FOLLOW_UP_KINDS, FollowUpKind, STOPPING_STATES } from './follow-up-kinds';
import type { LoanFollowUp } from './loan-follow-up.entity';
import { LoanFollowUpRepository, type FollowUpKey } from './loan-follow-up.repository';

export interface RecordFollowUpInput {
  kind: FollowUpKind;
  visitedOn: string;
  businessState: BusinessState;
  /** Required when the borrower is employed elsewhere or the business closed; absent otherwise. */
  changedOn?: string | null;
  jobsCreated: number;
  note?: string | null;
}

/** Follow-ups as lists show them: with the loan's contract number and the borrower's masked name. */
export interface FollowUpPage extends Page<LoanFollowUp> {
  contractNumber: string;
  borrowerName: string;
}

/**
 * 贷后回访 / 就业核查: a federation officer records what a visit, a call or an employment check found of the borrower's
 * business. Records are never edited; a wrong one is withdrawn with a reason. Both are audited.
 */
@Injectable()
export class LoanFollowUpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly followUps: LoanFollowUpRepository,
    private readonly loanAccess: LoanAccess,
    private readonly applications: ApplicationPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, loanId: string, input: RecordFollowUpInput): Promise<LoanFollowUp> {
    this.access.assertCan(actor, Permission.LOAN_FOLLOW_UP);
    checkShape(input);
    return this.dataSource.transaction(async (tx) => {
      const loan = await this.loanAccess.lockVisible(tx, actor, loanId);
      const valueDate = disbursedOn(loan);
      const visitedOn = assertDateWithin('visitedOn', input.visitedOn, { min: valueDate, max: this.clock.today() });
      const changedOn = input.changedOn
        ? assertDateWithin('changedOn', input.changedOn, { min: valueDate, max: visitedOn }).toString()
        : null;
      const followUp = await this.followUps.insert(tx, {
        loanId: loan.id,
        kind: input.kind,
        visitedOn: visitedOn.toString(),
        businessState: input.businessState,
        changedOn,
        jobsCreated: input.jobsCreated,
        note: input.note?.trim() || null,
        recordedByUserId: actor.userId,
        recordedByName: actor.displayName,
        recordedAt: this.clock.now(),
      });
      await this.audit.record(tx, {
        action: 'loan.follow_up_recorded',
        entityType: 'loan_follow_up',
        entityId: followUp.id,
        after: followUp,
      });
      return followUp;
    });
  }

  /** Withdraws a wrong record (it stays, marked, with the reason); the subsidy reads it no more. */
  async withdraw(actor: Actor, loanId: string, followUpId: string, reason: string): Promise<LoanFollowUp> {
    this.access.assertCan(actor, Permission.LOAN_FOLLOW_UP);
    if (typeof reason !== 'string' || !reason.trim()) {
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required to withdraw a follow-up', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      await this.loanAccess.lockVisible(tx, actor, loanId);
      const before = await this.followUps.lockOfLoan(tx, loanId, followUpId);
      if (!before) throw followUpNotFound(followUpId);
      const withdrawn =
        before.withdrawnAt === null &&
        (await this.followUps.withdrawIfStanding(tx, followUpId, {
          withdrawnAt: this.clock.now(),
          withdrawnByUserId: actor.userId,
          withdrawnByName: actor.displayName,
          withdrawalReason: reason.trim(),
        }));
      if (!withdrawn) {
        throw new ConflictError(LoanErrorCode.FOLLOW_UP_WITHDRAWN, `Follow-up ${followUpId} was withdrawn already`, {
          id: followUpId,
        });
      }
      const after = (await this.followUps.lockOfLoan(tx, loanId, followUpId)) as LoanFollowUp;
      await this.audit.record(tx, {
        action: 'loan.follow_up_withdrawn',
        entityType: 'loan_follow_up',
        entityId: followUpId,
        before,
        after,
      });
      return after;
    });
  }

  /** The loan's follow-ups, withdrawn ones included (marked): newest visit first (keyset pages). */
  async list(actor: Actor, loanId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<FollowUpPage> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const loan = await this.loanAccess.readVisible(actor, loanId);
    const tx = this.dataSource.manager;
    const after = cursor ? decodeCursor<FollowUpKey>(cursor, ['on', 'at', 'id']) : undefined;
    const rows = await this.followUps.list(tx, loanId, limit + 1, after);
    const names = await this.applications.maskedNamesOf(tx, [loan.applicantId]);
    const page = toPage(rows, limit, (f) => ({ on: f.visitedOn, at: f.recordedAt.toISOString(), id: f.id }));
    return { ...page, contractNumber: loan.contractNumber, borrowerName: names.get(loan.applicantId) ?? '' };
  }
}

/** The enums, the change date that goes with the state, the jobs count and the note, before any read. */
function checkShape(input: RecordFollowUpInput): void {
  const bad = (field: string, message: string): never => {
    throw new BadInputError(LoanErrorCode.FOLLOW_UP_INVALID, message, { field });
  };
  if (!FOLLOW_UP_KINDS.includes(input.kind)) bad('kind', `kind must be one of ${FOLLOW_UP_KINDS.join(', ')}`);
  if (!BUSINESS_STATES.includes(input.businessState))
    bad('businessState', `businessState must be one of ${BUSINESS_STATES.join(', ')}`);
  const stops = STOPPING_STATES.includes(input.businessState);
  if (stops && !input.changedOn) bad('changedOn', `changedOn is required when the state is ${input.businessState}`);
  if (!stops && input.changedOn) bad('changedOn', 'changedOn is only for a job elsewhere or a closed business');
  if (!Number.isInteger(input.jobsCreated) || input.jobsCreated < 0 || input.jobsCreated > 100_000)
    bad('jobsCreated', 'jobsCreated must be a whole number from 0');
  if (input.note !== undefined && input.note !== null && (typeof input.note !== 'string' || input.note.length > 500))
    bad('note', 'note must be text of at most 500 characters');
}

function disbursedOn(loan: Loan): string {
  if (!loan.valueDate) {
    throw new InvalidStateError(
      LoanErrorCode.FOLLOW_UP_NOT_POSSIBLE,
      `Loan ${loan.contractNumber} is not disbursed yet; a follow-up is recorded after the loan`,
      { id: loan.id },
    );
  }
  return loan.valueDate;
}

function followUpNotFound(id: string): NotFoundError {
  return new NotFoundError(LoanErrorCode.FOLLOW_UP_NOT_FOUND, `Follow-up ${id} not found`, { id });
}
