import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@mla/auth';
import { BadInputError, LocalDate } from '@mla/core';
import { LoanLookupService } from '@mla/loans';
import { BankAccountService } from '../accounts/bank-account.service';
import { ReconciliationErrorCode } from '../errors';
import { EXCEPTION_OUTCOMES, LineOutcome } from '../imports/import-status';
import type { StatementLine } from '../imports/statement-line.entity';
import { StatementRepository } from '../imports/statement.repository';

export interface OutcomeTotal {
  count: number;
  creditsFen: bigint;
  debitsFen: bigint;
}

export interface ReconciliationReport {
  accountId: string;
  accountNumber: string;
  from: string;
  to: string;
  openingBalanceFen: bigint | null;
  closingBalanceFen: bigint | null;
  /** Per outcome of the statement lines in the period. */
  byOutcome: Record<string, OutcomeTotal>;
  /** Lines waiting for a person. */
  openExceptions: StatementLine[];
  /** Our records of the period that no statement line matched. */
  inSystemOnly: {
    disbursements: {
      loanId: string;
      contractNumber: string;
      valueDate: string | null;
      amountFen: bigint;
      reference: string | null;
    }[];
    repayments: { repaymentId: string; loanId: string; valueDate: string; amountFen: bigint; reference: string }[];
  };
}

/** The reconciliation report of an account and period, and the exceptions worklist. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BankAccountService,
    private readonly statements: StatementRepository,
    private readonly lookup: LoanLookupService,
  ) {}

  async report(actor: Actor, accountId: string, fromRaw: string, toRaw: string): Promise<ReconciliationReport> {
    const account = await this.accounts.get(actor, accountId);
    const from = LocalDate.parse(fromRaw).toString();
    const to = LocalDate.parse(toRaw).toString();
    if (to < from)
      throw new BadInputError(ReconciliationErrorCode.INVALID_DATE_RANGE, 'to must be on or after from', {
        field: 'to',
      });
    const lines = await this.statements.linesBetween(this.dataSource.manager, account.id, from, to);
    const byOutcome: Record<string, OutcomeTotal> = {};
    for (const outcome of Object.values(LineOutcome)) byOutcome[outcome] = { count: 0, creditsFen: 0n, debitsFen: 0n };
    for (const l of lines) {
      const t = byOutcome[l.outcome];
      t.count += 1;
      if (l.amountFen > 0n) t.creditsFen += l.amountFen;
      else t.debitsFen += -l.amountFen;
    }
    // Balances: from the lines' running balances where the bank gives them, else from the statements' own.
    const withBalance = lines.filter((l) => l.balanceAfterFen !== null);
    const imports = await this.statements.importsBetween(this.dataSource.manager, account.id, from, to);
    const openingBalanceFen = withBalance.length
      ? (withBalance[0].balanceAfterFen as bigint) - withBalance[0].amountFen
      : (imports[0]?.openingBalanceFen ?? null);
    const closingBalanceFen = withBalance.length
      ? (withBalance[withBalance.length - 1].balanceAfterFen as bigint)
      : (imports[imports.length - 1]?.closingBalanceFen ?? null);
    const ours = await this.lookup.recordsBetween([account.bankOrganisationId], from, to);
    const disbursed = new Set(lines.filter((l) => l.matchedKind === 'DISBURSEMENT').map((l) => l.matchedLoanId));
    const repaid = new Set(
      lines.flatMap((l) => [l.matchedRepaymentId, ...(l.splitRepaymentIds ?? [])]).filter(Boolean),
    );
    return {
      accountId: account.id,
      accountNumber: account.accountNumber,
      from,
      to,
      openingBalanceFen,
      closingBalanceFen,
      byOutcome,
      openExceptions: lines.filter((l) => EXCEPTION_OUTCOMES.includes(l.outcome)),
      inSystemOnly: {
        disbursements: ours.disbursements
          .filter((d) => !disbursed.has(d.id))
          .map((d) => ({
            loanId: d.id,
            contractNumber: d.contractNumber,
            valueDate: d.valueDate,
            amountFen: d.principalFen,
            reference: d.disbursementReference,
          })),
        repayments: ours.repayments
          .filter((r) => !repaid.has(r.id))
          .map((r) => ({
            repaymentId: r.id,
            loanId: r.loanId,
            valueDate: r.valueDate,
            amountFen: r.amountFen,
            reference: r.externalReference,
          })),
      },
    };
  }

  /** The exceptions worklist of an account: lines waiting for a person, oldest first. */
  async exceptions(actor: Actor, accountId: string, from = '1900-01-01', to = '2999-12-31'): Promise<StatementLine[]> {
    const account = await this.accounts.get(actor, accountId);
    return this.statements.linesBetween(
      this.dataSource.manager,
      account.id,
      LocalDate.parse(from).toString(),
      LocalDate.parse(to).toString(),
      EXCEPTION_OUTCOMES,
    );
  }
}
