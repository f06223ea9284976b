import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, Clock, InvalidStateError, NotFoundError } from '@mla/core';
import { uuidOf } from '../budget/budget-input';
import { FUNDING_LEVELS } from '../budget/funding-level';
import { SubsidyBudgetLedger } from '../budget/subsidy-budget-ledger';
import { SubsidyErrorCode } from '../errors';
import { assertBatchVisible, assertNotMaker } from './claim-access';
import { fiscalYearOf, splitByLevel } from './claim-rules';
import { ClaimBatchStatus, ClaimLineStatus } from './claim-status';
import { SubsidyClaimReviewService, type ClaimBatchView } from './subsidy-claim-review.service';
import { SubsidyClaimRepository } from './subsidy-claim.repository';

const MAX_REASON = 500;

/**
 * The finance bureau takes back an approval (with a reason) while the line is not in a payout: each level's
 * commitment is released (an append-only RELEASE entry, the budget row locked in `FUNDING_LEVELS` order), the line is
 * PENDING again with no decision, and a FINANCE_REVIEWED batch returns to INITIAL_REVIEWED. Approving it again
 * reverses that release within what is available. Same maker-checker rule as deciding; audited.
 */
@Injectable()
export class SubsidyClaimRevocationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly ledger: SubsidyBudgetLedger,
    private readonly reviews: SubsidyClaimReviewService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async revokeApproval(actor: Actor, batchId: string, lineId: string, reason: string): Promise<ClaimBatchView> {
    this.access.assertCan(actor, Permission.SUBSIDY_CLAIM_DECIDE);
    const id = this.batchIdOf(batchId);
    const line = uuidOf(lineId, 'lineId');
    if (typeof reason !== 'string' || !reason.trim()) {
      throw new BadInputError(SubsidyErrorCode.REASON_REQUIRED, 'Revoking an approval needs a reason', {
        field: 'reason',
      });
    }
    const why = reason.trim().slice(0, MAX_REASON);
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.lockBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      assertNotMaker(actor, batch);
      const [found] = await this.claims.lockLines(tx, id, [line]);
      if (!found) {
        throw new NotFoundError(SubsidyErrorCode.CLAIM_LINE_NOT_FOUND, `Claim line ${line} is not in this batch`, {
          lineId: line,
        });
      }
      if (found.status === ClaimLineStatus.PAID) {
        throw new InvalidStateError(
          SubsidyErrorCode.LINE_PAID_NOT_REVOCABLE,
          `Claim line ${line} is paid; its approval cannot be revoked`,
          { lineId: line, payoutId: found.payoutId },
        );
      }
      if (found.status !== ClaimLineStatus.APPROVED) {
        throw new InvalidStateError(SubsidyErrorCode.LINE_NOT_APPROVED, `Claim line ${line} is ${found.status}`, {
          lineId: line,
          status: found.status,
        });
      }
      const today = this.clock.today().toString();
      const year = fiscalYearOf(batch.settlementDate);
      for (const level of FUNDING_LEVELS) {
        const share = splitByLevel(found).find((s) => s.level === level)!;
        if (share.fen === 0n) continue;
        await this.ledger.release(tx, {
          regionCode: batch.regionCode,
          year,
          level,
          claimLineId: found.id,
          valueDate: today,
          reason: `撤销审核：${why}`,
        });
      }
      const moved = await this.claims.moveLines(tx, [found.id], ClaimLineStatus.APPROVED, ClaimLineStatus.PENDING, {
        decidedByUserId: null,
        decidedByUsername: null,
        decidedAt: null,
        financeReason: null,
      });
      if (moved !== 1) throw new InvalidStateError(SubsidyErrorCode.LINE_NOT_APPROVED, `Line ${found.id} moved`);
      const totals = await this.claims.lineTotals(tx, id);
      const approvedFen = totals.get(ClaimLineStatus.APPROVED)?.fen ?? 0n;
      await this.claims.moveBatch(tx, id, batch.status, ClaimBatchStatus.INITIAL_REVIEWED, {
        approvedFen,
        financeReviewedAt: null,
      });
      await this.audit.record(tx, {
        action: 'subsidy_claim_line.approval_revoked',
        entityType: 'subsidy_claim_line',
        entityId: found.id,
        before: {
          status: found.status,
          decidedByUsername: found.decidedByUsername,
          reason: found.financeReason,
          batchStatus: batch.status,
        },
        after: { status: ClaimLineStatus.PENDING, reason: why, subsidyFen: found.subsidyFen, batchId: id },
        actor,
      });
      return this.reviews.get(actor, id, tx);
    });
  }

  private batchIdOf(batchId: string): string {
    try {
      return uuidOf(batchId, 'batchId');
    } catch {
      throw new NotFoundError(SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND, `Subsidy claim batch ${batchId} not found`, {
        id: batchId,
      });
    }
  }
}
