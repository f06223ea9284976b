import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { Clock, DEFAULT_PAGE_SIZE, decodeCursor, toPage, type Page } from '@mla/core';
import type { Installment } from './installment.entity';
import { InstallmentRepository } from './installment.repository';
import { LoanAccess } from './loan-access';
import type { Loan } from './loan.entity';
import { LoanRepository, type LoanFilter } from './loan.repository';
import { installmentsOn, loanStatusOn, summarizeLoan, type LoanSummary } from './loan-summary';

/** Reading loans: one with its schedule and summary, and keyset pages within the actor's scope. */
@Injectable()
export class LoanQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loans: LoanRepository,
    private readonly installments: InstallmentRepository,
    private readonly loanAccess: LoanAccess,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, loanId: string): Promise<{ loan: Loan; installments: Installment[]; summary: LoanSummary }> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const loan = await this.loanAccess.readVisible(actor, loanId);
    const today = this.clock.today();
    // As of today, whether or not the nightly close has run.
    const installments = installmentsOn(await this.installments.ofLoan(this.dataSource.manager, loanId), loan, today);
    return {
      loan: { ...loan, status: loanStatusOn(loan, installments) },
      installments,
      summary: summarizeLoan(installments, loan, today),
    };
  }

  async list(actor: Actor, filter: LoanFilter, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Loan>> {
    this.access.assertCan(actor, Permission.LOAN_READ);
    const after = cursor
      ? decodeCursor<{ contractNumber: string }>(cursor, ['contractNumber']).contractNumber
      : undefined;
    const rows = await this.loans.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (l) => ({ contractNumber: l.contractNumber }));
  }
}
