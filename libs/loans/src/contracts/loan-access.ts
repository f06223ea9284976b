import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, type Actor } from '@mla/auth';
import { NotFoundError } from '@mla/core';
import { LoanErrorCode } from '../errors';
import type { Loan } from './loan.entity';
import { LoanRepository } from './loan.repository';

/** The one way loan use cases load a loan for an actor: absent and out-of-scope loans both answer 404. */
@Injectable()
export class LoanAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly access: AccessPolicy,
  ) {}

  /** The loan if the actor may see it, under its row lock in the caller's transaction. */
  async lockVisible(tx: EntityManager, actor: Actor, loanId: string): Promise<Loan> {
    return this.visible(actor, loanId, await this.loans.lockById(tx, loanId));
  }

  /** The loan if the actor may see it, read outside any transaction. */
  async readVisible(actor: Actor, loanId: string): Promise<Loan> {
    return this.visible(actor, loanId, await this.loans.findById(this.dataSource.manager, loanId));
  }

  private visible(actor: Actor, loanId: string, loan: Loan | null): Loan {
    if (!loan) throw loanNotFound(loanId);
    this.access.assertCanSee(
      actor,
      { regionCode: loan.regionCode, bankOrganisationId: loan.bankOrganisationId },
      'Loan',
      loan.id,
    );
    return loan;
  }
}

export function loanNotFound(id: string): NotFoundError {
  return new NotFoundError(LoanErrorCode.LOAN_NOT_FOUND, `Loan ${id} not found`, { id });
}
