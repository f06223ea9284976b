import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { BadInputError, InvalidStateError, Money, NotFoundError } from '@mla/core';
import { LoanLookupService, LoanPostingPort } from '@mla/loans';
import type { BankAccount } from '../accounts/bank-account.entity';
import { BankAccountService } from '../accounts/bank-account.service';
import { ReconciliationErrorCode } from '../errors';
import { EXCEPTION_OUTCOMES, LineOutcome } from '../imports/import-status';
import { LOAN_CURRENCY } from '../matching/match-rules';
import type { StatementLine } from '../imports/statement-line.entity';
import { StatementRepository } from '../imports/statement.repository';
import { postingReferenceOf } from '../matching/match-rules';

export type Resolution =
  | { action: 'NOT_OURS'; reason: string }
  | { action: 'LINK'; reason: string; loanId: string }
  | { action: 'SPLIT'; reason: string; parts: { loanId: string; amountYuan: string }[] }
  | { action: 'CORRECT'; reason: string };

/** Resolving an exception of the worklist by hand, with a reason: closed, linked, split or corrected. */
@Injectable()
export class ExceptionResolutionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BankAccountService,
    private readonly statements: StatementRepository,
    private readonly lookup: LoanLookupService,
    private readonly postings: LoanPostingPort,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Resolves an exception with a reason: NOT_OURS closes it; LINK posts a credit as a repayment of the named loan;
   * SPLIT posts it as repayments of several loans, in parts that add up to it (each part posts once); CORRECT, for a
   * repayment whose amount differs, reverses ours and posts the bank's amount. Audited.
   */
  async resolve(actor: Actor, lineId: string, resolution: Resolution): Promise<StatementLine> {
    this.access.assertCan(actor, Permission.RECONCILIATION_RESOLVE);
    if (!resolution.reason?.trim()) {
      throw new BadInputError(ReconciliationErrorCode.REASON_REQUIRED, 'reason is required to resolve a line', {
        field: 'reason',
      });
    }
    const notFound = () =>
      new NotFoundError(ReconciliationErrorCode.LINE_NOT_FOUND, `Statement line ${lineId} not found`, { id: lineId });
    const found = await this.statements.findLine(this.dataSource.manager, lineId);
    if (!found) throw notFound();
    const account = await this.accounts.visible(actor, found.bankAccountId).catch(() => {
      throw notFound();
    });
    const reason = resolution.reason.trim();
    // One transaction: the line is locked and checked first, and its postings commit (or not) with its new outcome.
    return this.dataSource.transaction(async (tx) => {
      const before = (await this.statements.lockLine(tx, lineId)) as StatementLine;
      if (!EXCEPTION_OUTCOMES.includes(before.outcome)) {
        throw new InvalidStateError(
          ReconciliationErrorCode.INVALID_RESOLUTION,
          `Line ${lineId} is ${before.outcome}; only open exceptions are resolved`,
        );
      }
      if (resolution.action !== 'NOT_OURS' && (before.currency ?? LOAN_CURRENCY) !== LOAN_CURRENCY) {
        // A foreign-currency amount is never posted to a loan as if it were yuan.
        throw new InvalidStateError(
          ReconciliationErrorCode.INVALID_RESOLUTION,
          `Line ${lineId} is in ${before.currency}; only NOT_OURS applies (loans are in ${LOAN_CURRENCY})`,
        );
      }
      const patch = await this.resolution(tx, actor, account, before, resolution);
      await this.statements.updateLine(tx, lineId, { ...patch, note: reason, resolvedByUserId: actor.userId });
      const after = (await this.statements.lockLine(tx, lineId)) as StatementLine;
      await this.audit.record(tx, {
        action: `statement_line.${resolution.action.toLowerCase()}`,
        entityType: 'statement_line',
        entityId: lineId,
        before: { outcome: before.outcome, accountId: account.id },
        after: {
          outcome: after.outcome,
          loanId: after.matchedLoanId,
          repaymentId: after.matchedRepaymentId,
          splitRepaymentIds: after.splitRepaymentIds,
          reason,
        },
      });
      return after;
    });
  }

  private async resolution(
    tx: EntityManager,
    actor: Actor,
    account: BankAccount,
    line: StatementLine,
    resolution: Resolution,
  ): Promise<Partial<StatementLine>> {
    const post = (loanId: string, amountFen: bigint, externalReference: string) =>
      this.postings.post(
        actor,
        loanId,
        {
          amountYuan: Money.ofFen(amountFen).toYuanString(),
          valueDate: line.valueDate ?? line.bookingDate,
          channel: 'STATEMENT_IMPORT',
          externalReference,
        },
        tx,
      );
    switch (resolution.action) {
      case 'NOT_OURS':
        return { outcome: LineOutcome.NOT_OURS };
      case 'LINK': {
        if (line.amountFen <= 0n || line.matchedRepaymentId) {
          throw new BadInputError(
            ReconciliationErrorCode.INVALID_RESOLUTION,
            line.matchedRepaymentId
              ? 'This line matches a repayment already; use CORRECT when the amounts differ'
              : 'Only a credit can be linked to a loan as a repayment',
            { field: 'action' },
          );
        }
        await this.loanOfAccountBank(tx, account, resolution.loanId, 'loanId');
        const { repayment } = await post(resolution.loanId, line.amountFen, postingReferenceOf(line));
        return {
          outcome: LineOutcome.MATCHED,
          matchTier: 3,
          matchRule: 'LINKED_BY_HAND',
          matchedKind: 'REPAYMENT',
          matchedLoanId: resolution.loanId,
          matchedRepaymentId: repayment.id,
        };
      }
      case 'SPLIT': {
        const parts = resolution.parts ?? [];
        const amounts = parts.map((p, i) => {
          const money = Money.ofYuan(p.amountYuan);
          if (!money.isPositive()) {
            throw new BadInputError(
              ReconciliationErrorCode.INVALID_AMOUNT,
              `parts[${i}].amountYuan must be more than zero`,
              {
                field: `parts[${i}].amountYuan`,
              },
            );
          }
          return money.fen;
        });
        const total = amounts.reduce((a, b) => a + b, 0n);
        if (line.amountFen <= 0n || line.matchedRepaymentId || parts.length < 2 || total !== line.amountFen) {
          throw new BadInputError(
            ReconciliationErrorCode.INVALID_RESOLUTION,
            `A split needs a credit not matched yet, and at least two parts adding up to ${Money.ofFen(line.amountFen).toYuanString()} (they add up to ${Money.ofFen(total).toYuanString()})`,
            {
              field: 'parts',
              lineYuan: Money.ofFen(line.amountFen).toYuanString(),
              partsYuan: Money.ofFen(total).toYuanString(),
            },
          );
        }
        const ids: string[] = [];
        for (const [i, part] of parts.entries()) {
          await this.loanOfAccountBank(tx, account, part.loanId, `parts[${i}].loanId`);
          const { repayment } = await post(
            part.loanId,
            amounts[i],
            `${postingReferenceOf(line)}-${i + 1}`.slice(0, 100),
          );
          ids.push(repayment.id);
        }
        return {
          outcome: LineOutcome.MATCHED,
          matchTier: 3,
          matchRule: 'SPLIT_BY_HAND',
          matchedKind: 'REPAYMENT',
          matchedLoanId: null,
          matchedRepaymentId: null,
          splitRepaymentIds: ids,
        };
      }
      case 'CORRECT': {
        // The bank's amount is right: our repayment of that reference is reversed and the bank's amount posted.
        if (
          line.outcome !== LineOutcome.AMOUNT_DIFFERS ||
          line.matchedKind !== 'REPAYMENT' ||
          !line.matchedRepaymentId
        ) {
          throw new BadInputError(
            ReconciliationErrorCode.INVALID_RESOLUTION,
            'A correction applies to a repayment whose amount differs from the bank’s; a disbursement’s amount is the contract’s',
            { field: 'action' },
          );
        }
        await this.postings.reverse(
          actor,
          line.matchedRepaymentId,
          `statement line ${line.id}: ${resolution.reason.trim()}`,
          tx,
        );
        const { repayment } = await post(line.matchedLoanId as string, line.amountFen, postingReferenceOf(line));
        return { outcome: LineOutcome.MATCHED, matchRule: 'CORRECTED_BY_HAND', matchedRepaymentId: repayment.id };
      }
      default:
        throw new BadInputError(
          ReconciliationErrorCode.INVALID_RESOLUTION,
          'action must be NOT_OURS, LINK, SPLIT or CORRECT',
          { field: 'action' },
        );
    }
  }

  /** A statement's credits only repay loans of the statement's bank (404 otherwise, as for any loan out of reach). */
  private async loanOfAccountBank(
    tx: EntityManager,
    account: BankAccount,
    loanId: string,
    field: string,
  ): Promise<void> {
    const loan = loanId ? await this.lookup.loanById(loanId, tx) : null;
    if (!loan || loan.bankOrganisationId !== account.bankOrganisationId) {
      throw new NotFoundError(
        ReconciliationErrorCode.LOAN_NOT_FOUND,
        `Loan ${loanId} of this account's bank not found`,
        { field },
      );
    }
  }
}
