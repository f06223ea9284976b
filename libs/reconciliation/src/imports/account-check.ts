import { ReconciliationErrorCode } from '../errors';
import { maskAccountIdentifier, sameAccount } from '../parsers/statement-account';
import { StatementParseError } from '../parsers/statement-parse-error';
import type { ParsedLine, StatementSummary } from '../parsers/statement-types';

/**
 * Keeps a statement to the chosen bank account. A file holding several accounts' statements (MT940 :25: blocks,
 * camt.053 Stmt) gives only the chosen account's lines; a file that names accounts, none of them the chosen one,
 * is refused naming both, masked. Account numbers never reach a log or an audit entry.
 */
export class AccountCheck {
  private matched = false;
  private other: string | null = null;
  private skipped = 0;

  constructor(private readonly chosen: string) {}

  /** Whether the line is the chosen account's (a line whose file says no account is). */
  keeps(line: ParsedLine): boolean {
    if (!line.statementAccount) return true;
    if (sameAccount(line.statementAccount, this.chosen)) {
      this.matched = true;
      return true;
    }
    this.other ??= line.statementAccount;
    this.skipped += 1;
    return false;
  }

  /** Lines of other accounts left out. */
  get skippedLines(): number {
    return this.skipped;
  }

  /** At the end of the file: refuses it when it is another account's. */
  finish(summary: StatementSummary | null): void {
    const named = summary?.accountIdentifier ?? null;
    if (named !== null && !sameAccount(named, this.chosen) && !this.matched) this.refuse(named);
    if (this.other !== null && !this.matched) this.refuse(this.other);
  }

  private refuse(fileAccount: string): never {
    const masked = { fileAccount: maskAccountIdentifier(fileAccount), account: maskAccountIdentifier(this.chosen) };
    throw new StatementParseError(
      `the statement is for account ${masked.fileAccount}, not ${masked.account}`,
      {},
      ReconciliationErrorCode.STATEMENT_ACCOUNT_MISMATCH,
      masked,
    );
  }
}
