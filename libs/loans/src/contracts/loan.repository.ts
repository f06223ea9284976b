import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applyScope, type Scope } from '@mla/auth';
import { Loan } from './loan.entity';
import type { LoanStatus } from './loan-status';

export interface LoanFilter {
  status?: LoanStatus;
  bankOrganisationId?: string;
  regionCode?: string;
  applicantId?: string;
}

@Injectable()
export class LoanRepository {
  findById(tx: EntityManager, id: string): Promise<Loan | null> {
    return tx.findOne(Loan, { where: { id } });
  }

  lockById(tx: EntityManager, id: string): Promise<Loan | null> {
    return tx.findOne(Loan, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByApplication(tx: EntityManager, applicationId: string): Promise<Loan | null> {
    return tx.findOne(Loan, { where: { applicationId } });
  }

  findByContractNumber(tx: EntityManager, contractNumber: string): Promise<Loan | null> {
    return tx.findOne(Loan, { where: { contractNumber }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, values: Omit<Loan, 'id' | 'createdAt' | 'updatedAt' | 'daysPastDue'>): Promise<Loan> {
    const result = await tx.insert(Loan, values);
    return tx.findOneOrFail(Loan, { where: { id: result.identifiers[0].id as string } });
  }

  async update(tx: EntityManager, id: string, patch: Partial<Loan>): Promise<Loan> {
    await tx.update(Loan, { id }, patch);
    return tx.findOneOrFail(Loan, { where: { id } });
  }

  /** Keyset page by contract number. Bank officers see their bank's loans, others their region's. */
  list(tx: EntityManager, scope: Scope, filter: LoanFilter, limit: number, afterContract?: string): Promise<Loan[]> {
    const qb = tx.createQueryBuilder(Loan, 'l');
    applyScope(qb, scope, { region: 'l.region_code', organisation: 'l.bank_organisation_id' });
    if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
    if (filter.bankOrganisationId) qb.andWhere('l.bank_organisation_id = :bank', { bank: filter.bankOrganisationId });
    if (filter.regionCode) qb.andWhere('l.region_code LIKE :region', { region: `${filter.regionCode}%` });
    if (filter.applicantId) qb.andWhere('l.applicant_id = :applicant', { applicant: filter.applicantId });
    if (afterContract) qb.andWhere('l.contract_number > :after', { after: afterContract });
    return qb.orderBy('l.contract_number', 'ASC').limit(limit).getMany();
  }
}
