import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { BackdatedPostingRequest, type BackdatedPostingStatus } from './backdated-posting-request.entity';

export type NewBackdatedPostingRequest = Omit<
  BackdatedPostingRequest,
  'id' | 'loan' | 'status' | 'checkerUserId' | 'checkerName' | 'decidedAt' | 'decisionReason' | 'repaymentId'
>;

export type BackdatedPostingDecision = Pick<
  BackdatedPostingRequest,
  'checkerUserId' | 'checkerName' | 'decidedAt' | 'decisionReason' | 'repaymentId'
> & { status: Exclude<BackdatedPostingStatus, 'PENDING'> };

/** Where a list page ended: pending first, then newest first. */
export type BackdatedPostingKey = {
  rank: number;
  /** requested_at, ISO. */
  at: string;
  id: string;
};

const RANK = `CASE WHEN r.status = 'PENDING' THEN 0 ELSE 1 END`;

@Injectable()
export class BackdatedPostingRepository {
  async insert(tx: EntityManager, values: NewBackdatedPostingRequest): Promise<BackdatedPostingRequest> {
    const result = await tx.insert(BackdatedPostingRequest, { ...values, status: 'PENDING' });
    return tx.findOneOrFail(BackdatedPostingRequest, { where: { id: result.identifiers[0].id as string } });
  }

  findById(tx: EntityManager, id: string): Promise<BackdatedPostingRequest | null> {
    return tx.findOne(BackdatedPostingRequest, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<BackdatedPostingRequest | null> {
    return tx.findOne(BackdatedPostingRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findPendingByReference(
    tx: EntityManager,
    loanId: string,
    externalReference: string,
  ): Promise<BackdatedPostingRequest | null> {
    return tx.findOne(BackdatedPostingRequest, { where: { loanId, externalReference, status: 'PENDING' } });
  }

  /** Decides a request that is still pending; false when someone decided it meanwhile. */
  async decideIfPending(tx: EntityManager, id: string, decision: BackdatedPostingDecision): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(BackdatedPostingRequest)
      .set(decision)
      .where(`id = :id AND status = 'PENDING'`, { id })
      .execute();
    return result.affected === 1;
  }

  /** Requests of the loans in scope with their loans: pending first, then newest first (keyset). */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: { status?: BackdatedPostingStatus; loanId?: string },
    limit: number,
    after?: BackdatedPostingKey,
  ): Promise<BackdatedPostingRequest[]> {
    const qb = tx.createQueryBuilder(BackdatedPostingRequest, 'r').innerJoinAndSelect('r.loan', 'l');
    applyScope(qb, scope, { region: 'l.region_code', organisation: 'l.bank_organisation_id' });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.loanId) qb.andWhere('r.loan_id = :loanId', { loanId: filter.loanId });
    if (after) {
      qb.andWhere(
        `(${RANK} > :rank OR (${RANK} = :rank AND (r.requested_at < :at OR (r.requested_at = :at AND r.id < :id))))`,
        after,
      );
    }
    return qb
      .orderBy(RANK, 'ASC')
      .addOrderBy('r.requested_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(limit)
      .getMany();
  }
}
