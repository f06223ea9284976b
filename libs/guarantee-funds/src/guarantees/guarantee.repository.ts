import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { Guarantee } from './guarantee.entity';
import { GuaranteeStatus } from './guarantee-status';

export interface GuaranteeFilter {
  fundId?: string;
  status?: GuaranteeStatus;
  applicationId?: string;
  loanId?: string;
}

@Injectable()
export class GuaranteeRepository {
  findById(tx: EntityManager, id: string): Promise<Guarantee | null> {
    return tx.findOne(Guarantee, { where: { id } });
  }

  /** The guarantee standing for an application (any status but cancelled), locked. */
  findCurrentByApplication(tx: EntityManager, applicationId: string): Promise<Guarantee | null> {
    return tx
      .createQueryBuilder(Guarantee, 'g')
      .setLock('pessimistic_write')
      .where(`g.application_id = :applicationId AND g.status <> 'CANCELLED'`, { applicationId })
      .getOne();
  }

  findByLoan(tx: EntityManager, loanId: string): Promise<Guarantee | null> {
    return tx
      .createQueryBuilder(Guarantee, 'g')
      .setLock('pessimistic_write')
      .where(`g.loan_id = :loanId AND g.status <> 'CANCELLED'`, { loanId })
      .getOne();
  }

  async insert(tx: EntityManager, values: Omit<Guarantee, 'id' | 'createdAt' | 'updatedAt'>): Promise<Guarantee> {
    const result = await tx.insert(Guarantee, values);
    return tx.findOneOrFail(Guarantee, { where: { id: result.identifiers[0].id as string } });
  }

  async update(tx: EntityManager, id: string, patch: Partial<Guarantee>): Promise<Guarantee> {
    await tx.update(Guarantee, { id }, patch);
    return tx.findOneOrFail(Guarantee, { where: { id } });
  }

  /** The next contract number of a fund and year; called under the fund's lock, so counting is safe. */
  /**
   * The next `CODE-DB-YYYY-NNNNN` of the fund: one more than the highest of the year (not the count, which a
   * number out of sequence would repeat). The caller holds the fund's row lock, so two issues of one fund take
   * turns and never draw the same number; codes are unique, so funds never collide.
   */
  async nextContractNumber(tx: EntityManager, fundId: string, fundCode: string, year: number): Promise<string> {
    const prefix = `${fundCode}-DB-${year}-`;
    const [row] = (await tx.query(
      `SELECT COALESCE(MAX(right(contract_number, -$3::int)::int), 0) AS n
         FROM guarantees
        WHERE fund_id = $1 AND starts_with(contract_number, $2) AND right(contract_number, -$3::int) ~ '^[0-9]{1,9}$'`,
      [fundId, prefix, prefix.length],
    )) as { n: number }[];
    return `${prefix}${String(row.n + 1).padStart(5, '0')}`;
  }

  /** Guarantees issued (not cancelled): how many, how much, how many still active. */
  async issuedTotals(tx: EntityManager, fundId: string): Promise<{ count: number; amountFen: bigint; active: number }> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS count, COALESCE(SUM(amount_fen), 0)::text AS amount,
              (count(*) FILTER (WHERE status = 'ACTIVE'))::int AS active
         FROM guarantees WHERE fund_id = $1 AND status <> 'CANCELLED'`,
      [fundId],
    )) as { count: number; amount: string; active: number }[];
    return { count: row.count, amountFen: BigInt(row.amount), active: row.active };
  }

  /** Loans made under the fund's guarantees. */
  async loanIdsOf(tx: EntityManager, fundId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT loan_id FROM guarantees WHERE fund_id = $1 AND loan_id IS NOT NULL AND status <> 'CANCELLED'`,
      [fundId],
    )) as { loan_id: string }[];
    return rows.map((r) => r.loan_id);
  }

  /** Keyset page by contract number; bank officers see their bank's guarantees, others their region's. */
  list(
    tx: EntityManager,
    scope: Scope,
    filter: GuaranteeFilter,
    limit: number,
    afterContract?: string,
  ): Promise<Guarantee[]> {
    const qb = tx.createQueryBuilder(Guarantee, 'g');
    applyScope(qb, scope, { region: 'g.region_code', organisation: 'g.bank_organisation_id' });
    if (filter.fundId) qb.andWhere('g.fund_id = :fundId', { fundId: filter.fundId });
    if (filter.status) qb.andWhere('g.status = :status', { status: filter.status });
    if (filter.applicationId) qb.andWhere('g.application_id = :app', { app: filter.applicationId });
    if (filter.loanId) qb.andWhere('g.loan_id = :loan', { loan: filter.loanId });
    if (afterContract) qb.andWhere('g.contract_number > :after', { after: afterContract });
    return qb.orderBy('g.contract_number', 'ASC').limit(limit).getMany();
  }
}
