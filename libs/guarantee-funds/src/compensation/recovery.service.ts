import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import {
  assertDateWithin,
  BadInputError,
  Clock,
  ConflictError,
  Money,
  RuleViolationError,
  parseDateField,
} from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { fundShareOf } from '../funds/fund-rules';
import { EntryKind } from '../ledger/entry-kind';
import type { LedgerEntry } from '../ledger/ledger-entry.entity';
import { LedgerRepository } from '../ledger/ledger.repository';
import { LedgerService } from '../ledger/ledger.service';
import { ClaimStatus } from './claim-status';
import { assertClaimStatus } from './claim-rules';
import { ClaimSteps } from './claim-steps';

export interface RecoveryInput {
  /** What the bank recovered from the borrower (the fund receives its share of it). */
  amountYuan: string;
  valueDate: string;
  reference: string;
}

/** 追偿: money recovered from the borrower after compensation flows back to the fund in the claim's shares. */
@Injectable()
export class RecoveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerRepository,
    private readonly steps: ClaimSteps,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  /**
   * The fund receives its share (the claim's), the bank keeps the rest. The same reference twice books once; in
   * all, no more than the claim covered.
   */
  async recordRecovery(
    actor: Actor,
    id: string,
    input: RecoveryInput,
  ): Promise<{ entry: LedgerEntry; duplicate: boolean; recoveredFen: bigint }> {
    this.access.assertCan(actor, Permission.RECOVERY_RECORD);
    const amount = Money.ofYuan(input.amountYuan);
    if (!amount.isPositive()) {
      throw new BadInputError(GuaranteeErrorCode.INVALID_AMOUNT, 'amountYuan must be more than zero', {
        field: 'amountYuan',
      });
    }
    const valueDate = parseDateField('valueDate', input.valueDate);
    if (!input.reference?.trim()) {
      throw new BadInputError(GuaranteeErrorCode.REFERENCE_REQUIRED, 'reference is required', { field: 'reference' });
    }
    const reference = input.reference.trim();
    return this.dataSource.transaction(async (tx) => {
      const claim = await this.steps.visibleLocked(tx, actor, id);
      const existing = await this.entries.findRecovery(tx, claim.id, reference);
      if (existing) {
        if (existing.basis?.recoveredFen !== amount.fen.toString()) {
          throw new ConflictError(
            GuaranteeErrorCode.REFERENCE_REUSED,
            `Reference ${reference} was recorded with another amount`,
            { field: 'reference' },
          );
        }
        const { recoveredFen } = await this.entries.recoveredOfClaim(tx, claim.id);
        return { entry: existing, duplicate: true, recoveredFen };
      }
      assertClaimStatus(claim, [ClaimStatus.PAID]);
      assertDateWithin('valueDate', valueDate, {
        min: claim.paidOn,
        max: this.clock.today(),
        minReason: 'the compensation payment',
        maxReason: 'today',
      });
      const soFar = await this.entries.recoveredOfClaim(tx, claim.id);
      if (soFar.recoveredFen + amount.fen > claim.coveredFen) {
        throw new RuleViolationError(
          GuaranteeErrorCode.RECOVERY_TOO_LARGE,
          `Recoveries would reach ${Money.ofFen(soFar.recoveredFen + amount.fen).toYuanString()}, more than the ${Money.ofFen(claim.coveredFen).toYuanString()} compensated`,
          { field: 'amountYuan' },
        );
      }
      const toFund = fundShareOf(amount.fen, claim.fundShare);
      const entry = await this.ledger.append(tx, {
        fundId: claim.fundId,
        kind: EntryKind.RECOVERY_RECEIVED,
        amountFen: toFund,
        valueDate: valueDate.toString(),
        guaranteeId: claim.guaranteeId,
        loanId: claim.loanId,
        repaymentId: null,
        claimId: claim.id,
        documentReference: reference,
        reversesEntryId: null,
        memo: `recovery on claim ${claim.number}`,
        basis: {
          recoveredFen: amount.fen.toString(),
          fundShare: claim.fundShare,
          bankKeepsFen: (amount.fen - toFund).toString(),
        },
      });
      return { entry, duplicate: false, recoveredFen: soFar.recoveredFen + amount.fen };
    });
  }
}
