import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationPort } from '@mla/applicants';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { WorkingCalendar } from '@mla/calendar';
import {
  BadInputError,
  Clock,
  CommonErrorCode,
  DEFAULT_PAGE_SIZE,
  InvalidStateError,
  NotFoundError,
  decodeCursor,
  isUuid,
  regionPrefix,
  toPage,
  type Page,
} from '@mla/core';
import { resolveSubsidyRule, type SubsidyRule } from '@mla/loan-policies';
import { uuidOf } from '../budget/budget-input';
import { FUNDING_LEVELS } from '../budget/funding-level';
import { SubsidyBudgetLedger } from '../budget/subsidy-budget-ledger';
import { SubsidyErrorCode } from '../errors';
import { assertBatchVisible, assertNotMaker } from './claim-access';
import { withNames, type ClaimBatchListItem } from './claim-batch-list';
import { fiscalYearOf, splitByLevel } from './claim-rules';
import { ClaimBatchStatus, ClaimLineStatus, InitialReviewFinding } from './claim-status';
import type { SubsidyClaimBatch } from './subsidy-claim-batch.entity';
import type { SubsidyClaimLine } from './subsidy-claim-line.entity';
import { SubsidyClaimRepository, type ClaimBatchFilter } from './subsidy-claim.repository';

export interface LineFindingInput {
  lineId: string;
  finding: InitialReviewFinding;
  /** Required for QUERIED: what the federation or agency found (e.g. the borrower took a job elsewhere). */
  note?: string | null;
}

export interface LineDecisionInput {
  lineId: string;
  approve: boolean;
  /** Required to reject; kept with an approval when given. */
  reason?: string | null;
}

/** A line as lists show it: the borrower's masked name instead of an id. */
export type ClaimLineView = SubsidyClaimLine & { maskedBorrowerName: string };

export interface ClaimBatchView {
  batch: SubsidyClaimBatch;
  lines: ClaimLineView[];
}

export interface ClaimBatchQuery {
  status?: ClaimBatchStatus;
  settlementDate?: string;
}

const MAX_NOTE = 500;

/**
 * The steps of a claim after it is built: the bank submits it, the federation or guarantee agency does its initial
 * review 初审 with a finding per line, and the finance bureau approves or rejects each line (one by one or in bulk,
 * with reasons; amounts are never edited). Approving a line commits its split on each level's budget in the same
 * transaction, so a line over the budget stays pending and nothing is written. Nobody reviews a batch they
 * prepared, submitted or initially reviewed. Every step is audited.
 */
@Injectable()
export class SubsidyClaimReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly ledger: SubsidyBudgetLedger,
    private readonly applications: ApplicationPort,
    private readonly calendar: WorkingCalendar,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Filing a claim (a supplementary one) is the bank's: checked before the builder runs. */
  assertCanPrepare(actor: Actor): void {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_PREPARE);
  }

  /** Batches the actor may see, newest period first, with their bank's and jurisdiction's names; keyset pages. */
  async list(
    actor: Actor,
    query: ClaimBatchQuery = {},
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<ClaimBatchListItem>> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_READ);
    const scope = this.access.scopeOf(actor);
    const filter: ClaimBatchFilter = {
      bankOrganisationIds: scope.kind === 'organisation' ? scope.organisationIds : null,
      regionPrefix: scope.kind === 'region' ? regionPrefix(scope.regionCode) : null,
      status: query.status,
      settlementDate: query.settlementDate,
    };
    if (filter.bankOrganisationIds?.length === 0) return { items: [], nextCursor: null };
    const after = cursor
      ? decodeCursor<{ settlementDate: string; id: string }>(cursor, ['settlementDate', 'id'])
      : null;
    if (after && (!/^\d{4}-\d{2}-\d{2}$/.test(after.settlementDate) || !isUuid(after.id))) {
      throw new BadInputError(CommonErrorCode.INVALID_CURSOR, 'cursor is not one this list gave', { field: 'cursor' });
    }
    const rows = await this.claims.pageBatches(this.dataSource.manager, filter, limit + 1, after);
    const page = toPage(rows, limit, (b) => ({ settlementDate: b.settlementDate, id: b.id }));
    return { items: await withNames(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /** A batch with its lines (borrowers' names masked). */
  async get(actor: Actor, batchId: string, tx: EntityManager = this.dataSource.manager): Promise<ClaimBatchView> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_READ);
    const id = this.idOf(batchId);
    const batch = await this.claims.findBatch(tx, id);
    assertBatchVisible(this.access, actor, batch, id);
    const lines = await this.claims.linesOf(tx, id);
    const names = await this.applications.maskedNamesOf(
      tx,
      lines.map((l) => l.applicantId),
    );
    return { batch, lines: lines.map((l) => ({ ...l, maskedBorrowerName: names.get(l.applicantId) ?? '' })) };
  }

  /** The bank files its claim: DRAFT → SUBMITTED; the initial review is due in the rule's working days. */
  async submit(actor: Actor, batchId: string): Promise<SubsidyClaimBatch> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_PREPARE);
    return this.step(actor, batchId, ClaimBatchStatus.DRAFT, ClaimBatchStatus.SUBMITTED, async (tx, batch) => {
      const days = Math.min(...(await this.rulesOf(tx, batch.id)).map((r) => r.reviewDeadlineWorkingDays));
      const due = await this.calendar.addWorkingDays(this.clock.today(), days, tx);
      return {
        submittedByUserId: actor.userId,
        submittedAt: this.clock.now(),
        initialReviewDueOn: due.toString(),
      };
    });
  }

  /**
   * The initial review 初审: a finding per line (lines not named are confirmed; a query needs a note), then
   * SUBMITTED → INITIAL_REVIEWED with the finance bureau's deadline.
   */
  async initialReview(actor: Actor, batchId: string, findings: LineFindingInput[] = []): Promise<SubsidyClaimBatch> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_INITIAL_REVIEW);
    const byLine = new Map<string, LineFindingInput>();
    for (const f of Array.isArray(findings) ? findings : []) {
      const lineId = uuidOf(f?.lineId, 'findings.lineId');
      if (!Object.values(InitialReviewFinding).includes(f.finding)) {
        throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'finding must be CONFIRMED or QUERIED', {
          field: 'findings.finding',
        });
      }
      if (f.finding === InitialReviewFinding.QUERIED && !f.note?.trim()) {
        throw new BadInputError(SubsidyErrorCode.REASON_REQUIRED, 'A queried line needs a note', {
          field: 'findings.note',
        });
      }
      byLine.set(lineId, f);
    }
    return this.step(
      actor,
      batchId,
      ClaimBatchStatus.SUBMITTED,
      ClaimBatchStatus.INITIAL_REVIEWED,
      async (tx, batch) => {
        const lines = await this.claims.linesOf(tx, batch.id);
        const known = new Set(lines.map((l) => l.id));
        const unknown = [...byLine.keys()].find((id) => !known.has(id));
        if (unknown) this.lineNotFound(unknown);
        for (const line of lines) {
          const f = byLine.get(line.id);
          await this.claims.recordFinding(tx, line.id, {
            initialFinding: f?.finding ?? InitialReviewFinding.CONFIRMED,
            initialNote: f?.note?.trim().slice(0, MAX_NOTE) || null,
          });
        }
        const days = Math.min(...(await this.rulesOf(tx, batch.id)).map((r) => r.paymentDeadlineWorkingDays));
        const due = await this.calendar.addWorkingDays(this.clock.today(), days, tx);
        return {
          initialReviewedByUserId: actor.userId,
          initialReviewedAt: this.clock.now(),
          paymentDueOn: due.toString(),
        };
      },
    );
  }

  approveLine(actor: Actor, batchId: string, lineId: string, reason?: string | null): Promise<ClaimBatchView> {
    return this.decide(actor, batchId, [{ lineId, approve: true, reason }]);
  }

  rejectLine(actor: Actor, batchId: string, lineId: string, reason: string): Promise<ClaimBatchView> {
    return this.decide(actor, batchId, [{ lineId, approve: false, reason }]);
  }

  /** Every pending line of the batch approved (or rejected, with one reason), all or nothing. */
  async decideAllPending(
    actor: Actor,
    batchId: string,
    approve: boolean,
    reason?: string | null,
  ): Promise<ClaimBatchView> {
    const id = this.idOf(batchId);
    const lines = await this.claims.linesOf(this.dataSource.manager, id);
    const pending = lines.filter((l) => l.status === ClaimLineStatus.PENDING);
    return this.decide(
      actor,
      id,
      pending.map((l) => ({ lineId: l.id, approve, reason })),
    );
  }

  /**
   * The finance bureau's decisions on lines of one batch, in one transaction (all or nothing). Approvals commit
   * each line's split on its level's budget, level by level in `FUNDING_LEVELS` order (the ledger's lock order);
   * BUDGET_EXCEEDED leaves every line pending. When no line is left pending the batch is FINANCE_REVIEWED.
   */
  async decide(actor: Actor, batchId: string, decisions: LineDecisionInput[]): Promise<ClaimBatchView> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_DECIDE);
    const id = this.idOf(batchId);
    const wanted = this.checkDecisions(decisions);
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.lockBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      assertNotMaker(actor, batch);
      const lines = await this.claims.lockLines(tx, id, [...wanted.keys()]);
      const found = new Map(lines.map((l) => [l.id, l]));
      for (const lineId of wanted.keys()) {
        const line = found.get(lineId);
        if (!line) this.lineNotFound(lineId);
        if (line.status !== ClaimLineStatus.PENDING) {
          throw new InvalidStateError(
            SubsidyErrorCode.LINE_ALREADY_DECIDED,
            `Claim line ${lineId} is already ${line.status}`,
            { lineId, status: line.status, claimLineStatus: line.status },
          );
        }
      }
      // After the lines: a line decided before says so, even once its batch has moved on.
      this.assertStatus(batch, ClaimBatchStatus.INITIAL_REVIEWED);
      const approved = lines.filter((l) => wanted.get(l.id)!.approve);
      const rejected = lines.filter((l) => !wanted.get(l.id)!.approve);
      const today = this.clock.today().toString();
      const year = fiscalYearOf(batch.settlementDate);
      // Level by level, so that this transaction locks the budgets in the one order every booking uses.
      for (const level of FUNDING_LEVELS) {
        for (const line of approved) {
          const share = splitByLevel(line).find((s) => s.level === level)!;
          if (share.fen === 0n) continue;
          await this.ledger.commit(tx, {
            regionCode: batch.regionCode,
            year,
            level,
            claimLineId: line.id,
            amountFen: share.fen,
            valueDate: today,
            memo: `贴息申报 ${line.contractNumber} ${line.settlementDate}`,
            renewReleased: true,
          });
        }
      }
      const decidedBy = {
        decidedByUserId: actor.userId,
        decidedByUsername: actor.username,
        decidedAt: this.clock.now(),
      };
      for (const line of [...approved, ...rejected]) {
        const decision = wanted.get(line.id)!;
        const to = decision.approve ? ClaimLineStatus.APPROVED : ClaimLineStatus.REJECTED;
        const moved = await this.claims.moveLines(tx, [line.id], ClaimLineStatus.PENDING, to, {
          ...decidedBy,
          financeReason: decision.reason,
        });
        if (moved !== 1) throw new InvalidStateError(SubsidyErrorCode.LINE_ALREADY_DECIDED, `Line ${line.id} moved`);
        await this.audit.record(tx, {
          action: decision.approve ? 'subsidy_claim_line.approved' : 'subsidy_claim_line.rejected',
          entityType: 'subsidy_claim_line',
          entityId: line.id,
          before: { status: line.status },
          after: { status: to, reason: decision.reason, subsidyFen: line.subsidyFen, batchId: id },
          actor,
        });
      }
      const totals = await this.claims.lineTotals(tx, id);
      const approvedFen = totals.get(ClaimLineStatus.APPROVED)?.fen ?? 0n;
      const done = !totals.has(ClaimLineStatus.PENDING);
      await this.claims.moveBatch(
        tx,
        id,
        ClaimBatchStatus.INITIAL_REVIEWED,
        done ? ClaimBatchStatus.FINANCE_REVIEWED : ClaimBatchStatus.INITIAL_REVIEWED,
        done ? { approvedFen, financeReviewedAt: this.clock.now() } : { approvedFen },
      );
      if (done) {
        await this.audit.record(tx, {
          action: 'subsidy_claim.finance_reviewed',
          entityType: 'subsidy_claim_batch',
          entityId: id,
          after: { approvedFen },
          actor,
        });
      }
      return this.get(actor, id, tx);
    });
  }

  /** One guarded step of a batch (locked, visible, at `from`), with the facts `facts` computes, audited. */
  private async step(
    actor: Actor,
    batchId: string,
    from: ClaimBatchStatus,
    to: ClaimBatchStatus,
    facts: (tx: EntityManager, batch: SubsidyClaimBatch) => Promise<Partial<SubsidyClaimBatch>>,
  ): Promise<SubsidyClaimBatch> {
    const id = this.idOf(batchId);
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.lockBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      this.assertStatus(batch, from);
      const changes = await facts(tx, batch);
      await this.claims.moveBatch(tx, id, from, to, changes);
      const after = (await this.claims.findBatch(tx, id))!;
      await this.audit.record(tx, {
        action: `subsidy_claim.${to.toLowerCase()}`,
        entityType: 'subsidy_claim_batch',
        entityId: id,
        before: { status: from },
        after,
        actor,
      });
      return after;
    });
  }

  /** The deadline rules of the batch's lines (each line keeps the rule it was computed with). */
  private async rulesOf(tx: EntityManager, batchId: string) {
    const lines = await this.claims.linesOf(tx, batchId);
    return lines.map((l) => resolveSubsidyRule((l.calculation as { rule: SubsidyRule }).rule));
  }

  private checkDecisions(decisions: LineDecisionInput[]): Map<string, { approve: boolean; reason: string | null }> {
    if (!Array.isArray(decisions) || decisions.length === 0) {
      throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'decisions must name at least one line', {
        field: 'decisions',
      });
    }
    const wanted = new Map<string, { approve: boolean; reason: string | null }>();
    for (const d of decisions) {
      const lineId = uuidOf(d?.lineId, 'lineId');
      const reason = typeof d.reason === 'string' && d.reason.trim() ? d.reason.trim().slice(0, MAX_NOTE) : null;
      if (typeof d.approve !== 'boolean') {
        throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, 'approve must be true or false', {
          field: 'approve',
        });
      }
      if (!d.approve && !reason) {
        throw new BadInputError(SubsidyErrorCode.REASON_REQUIRED, 'A rejected line needs a reason', {
          field: 'reason',
        });
      }
      if (wanted.has(lineId)) {
        throw new BadInputError(CommonErrorCode.VALIDATION_FAILED, `Line ${lineId} is named twice`, {
          field: 'lineId',
        });
      }
      wanted.set(lineId, { approve: d.approve, reason });
    }
    return wanted;
  }

  private assertStatus(batch: SubsidyClaimBatch, expected: ClaimBatchStatus): void {
    if (batch.status !== expected) {
      throw new InvalidStateError(
        SubsidyErrorCode.CLAIM_INVALID_STATE,
        `Batch ${batch.id} is ${batch.status}, not ${expected}`,
        { status: batch.status, expected, claimBatchStatus: batch.status },
      );
    }
  }

  private lineNotFound(lineId: string): never {
    throw new NotFoundError(SubsidyErrorCode.CLAIM_LINE_NOT_FOUND, `Claim line ${lineId} is not in this batch`, {
      lineId,
    });
  }

  private idOf(batchId: string): string {
    try {
      return uuidOf(batchId, 'batchId');
    } catch {
      throw new NotFoundError(SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND, `Subsidy claim batch ${batchId} not found`, {
        id: batchId,
      });
    }
  }
}
