import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, Clock, CommonErrorCode, InvalidStateError, assertDateWithin } from '@mla/core';
import { NotificationJob, OutboxRepository, QueueName, subsidyPaidJobId } from '@mla/queue';
import { uuidOf } from '../budget/budget-input';
import { FUNDING_LEVELS } from '../budget/funding-level';
import { SubsidyBudgetLedger } from '../budget/subsidy-budget-ledger';
import { SubsidyErrorCode } from '../errors';
import { assertBatchVisible } from './claim-access';
import { fiscalYearOf, splitByLevel } from './claim-rules';
import { ClaimBatchStatus, ClaimLineStatus } from './claim-status';
import type { SubsidyPayout } from './subsidy-payout.entity';
import { SubsidyClaimRepository } from './subsidy-claim.repository';

export interface PayoutInput {
  /** The payment order's number (拨款凭证号). */
  paymentReference: string;
  /** The day the money left the treasury: not before the settlement date, not after today. */
  paymentDate: string;
}

/**
 * The payout 拨付 of a reviewed batch: every approved line's split is paid from its level's budget (the ledger moves
 * the commitment to paid, level by level in lock order), the lines become PAID under the payout, the batch PAID, and
 * each borrower gets a notification row in the outbox (delivered by the reminders' processor later). The same
 * payment reference for the same batch returns the payout already made.
 */
@Injectable()
export class SubsidyPayoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: SubsidyClaimRepository,
    private readonly ledger: SubsidyBudgetLedger,
    private readonly outbox: OutboxRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async pay(actor: Actor, batchId: string, input: PayoutInput): Promise<SubsidyPayout> {
    this.access.assertCan(actor, Permission.SUBSIDY_PAYOUT);
    const id = uuidOf(batchId, 'batchId');
    const reference = typeof input?.paymentReference === 'string' ? input.paymentReference.trim() : '';
    if (!reference || reference.length > 100) {
      throw new BadInputError(
        CommonErrorCode.VALIDATION_FAILED,
        'paymentReference is required (100 characters at most)',
        {
          field: 'paymentReference',
        },
      );
    }
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claims.lockBatch(tx, id);
      assertBatchVisible(this.access, actor, batch, id);
      const earlier = await this.claims.findPayout(tx, id, reference);
      if (earlier) return earlier;
      if (batch.status !== ClaimBatchStatus.FINANCE_REVIEWED) {
        throw new InvalidStateError(
          SubsidyErrorCode.CLAIM_INVALID_STATE,
          `Batch ${id} is ${batch.status}, not ${ClaimBatchStatus.FINANCE_REVIEWED}`,
          { status: batch.status, expected: ClaimBatchStatus.FINANCE_REVIEWED, claimBatchStatus: batch.status },
        );
      }
      const paymentDate = assertDateWithin('paymentDate', input.paymentDate, {
        min: batch.settlementDate,
        max: this.clock.today(),
        minReason: 'the settlement date',
        maxReason: 'today',
      }).toString();
      const lines = (await this.claims.linesOf(tx, id)).filter((l) => l.status === ClaimLineStatus.APPROVED);
      if (lines.length === 0) {
        throw new InvalidStateError(SubsidyErrorCode.NO_APPROVED_LINES, `Batch ${id} has no approved line to pay`);
      }
      const amountFen = lines.reduce((sum, l) => sum + l.subsidyFen, 0n);
      const payout = await this.claims.insertPayout(tx, {
        batchId: id,
        paymentReference: reference,
        paymentDate,
        lineCount: lines.length,
        amountFen,
        paidByUserId: actor.userId,
        paidByUsername: actor.username,
      });
      const year = fiscalYearOf(batch.settlementDate);
      for (const level of FUNDING_LEVELS) {
        for (const line of lines) {
          const share = splitByLevel(line).find((s) => s.level === level)!;
          if (share.fen === 0n) continue;
          await this.ledger.pay(tx, {
            regionCode: batch.regionCode,
            year,
            level,
            claimLineId: line.id,
            amountFen: share.fen,
            payoutBatchId: payout.id,
            valueDate: paymentDate,
            documentReference: reference,
          });
        }
      }
      const moved = await this.claims.moveLines(
        tx,
        lines.map((l) => l.id),
        ClaimLineStatus.APPROVED,
        ClaimLineStatus.PAID,
        { payoutId: payout.id },
      );
      if (moved !== lines.length) {
        throw new InvalidStateError(SubsidyErrorCode.CLAIM_INVALID_STATE, `Lines of batch ${id} changed meanwhile`);
      }
      await this.claims.moveBatch(tx, id, ClaimBatchStatus.FINANCE_REVIEWED, ClaimBatchStatus.PAID, {
        paidFen: amountFen,
        paidAt: this.clock.now(),
      });
      for (const line of lines) {
        await this.outbox.enqueue(
          tx,
          QueueName.NOTIFICATIONS,
          NotificationJob.SUBSIDY_PAID,
          { claimLineId: line.id, payoutId: payout.id },
          subsidyPaidJobId(line.id),
        );
      }
      await this.audit.record(tx, {
        action: 'subsidy_claim.paid',
        entityType: 'subsidy_claim_batch',
        entityId: id,
        after: payout,
        actor,
      });
      return payout;
    });
  }
}
