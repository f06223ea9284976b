import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { CompensationClaim } from './compensation-claim.entity';
import type { ClaimStatus } from './claim-status';

export interface ClaimFilter {
  fundId?: string;
  status?: ClaimStatus;
  loanId?: string;
}

@Injectable()
export class CompensationClaimRepository {
  findById(tx: EntityManager, id: string): Promise<CompensationClaim | null> {
    return tx.findOne(CompensationClaim, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<CompensationClaim | null> {
    return tx.findOne(CompensationClaim, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findOpenForLoan(tx: EntityManager, loanId: string): Promise<CompensationClaim | null> {
    return tx
      .createQueryBuilder(CompensationClaim, 'c')
      .where(`c.loan_id = :loanId AND c.status <> 'REJECTED'`, { loanId })
      .getOne();
  }

  async insert(
    tx: EntityManager,
    values: Omit<CompensationClaim, 'id' | 'filedAt' | 'updatedAt'>,
  ): Promise<CompensationClaim> {
    const result = await tx.insert(CompensationClaim, values);
    return tx.findOneOrFail(CompensationClaim, { where: { id: result.identifiers[0].id as string } });
  }

  /** Moves a claim only if it is still in `from`; null when someone else moved it first. */
  async moveIfStatus(
    tx: EntityManager,
    id: string,
    from: ClaimStatus,
    patch: Partial<CompensationClaim>,
  ): Promise<CompensationClaim | null> {
    const result = await tx.update(CompensationClaim, { id, status: from }, patch);
    if (result.affected !== 1) return null;
    return tx.findOneOrFail(CompensationClaim, { where: { id } });
  }

  async nextNumber(tx: EntityManager, year: number): Promise<string> {
    // A transaction-scoped advisory lock serialises numbering across funds (claims are few).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('compensation_claim_number'))`);
    const [row] = (await tx.query(`SELECT count(*)::int AS n FROM compensation_claims WHERE number LIKE $1`, [
      `DC-${year}-%`,
    ])) as { n: number }[];
    return `DC-${year}-${String(row.n + 1).padStart(5, '0')}`;
  }

  /** Keyset page by number; bank officers see their bank's claims, others their region's. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: ClaimFilter,
    limit: number,
    afterNumber?: string,
  ): Promise<CompensationClaim[]> {
    const qb = tx.createQueryBuilder(CompensationClaim, 'c');
    applyScope(qb, scope, { region: 'c.region_code', organisation: 'c.bank_organisation_id' });
    if (filter.fundId) qb.andWhere('c.fund_id = :fundId', { fundId: filter.fundId });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.loanId) qb.andWhere('c.loan_id = :loanId', { loanId: filter.loanId });
    if (afterNumber) qb.andWhere('c.number > :after', { after: afterNumber });
    return qb.orderBy('c.number', 'ASC').limit(limit).getMany();
  }
}
