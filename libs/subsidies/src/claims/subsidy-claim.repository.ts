import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ClaimBatchStatus, ClaimLineStatus } from './claim-status';
import { SubsidyClaimBatch } from './subsidy-claim-batch.entity';
import { SubsidyClaimLine } from './subsidy-claim-line.entity';
import { SubsidyPayout } from './subsidy-payout.entity';

export type NewClaimBatch = Omit<
  SubsidyClaimBatch,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'approvedFen'
  | 'paidFen'
  | 'initialReviewDueOn'
  | 'paymentDueOn'
  | 'submittedByUserId'
  | 'submittedAt'
  | 'initialReviewedByUserId'
  | 'initialReviewedAt'
  | 'financeReviewedAt'
  | 'paidAt'
>;

export type NewClaimLine = Pick<
  SubsidyClaimLine,
  | 'loanId'
  | 'contractNumber'
  | 'applicantId'
  | 'periodStart'
  | 'periodEnd'
  | 'settlementDate'
  | 'calculation'
  | 'principalFen'
  | 'interestCollectedFen'
  | 'subsidyFen'
  | 'centralFen'
  | 'provincialFen'
  | 'cityFen'
  | 'countyFen'
  | 'eligibility'
>;

export interface ClaimBatchFilter {
  /** Banks the caller may see (bank officers), or null for every bank of the region. */
  bankOrganisationIds: string[] | null;
  /** The significant prefix of the jurisdiction (null: everywhere). */
  regionPrefix: string | null;
  status?: ClaimBatchStatus;
  settlementDate?: string;
}

const INSERT_CHUNK = 500;

/** The only reader and writer of claim batches, lines and payouts. */
@Injectable()
export class SubsidyClaimRepository {
  /** The batches of a bank, jurisdiction and settlement date, latest sequence first. */
  batchesOf(
    tx: EntityManager,
    bankOrganisationId: string,
    regionCode: string,
    settlementDate: string,
  ): Promise<SubsidyClaimBatch[]> {
    return tx.find(SubsidyClaimBatch, {
      where: { bankOrganisationId, regionCode, settlementDate },
      order: { sequence: 'DESC' },
    });
  }

  findBatch(tx: EntityManager, id: string): Promise<SubsidyClaimBatch | null> {
    return tx.findOne(SubsidyClaimBatch, { where: { id } });
  }

  /** The batch locked FOR UPDATE: every step of a batch takes turns on it. */
  lockBatch(tx: EntityManager, id: string): Promise<SubsidyClaimBatch | null> {
    return tx
      .createQueryBuilder(SubsidyClaimBatch, 'b')
      .setLock('pessimistic_write')
      .where('b.id = :id', { id })
      .getOne();
  }

  async insertBatch(tx: EntityManager, batch: NewClaimBatch): Promise<SubsidyClaimBatch> {
    const result = await tx.insert(SubsidyClaimBatch, batch);
    return tx.findOneByOrFail(SubsidyClaimBatch, { id: String(result.identifiers[0].id) });
  }

  /** Multi-row inserts in chunks (never a save per line). */
  async insertLines(tx: EntityManager, batchId: string, lines: NewClaimLine[]): Promise<void> {
    for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
      const chunk = lines.slice(i, i + INSERT_CHUNK).map((l) => ({ ...l, batchId, status: ClaimLineStatus.PENDING }));
      await tx.insert(SubsidyClaimLine, chunk);
    }
  }

  /** Loans of the list that already have a line for the period that is not rejected. */
  async loansWithLiveLine(tx: EntityManager, loanIds: string[], settlementDate: string): Promise<Set<string>> {
    if (loanIds.length === 0) return new Set();
    const rows = (await tx.query(
      `SELECT loan_id AS "loanId" FROM subsidy_claim_lines
        WHERE loan_id = ANY($1::uuid[]) AND settlement_date = $2 AND status <> 'REJECTED'`,
      [loanIds, settlementDate],
    )) as { loanId: string }[];
    return new Set(rows.map((r) => r.loanId));
  }

  linesOf(tx: EntityManager, batchId: string): Promise<SubsidyClaimLine[]> {
    return tx.find(SubsidyClaimLine, { where: { batchId }, order: { contractNumber: 'ASC', id: 'ASC' } });
  }

  /** Lines of the batch locked FOR UPDATE (the batch row is locked first by the caller). */
  lockLines(tx: EntityManager, batchId: string, lineIds: string[]): Promise<SubsidyClaimLine[]> {
    return tx
      .createQueryBuilder(SubsidyClaimLine, 'l')
      .setLock('pessimistic_write')
      .where('l.batch_id = :batchId AND l.id IN (:...lineIds)', { batchId, lineIds })
      .orderBy('l.id')
      .getMany();
  }

  /** Keyset page, newest settlement date first (then id), after the cursor's row when given. */
  async pageBatches(
    tx: EntityManager,
    filter: ClaimBatchFilter,
    limit: number,
    after: { settlementDate: string; id: string } | null = null,
  ): Promise<SubsidyClaimBatch[]> {
    const q = tx.createQueryBuilder(SubsidyClaimBatch, 'b');
    if (after)
      q.andWhere('(b.settlement_date, b.id) < (:afterDate, :afterId)', {
        afterDate: after.settlementDate,
        afterId: after.id,
      });
    if (filter.bankOrganisationIds)
      q.andWhere('b.bank_organisation_id IN (:...banks)', { banks: filter.bankOrganisationIds });
    if (filter.regionPrefix) q.andWhere(`b.region_code LIKE :prefix || '%'`, { prefix: filter.regionPrefix });
    if (filter.status) q.andWhere('b.status = :status', { status: filter.status });
    if (filter.settlementDate) q.andWhere('b.settlement_date = :d', { d: filter.settlementDate });
    return q.orderBy('b.settlement_date', 'DESC').addOrderBy('b.id', 'DESC').limit(limit).getMany();
  }

  /** Moves the batch from `from` to `to` with the given facts; false when it was not at `from`. */
  async moveBatch(
    tx: EntityManager,
    id: string,
    from: ClaimBatchStatus,
    to: ClaimBatchStatus,
    facts: Partial<SubsidyClaimBatch> = {},
  ): Promise<boolean> {
    const result = await tx.update(SubsidyClaimBatch, { id, status: from }, { ...facts, status: to });
    return (result.affected ?? 0) === 1;
  }

  /** Moves lines from `from` to `to`; the count moved. */
  async moveLines(
    tx: EntityManager,
    ids: string[],
    from: ClaimLineStatus,
    to: ClaimLineStatus,
    facts: Partial<SubsidyClaimLine> = {},
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await tx.update(SubsidyClaimLine, { id: In(ids), status: from }, { ...facts, status: to });
    return result.affected ?? 0;
  }

  async recordFinding(tx: EntityManager, id: string, facts: Partial<SubsidyClaimLine>): Promise<void> {
    await tx.update(SubsidyClaimLine, { id }, facts);
  }

  /** Lines by status and their subsidy in fen. */
  async lineTotals(tx: EntityManager, batchId: string): Promise<Map<ClaimLineStatus, { count: number; fen: bigint }>> {
    const rows = (await tx.query(
      `SELECT status, count(*)::int AS count, COALESCE(SUM(subsidy_fen), 0)::text AS fen
         FROM subsidy_claim_lines WHERE batch_id = $1 GROUP BY status`,
      [batchId],
    )) as { status: ClaimLineStatus; count: number; fen: string }[];
    return new Map(rows.map((r) => [r.status, { count: r.count, fen: BigInt(r.fen) }]));
  }

  findPayout(tx: EntityManager, batchId: string, paymentReference: string): Promise<SubsidyPayout | null> {
    return tx.findOne(SubsidyPayout, { where: { batchId, paymentReference } });
  }

  async insertPayout(tx: EntityManager, payout: Omit<SubsidyPayout, 'id' | 'createdAt'>): Promise<SubsidyPayout> {
    const result = await tx.insert(SubsidyPayout, payout);
    return tx.findOneByOrFail(SubsidyPayout, { id: String(result.identifiers[0].id) });
  }
}
