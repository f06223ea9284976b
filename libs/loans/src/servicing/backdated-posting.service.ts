import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  BadInputError,
  Clock,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  ForbiddenError,
  Money,
  NotFoundError,
  parseDateField,
  RuleViolationError,
  toPage,
  type Page,
} from '@mla/core';
import { LoanErrorCode } from '../errors';
import type { Loan } from '../contracts/loan.entity';
import { LoanRepository } from '../contracts/loan.repository';
import type { BackdatedPostingRequest, BackdatedPostingStatus } from './backdated-posting-request.entity';
import { BackdatedPostingRepository, type BackdatedPostingKey } from './backdated-posting.repository';
import { needsBackdateApproval, oldestDatePostedAtOnce } from './backdating';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { PostingService } from './posting.service';
import { RepaymentSettlement } from './repayment-settlement';

export interface RepaymentSubmissionInput extends PostRepaymentInput {
  /** Required when the value date is further back than BACKDATE_APPROVAL_DAYS. */
  reason?: string | null;
}

/** A request as lists show it: with the loan's contract number and the borrower's masked name, not bare ids. */
export interface BackdatedPostingView {
  request: BackdatedPostingRequest;
  contractNumber: string;
  borrowerName: string;
}

/** Posted at once, or held for a second person (with `duplicate` when this very request was held already). */
export type RepaymentSubmission =
  | { outcome: 'POSTED'; posting: PostingResult }
  | { outcome: 'PENDING'; pending: BackdatedPostingView; duplicate: boolean };

/**
 * A repayment a user records by hand: posted at once when its value date is within BACKDATE_APPROVAL_DAYS of today,
 * otherwise held with the maker's reason until another person with the loan-servicing permission approves it (it is
 * posted then, in the same transaction) or rejects it (maker-checker). Statement imports post through
 * `LoanPostingPort` and never come here: the bank's statement is their evidence and the import has its own review.
 */
@Injectable()
export class BackdatedPostingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: BackdatedPostingRepository,
    private readonly postings: PostingService,
    private readonly settlement: RepaymentSettlement,
    private readonly loans: LoanRepository,
    private readonly applications: ApplicationPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async submit(actor: Actor, loanId: string, input: RepaymentSubmissionInput): Promise<RepaymentSubmission> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const valueDate = parseDateField('valueDate', input.valueDate);
    const today = this.clock.today();
    const days = this.config.env.BACKDATE_APPROVAL_DAYS;
    const posting: PostRepaymentInput = {
      amountYuan: input.amountYuan,
      valueDate: valueDate.toString(),
      channel: input.channel,
      externalReference: input.externalReference,
    };
    if (!needsBackdateApproval(valueDate, today, days)) {
      return { outcome: 'POSTED', posting: await this.postings.post(actor, loanId, posting) };
    }
    const amount = Money.ofYuan(input.amountYuan);
    if (!amount.isPositive()) {
      throw new BadInputError(LoanErrorCode.INVALID_AMOUNT, 'amountYuan must be more than zero', {
        field: 'amountYuan',
      });
    }
    return this.dataSource.transaction(async (tx): Promise<RepaymentSubmission> => {
      // The same checks as the posting will make, now, so that nobody approves what could never post.
      const { loan, earlier } = await this.settlement.lockForPosting(tx, actor, loanId, {
        kind: 'REGULAR',
        amountFen: amount.fen,
        valueDate: posting.valueDate,
        externalReference: posting.externalReference,
      });
      if (earlier) return { outcome: 'POSTED', posting: earlier };
      this.settlement.assertRepayable(loan);
      this.settlement.assertValueDate(loan, valueDate);
      // A reason only once the date could post at all (a date before the disbursement is refused for that).
      const reason = input.reason?.trim();
      if (!reason) {
        throw new RuleViolationError(
          LoanErrorCode.BACKDATE_REASON_REQUIRED,
          `valueDate ${valueDate.toString()} is more than ${days} days back: give the reason, and another person approves the posting`,
          {
            field: 'reason',
            valueDate: valueDate.toString(),
            oldestPostedAtOnce: oldestDatePostedAtOnce(today, days).toString(),
            backdateApprovalDays: days,
          },
        );
      }
      const held = await this.requests.findPendingByReference(tx, loanId, posting.externalReference);
      if (held) {
        if (held.amountFen !== amount.fen || held.valueDate !== posting.valueDate || held.channel !== posting.channel) {
          throw new ConflictError(
            LoanErrorCode.REFERENCE_REUSED,
            `Reference ${posting.externalReference} waits for approval already as ${Money.ofFen(held.amountFen).toYuanString()} on ${held.valueDate}; use a new reference for a different posting`,
            { field: 'externalReference', requestId: held.id },
          );
        }
        return { outcome: 'PENDING', pending: await this.viewIn(tx, held, loan), duplicate: true };
      }
      const request = await this.requests.insert(tx, {
        loanId,
        amountFen: amount.fen,
        valueDate: posting.valueDate,
        channel: posting.channel,
        externalReference: posting.externalReference,
        reason,
        makerUserId: actor.userId,
        makerName: actor.displayName,
        requestedAt: this.clock.now(),
      });
      await this.audit.record(tx, {
        action: 'repayment.backdated_requested',
        entityType: 'loan',
        entityId: loanId,
        after: {
          requestId: request.id,
          status: request.status,
          amountFen: request.amountFen.toString(),
          valueDate: request.valueDate,
          channel: request.channel,
          externalReference: request.externalReference,
          reason,
          backdateApprovalDays: days,
        },
      });
      return { outcome: 'PENDING', pending: await this.viewIn(tx, request, loan), duplicate: false };
    });
  }

  /** Another person approves: the repayment is posted now, in the same transaction as the request's new status. */
  async approve(actor: Actor, id: string, note?: string | null): Promise<BackdatedPostingView> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    return this.dataSource.transaction(async (tx) => {
      const request = await this.pendingForDecision(tx, actor, id);
      // Idempotent by the external reference: a reference posted already (the very same request) answers with it.
      const { repayment } = await this.postings.post(
        actor,
        request.loanId,
        {
          amountYuan: Money.ofFen(request.amountFen).toYuanString(),
          valueDate: request.valueDate,
          channel: request.channel as PostRepaymentInput['channel'],
          externalReference: request.externalReference,
        },
        tx,
      );
      const decisionReason = note?.trim() || null;
      await this.decide(tx, actor, request, { status: 'APPROVED', decisionReason, repaymentId: repayment.id });
      await this.audit.record(tx, {
        action: 'repayment.backdated_approved',
        entityType: 'loan',
        entityId: request.loanId,
        before: { requestId: id, status: 'PENDING' },
        after: { requestId: id, status: 'APPROVED', repaymentId: repayment.id, note: decisionReason },
      });
      return this.viewIn(tx, (await this.requests.findById(tx, id)) as BackdatedPostingRequest);
    });
  }

  /** Another person rejects, with the reason: nothing is posted. */
  async reject(actor: Actor, id: string, reason: string): Promise<BackdatedPostingView> {
    this.access.assertCan(actor, Permission.LOAN_SERVICE);
    const why = reason?.trim();
    if (!why) {
      throw new BadInputError(LoanErrorCode.REASON_REQUIRED, 'reason is required to reject a back-dated posting', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const request = await this.pendingForDecision(tx, actor, id);
      await this.decide(tx, actor, request, { status: 'REJECTED', decisionReason: why, repaymentId: null });
      await this.audit.record(tx, {
        action: 'repayment.backdated_rejected',
        entityType: 'loan',
        entityId: request.loanId,
        before: { requestId: id, status: 'PENDING' },
        after: { requestId: id, status: 'REJECTED', reason: why },
      });
      return this.viewIn(tx, (await this.requests.findById(tx, id)) as BackdatedPostingRequest);
    });
  }

  async get(actor: Actor, id: string): Promise<BackdatedPostingView> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const tx = this.dataSource.manager;
    const request = await this.requests.findById(tx, id);
    if (!request) throw notFound(id);
    return this.viewIn(tx, request, await this.visibleLoan(tx, actor, request));
  }

  /** Requests of the loans the actor may see: pending first, then newest first. */
  async list(
    actor: Actor,
    filter: { status?: BackdatedPostingStatus; loanId?: string },
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<BackdatedPostingView>> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const tx = this.dataSource.manager;
    const after = cursor ? decodeCursor<BackdatedPostingKey>(cursor, ['rank', 'at', 'id']) : undefined;
    const rows = await this.requests.list(tx, this.access.scopeOf(actor), filter, limit + 1, after);
    const names = await this.applications.maskedNamesOf(
      tx,
      rows.map((r) => r.loan?.applicantId as string),
    );
    const page = toPage(rows, limit, (r) => ({
      rank: r.status === 'PENDING' ? 0 : 1,
      at: r.requestedAt.toISOString(),
      id: r.id,
    }));
    return {
      items: page.items.map((r) => ({
        request: r,
        contractNumber: r.loan?.contractNumber ?? '',
        borrowerName: names.get(r.loan?.applicantId ?? '') ?? '',
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The request under its row lock, if the actor may see its loan, still pending, and not the actor's own. */
  private async pendingForDecision(tx: EntityManager, actor: Actor, id: string): Promise<BackdatedPostingRequest> {
    const request = await this.requests.lockById(tx, id);
    if (!request) throw notFound(id);
    await this.visibleLoan(tx, actor, request);
    if (request.status !== 'PENDING') {
      throw new ConflictError(
        LoanErrorCode.BACKDATED_POSTING_DECIDED,
        `This back-dated posting was ${request.status.toLowerCase()} already`,
        { status: request.status, repaymentId: request.repaymentId },
      );
    }
    if (request.makerUserId === actor.userId) {
      throw new ForbiddenError(
        LoanErrorCode.BACKDATED_POSTING_SELF_DECISION,
        'You asked for this back-dated posting; another person must approve or reject it',
        { makerUserId: request.makerUserId },
      );
    }
    return request;
  }

  private async decide(
    tx: EntityManager,
    actor: Actor,
    request: BackdatedPostingRequest,
    decision: { status: 'APPROVED' | 'REJECTED'; decisionReason: string | null; repaymentId: string | null },
  ): Promise<void> {
    const decided = await this.requests.decideIfPending(tx, request.id, {
      ...decision,
      checkerUserId: actor.userId,
      checkerName: actor.displayName,
      decidedAt: this.clock.now(),
    });
    if (!decided) {
      throw new ConflictError(LoanErrorCode.BACKDATED_POSTING_DECIDED, 'This back-dated posting was decided meanwhile');
    }
  }

  /** The request's loan if the actor may see it; out of scope reads as not found, under the request's own code. */
  private async visibleLoan(tx: EntityManager, actor: Actor, request: BackdatedPostingRequest): Promise<Loan> {
    const loan = await this.loans.findById(tx, request.loanId);
    if (
      !loan ||
      !this.access.canSee(actor, { regionCode: loan.regionCode, bankOrganisationId: loan.bankOrganisationId })
    ) {
      throw notFound(request.id);
    }
    return loan;
  }

  private async viewIn(
    tx: EntityManager,
    request: BackdatedPostingRequest,
    known?: Loan,
  ): Promise<BackdatedPostingView> {
    const loan = known ?? ((await this.loans.findById(tx, request.loanId)) as Loan);
    const names = await this.applications.maskedNamesOf(tx, [loan.applicantId]);
    return { request, contractNumber: loan.contractNumber, borrowerName: names.get(loan.applicantId) ?? '' };
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(LoanErrorCode.BACKDATED_POSTING_NOT_FOUND, `Back-dated posting request ${id} not found`, {
    id,
  });
}
