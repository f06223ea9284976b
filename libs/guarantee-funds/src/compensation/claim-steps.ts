import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, type Actor } from '@mla/auth';
import { ConflictError, Money, NotFoundError, RuleViolationError } from '@mla/core';
import { GuaranteeErrorCode } from '../errors';
import { FundPositionService } from '../funds/fund-position';
import { GuaranteeFundRepository } from '../funds/guarantee-fund.repository';
import type { GuaranteeFund } from '../funds/guarantee-fund.entity';
import { claimNotFoundError } from './claim-rules';
import type { CompensationClaim } from './compensation-claim.entity';
import { CompensationClaimRepository } from './compensation-claim.repository';

/** Steps the compensation use cases share, each inside the caller's transaction. */
@Injectable()
export class ClaimSteps {
  constructor(
    private readonly claims: CompensationClaimRepository,
    private readonly fundRows: GuaranteeFundRepository,
    private readonly positions: FundPositionService,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  async lockFund(tx: EntityManager, fundId: string): Promise<GuaranteeFund> {
    const fund = await this.fundRows.lockById(tx, fundId);
    if (!fund) throw new NotFoundError(GuaranteeErrorCode.FUND_NOT_FOUND, `Guarantee fund ${fundId} not found`);
    return fund;
  }

  async assertWithinCeiling(tx: EntityManager, fund: GuaranteeFund, year: number, fen: bigint): Promise<void> {
    const ceiling = await this.positions.yearlyCeiling(tx, fund, year);
    if (ceiling && ceiling.paidFen + fen > ceiling.ceilingFen) {
      throw new RuleViolationError(
        GuaranteeErrorCode.YEARLY_CEILING,
        `Fund ${fund.code} has paid ${Money.ofFen(ceiling.paidFen).toYuanString()} in compensation in ${year}; ${Money.ofFen(fen).toYuanString()} more would pass the yearly ceiling of ${Money.ofFen(ceiling.ceilingFen).toYuanString()}`,
        {
          ceilingYuan: Money.ofFen(ceiling.ceilingFen).toYuanString(),
          paidYuan: Money.ofFen(ceiling.paidFen).toYuanString(),
          claimYuan: Money.ofFen(fen).toYuanString(),
        },
      );
    }
  }

  /** The claim under its row lock; one the actor may not see reads as not found. */
  async visibleLocked(tx: EntityManager, actor: Actor, id: string): Promise<CompensationClaim> {
    const claim = await this.claims.lockById(tx, id);
    if (!claim || !this.access.canSee(actor, claim)) throw claimNotFoundError(id);
    return claim;
  }

  /** Moves the claim only if its status is still the one read (a guarded update). */
  async moveOrConflict(
    tx: EntityManager,
    before: CompensationClaim,
    patch: Partial<CompensationClaim>,
  ): Promise<CompensationClaim> {
    const after = await this.claims.moveIfStatus(tx, before.id, before.status, patch);
    if (!after) {
      throw new ConflictError(
        GuaranteeErrorCode.CONCURRENT_CHANGE,
        `Claim ${before.number} was changed by someone else meanwhile`,
      );
    }
    return after;
  }

  async audited(tx: EntityManager, what: string, before: CompensationClaim, after: CompensationClaim): Promise<void> {
    await this.audit.record(tx, {
      action: `compensation_claim.${what}`,
      entityType: 'compensation_claim',
      entityId: after.id,
      before: { status: before.status },
      after,
    });
  }
}
