import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import { LedgerRepository } from '../ledger/ledger.repository';
import { claimNotFoundError } from './claim-rules';
import type { CompensationClaim } from './compensation-claim.entity';
import { CompensationClaimRepository, type ClaimFilter } from './compensation-claim.repository';

/** Reading compensation claims, with what has been recovered on each. */
@Injectable()
export class ClaimQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: CompensationClaimRepository,
    private readonly entries: LedgerRepository,
    private readonly access: AccessPolicy,
  ) {}

  async get(
    actor: Actor,
    id: string,
  ): Promise<CompensationClaim & { recoveredFen: bigint; recoveredToFundFen: bigint }> {
    this.access.assertCan(actor, Permission.COMPENSATION_READ);
    const claim = await this.claims.findById(this.dataSource.manager, id);
    if (!claim || !this.access.canSee(actor, claim)) throw claimNotFoundError(id);
    const recovered = await this.entries.recoveredOfClaim(this.dataSource.manager, id);
    return { ...claim, recoveredFen: recovered.recoveredFen, recoveredToFundFen: recovered.toFundFen };
  }

  async list(
    actor: Actor,
    filter: ClaimFilter,
    limit = DEFAULT_PAGE_SIZE,
    cursor?: string,
  ): Promise<Page<CompensationClaim>> {
    this.access.assertCan(actor, Permission.COMPENSATION_READ);
    const after = cursor ? decodeCursor<{ n: string }>(cursor, ['n']).n : undefined;
    const rows = await this.claims.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (c) => ({ n: c.number }));
  }
}
