import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ACCOUNT_OF, EntryKind, LedgerAccount } from './entry-kind';
import { LedgerEntry } from './ledger-entry.entity';

export type NewEntry = Omit<LedgerEntry, 'id' | 'bookedAt' | 'account'> & { account?: LedgerAccount };

export interface Balances {
  depositFen: bigint;
  liabilityFen: bigint;
}

/** Net amount per kind (a reversal counts under the kind it reverses), through a date. */
export type KindTotals = Partial<Record<Exclude<EntryKind, EntryKind.REVERSAL>, bigint>>;

/** The only writer and reader of ledger entries. Entries are inserted, never changed. */
@Injectable()
export class LedgerRepository {
  async insert(tx: EntityManager, entry: NewEntry): Promise<LedgerEntry> {
    const account = entry.account ?? ACCOUNT_OF[entry.kind as Exclude<EntryKind, EntryKind.REVERSAL>];
    const result = await tx.insert(LedgerEntry, { ...entry, account });
    return tx.findOneOrFail(LedgerEntry, { where: { id: String(result.identifiers[0].id) } });
  }

  findById(tx: EntityManager, id: string): Promise<LedgerEntry | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return tx.findOne(LedgerEntry, { where: { id } });
  }

  async isReversed(tx: EntityManager, id: string): Promise<boolean> {
    return (await tx.count(LedgerEntry, { where: { reversesEntryId: id } })) > 0;
  }

  /** Deposit and liability balances: every entry (or those with a value date up to `through`). */
  async balances(tx: EntityManager, fundId: string, through?: string): Promise<Balances> {
    const [row] = (await tx.query(
      `SELECT COALESCE(SUM(amount_fen) FILTER (WHERE account = 'DEPOSIT'), 0)::text AS deposit,
              COALESCE(SUM(amount_fen) FILTER (WHERE account = 'LIABILITY'), 0)::text AS liability
         FROM guarantee_fund_entries WHERE fund_id = $1 AND ($2::date IS NULL OR value_date <= $2::date)`,
      [fundId, through ?? null],
    )) as { deposit: string; liability: string }[];
    return { depositFen: BigInt(row.deposit), liabilityFen: BigInt(row.liability) };
  }

  /** Balances before a date (the opening of a statement that starts on it). */
  async balancesBefore(tx: EntityManager, fundId: string, date: string): Promise<Balances> {
    const [row] = (await tx.query(
      `SELECT COALESCE(SUM(amount_fen) FILTER (WHERE account = 'DEPOSIT'), 0)::text AS deposit,
              COALESCE(SUM(amount_fen) FILTER (WHERE account = 'LIABILITY'), 0)::text AS liability
         FROM guarantee_fund_entries WHERE fund_id = $1 AND value_date < $2::date`,
      [fundId, date],
    )) as { deposit: string; liability: string }[];
    return { depositFen: BigInt(row.deposit), liabilityFen: BigInt(row.liability) };
  }

  /** Net amounts per kind with value dates in [from, to] (either end open when null). */
  async totalsByKind(tx: EntityManager, fundId: string, from: string | null, to: string | null): Promise<KindTotals> {
    const rows = (await tx.query(
      `SELECT COALESCE(o.kind, e.kind) AS kind, SUM(e.amount_fen)::text AS fen
         FROM guarantee_fund_entries e LEFT JOIN guarantee_fund_entries o ON o.id = e.reverses_entry_id
        WHERE e.fund_id = $1 AND ($2::date IS NULL OR e.value_date >= $2::date)
          AND ($3::date IS NULL OR e.value_date <= $3::date)
        GROUP BY 1`,
      [fundId, from, to],
    )) as { kind: Exclude<EntryKind, EntryKind.REVERSAL>; fen: string }[];
    return Object.fromEntries(rows.map((r) => [r.kind, BigInt(r.fen)])) as KindTotals;
  }

  /** Entries with value dates in [from, to], in booking order within each date. */
  between(tx: EntityManager, fundId: string, from: string, to: string) {
    return tx
      .createQueryBuilder(LedgerEntry, 'e')
      .where('e.fund_id = :fundId AND e.value_date BETWEEN :from AND :to', { fundId, from, to })
      .orderBy('e.value_date', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  /** Keyset page of a fund's entries, newest first. */
  page(tx: EntityManager, fundId: string, limit: number, beforeId?: string): Promise<LedgerEntry[]> {
    const qb = tx.createQueryBuilder(LedgerEntry, 'e').where('e.fund_id = :fundId', { fundId });
    if (beforeId) qb.andWhere('e.id < :beforeId', { beforeId });
    return qb.orderBy('e.id', 'DESC').limit(limit).getMany();
  }

  async liabilityOfGuarantee(tx: EntityManager, guaranteeId: string): Promise<bigint> {
    const [row] = (await tx.query(
      `SELECT COALESCE(SUM(amount_fen), 0)::text AS fen FROM guarantee_fund_entries
        WHERE guarantee_id = $1 AND account = 'LIABILITY'`,
      [guaranteeId],
    )) as { fen: string }[];
    return BigInt(row.fen);
  }

  /** Liability entries that a repayment caused and that are not reversed yet. */
  unreversedOfRepayment(tx: EntityManager, guaranteeId: string, repaymentId: string): Promise<LedgerEntry[]> {
    return tx
      .createQueryBuilder(LedgerEntry, 'e')
      .where('e.guarantee_id = :guaranteeId AND e.repayment_id = :repaymentId', { guaranteeId, repaymentId })
      .andWhere(`e.kind <> 'REVERSAL'`)
      .andWhere('NOT EXISTS (SELECT 1 FROM guarantee_fund_entries r WHERE r.reverses_entry_id = e.id)')
      .orderBy('e.id', 'DESC')
      .getMany();
  }

  findRecovery(tx: EntityManager, claimId: string, reference: string): Promise<LedgerEntry | null> {
    return tx.findOne(LedgerEntry, {
      where: { claimId, documentReference: reference, kind: EntryKind.RECOVERY_RECEIVED },
    });
  }

  /** What was recovered from the borrower on a claim (the whole amount, not only the fund's share), net of reversals. */
  async recoveredOfClaim(tx: EntityManager, claimId: string): Promise<{ recoveredFen: bigint; toFundFen: bigint }> {
    const [row] = (await tx.query(
      `SELECT COALESCE(SUM((e.basis->>'recoveredFen')::bigint), 0)::text AS recovered,
              COALESCE(SUM(e.amount_fen), 0)::text AS to_fund
         FROM guarantee_fund_entries e
        WHERE e.claim_id = $1 AND e.kind = 'RECOVERY_RECEIVED'
          AND NOT EXISTS (SELECT 1 FROM guarantee_fund_entries r WHERE r.reverses_entry_id = e.id)`,
      [claimId],
    )) as { recovered: string; to_fund: string }[];
    return { recoveredFen: BigInt(row.recovered), toFundFen: BigInt(row.to_fund) };
  }
}
