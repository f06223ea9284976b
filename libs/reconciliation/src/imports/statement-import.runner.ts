import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, SessionService } from '@mla/auth';
import { DomainError, PiiCipher, maskBankAccount, normalizeBankAccount, runOutsideTransaction } from '@mla/core';
import { BANK_ACCOUNT_INDEX_CONTEXT } from '@mla/repayments';
import { BankAccount } from '../accounts/bank-account.entity';
import { MatchingService } from '../matching/matching.service';
import { parseStatement } from '../parsers';
import type { ParsedLine, StatementSummary } from '../parsers/statement-types';
import { ImportStatus, LineOutcome } from './import-status';
import type { StatementImport } from './statement-import.entity';
import { StatementRepository, type NewLine } from './statement.repository';

const BATCH = 500;
const PROGRESS_EVERY = 5000;
const COUNTERPARTY_CONTEXT = 'statement_lines.counterparty_account';
const DEDUPE_CONTEXT = 'statement-line-dedupe';

export interface ImportOutcome {
  importId: string;
  status: ImportStatus;
  linesRead: number;
  linesStored: number;
  linesAlreadyKnown: number;
  outcomes: Record<string, number>;
}

/**
 * The import job: parses the stored file as a stream and stores its lines in one transaction (a file that fails
 * midway keeps nothing, and the import says what and where), then matches them. Run again for the same import it
 * changes nothing: a finished import returns at once, lines are stored once per account, postings are idempotent.
 */
@Injectable()
export class StatementImportRunner {
  private readonly logger = new Logger(StatementImportRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementRepository,
    private readonly matching: MatchingService,
    private readonly sessions: SessionService,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLog,
  ) {}

  /** Null when there is no such import (nothing to do). */
  async run(
    importId: string,
    onProgress: (linesRead: number) => Promise<unknown> = async () => undefined,
  ): Promise<ImportOutcome | null> {
    const found = await this.statements.findImport(importId);
    if (!found) return null;
    if (found.status === ImportStatus.FAILED) return this.outcomeOf(found, {});
    const account = await this.dataSource.manager.findOneOrFail(BankAccount, { where: { id: found.bankAccountId } });
    if (found.status !== ImportStatus.IMPORTED) {
      await this.statements.moveImport(
        importId,
        [ImportStatus.QUEUED, ImportStatus.PROCESSING],
        ImportStatus.PROCESSING,
      );
      try {
        await this.storeLines(found, account, onProgress);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error; // a passing fault: the job is tried again
        const where = (error.details ?? {}) as { line?: number; field?: string };
        await this.statements.updateImport(importId, {
          status: ImportStatus.FAILED,
          errorMessage: error.message,
          errorLine: where.line ?? null,
          errorField: where.field ?? null,
          finishedAt: new Date(),
        });
        await this.dataSource.transaction((tx) =>
          this.audit.record(tx, {
            action: 'statement.import_failed',
            entityType: 'statement_import',
            entityId: importId,
            after: { error: error.message, line: where.line ?? null, field: where.field ?? null },
          }),
        );
        return this.outcomeOf((await this.statements.findImport(importId)) as StatementImport, {});
      }
    }
    const actor = await this.sessions.actorOf(found.uploadedByUserId);
    const outcomes = await this.matching.matchImport(importId, account, actor);
    await this.statements.updateImport(importId, { finishedAt: new Date() });
    return this.outcomeOf((await this.statements.findImport(importId)) as StatementImport, outcomes);
  }

  /** After the job's last attempt failed (not a bad file: the database or the queue): the import shows it. */
  async markFailed(importId: string, message: string): Promise<void> {
    const moved = await this.statements.moveImport(
      importId,
      [ImportStatus.QUEUED, ImportStatus.PROCESSING],
      ImportStatus.FAILED,
    );
    // Lines stored but not all matched: the import stays IMPORTED, says what failed, and its PENDING lines are on
    // the exceptions worklist.
    await this.statements.updateImport(importId, {
      errorMessage: (moved ? message : `matching stopped: ${message}`).slice(0, 2000),
      finishedAt: new Date(),
    });
  }

  private async storeLines(
    imp: StatementImport,
    account: BankAccount,
    onProgress: (linesRead: number) => Promise<unknown>,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Two runs of one import (a redelivered job) take turns; the second finds the lines stored and stops.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('statement-import:' || $1))`, [imp.id]);
      if ((await this.statements.findImport(imp.id, tx))?.status !== ImportStatus.PROCESSING) return;
      const seenTransactions = new Map<string, number>();
      const seenContent = new Map<string, number>();
      let batch: NewLine[] = [];
      let read = 0;
      let stored = 0;
      let summary: StatementSummary | null = null;
      let from: string | null = null;
      let to: string | null = null;
      const flush = async () => {
        stored += await this.statements.insertLines(tx, batch);
        batch = [];
      };
      const events = parseStatement(this.statements.fileStream(imp.id), imp.format, account.columnMapping ?? undefined);
      for await (const event of events) {
        if (event.kind === 'summary') {
          summary = event.summary;
          continue;
        }
        const line = event.line;
        read += 1;
        if (!from || line.bookingDate < from) from = line.bookingDate;
        if (!to || line.bookingDate > to) to = line.bookingDate;
        batch.push(this.lineRow(imp, line, seenTransactions, seenContent));
        if (batch.length >= BATCH) await flush();
        if (read % PROGRESS_EVERY === 0) {
          // Deliberately outside the transaction, on a connection of its own for one short update: the progress
          // must be visible while the import runs (a worker job, not a request; the pool wait bounds it).
          await runOutsideTransaction(() => this.statements.updateImport(imp.id, { linesRead: read }));
          await onProgress(read);
        }
      }
      await flush();
      await this.statements.linkDuplicates(tx, imp.id);
      const s = summary as StatementSummary | null;
      await this.statements.updateImport(
        imp.id,
        {
          status: ImportStatus.IMPORTED,
          linesRead: read,
          linesStored: stored,
          linesAlreadyKnown: read - stored,
          openingBalanceFen: s?.openingBalanceFen ?? null,
          closingBalanceFen: s?.closingBalanceFen ?? null,
          periodFrom: s?.openingDate && (!from || s.openingDate < from) ? s.openingDate : from,
          periodTo: s?.closingDate && (!to || s.closingDate > to) ? s.closingDate : to,
        },
        tx,
      );
      await this.audit.record(tx, {
        action: 'statement.imported',
        entityType: 'statement_import',
        entityId: imp.id,
        after: { linesRead: read, linesStored: stored, linesAlreadyKnown: read - stored },
      });
      await onProgress(read);
      this.logger.log(`statement import ${imp.id}: ${read} lines read, ${stored} stored`);
    });
  }

  /** A parsed line as a row: its dedupe key, an in-file duplicate marked, the counterparty account protected. */
  private lineRow(
    imp: StatementImport,
    line: ParsedLine,
    seenTransactions: Map<string, number>,
    seenContent: Map<string, number>,
  ): NewLine {
    let key: string;
    let outcome = LineOutcome.PENDING;
    if (line.bankTransactionId) {
      // Some banks reuse an id for different entries: the same id with the same date and amount is the duplicate.
      const id = `${line.bankTransactionId}|${line.bookingDate}|${line.amountFen}`;
      const n = (seenTransactions.get(id) ?? 0) + 1;
      seenTransactions.set(id, n);
      key = `txn|${id}${n > 1 ? `#${n}` : ''}`;
      if (n > 1) outcome = LineOutcome.DUPLICATE;
    } else {
      const content = [
        line.bookingDate,
        line.amountFen,
        line.counterpartyName,
        line.counterpartyAccount,
        line.reference,
        line.description,
      ].join('|');
      const n = (seenContent.get(content) ?? 0) + 1;
      seenContent.set(content, n);
      key = `line|${content}#${n}`;
    }
    const account = protectAccount(line.counterpartyAccount, this.cipher);
    return {
      importId: imp.id,
      bankAccountId: imp.bankAccountId,
      lineNumber: line.lineNumber,
      bankTransactionId: line.bankTransactionId?.slice(0, 100) ?? null,
      // Keyed, because the key is built from the counterparty's account number and ends up in posting references.
      dedupeKey: this.cipher.blindIndex(key, DEDUPE_CONTEXT),
      bookingDate: line.bookingDate,
      valueDate: line.valueDate,
      amountFen: line.amountFen,
      currency: line.currency?.slice(0, 3) ?? null,
      counterpartyName: line.counterpartyName?.slice(0, 200) ?? null,
      ...account,
      reference: line.reference?.slice(0, 200) ?? null,
      description: line.description?.slice(0, 500) ?? null,
      balanceAfterFen: line.balanceAfterFen,
      outcome,
      matchTier: null,
      matchRule: null,
      matchedKind: null,
      matchedLoanId: null,
      matchedRepaymentId: null,
      splitRepaymentIds: null,
      installmentsSettled: null,
      duplicateOfLineId: null,
      note: null,
      resolvedByUserId: null,
    };
  }

  private outcomeOf(imp: StatementImport, outcomes: Record<string, number>): ImportOutcome {
    return {
      importId: imp.id,
      status: imp.status,
      linesRead: imp.linesRead,
      linesStored: imp.linesStored,
      linesAlreadyKnown: imp.linesAlreadyKnown,
      outcomes,
    };
  }
}

/** A counterparty account is personal data: encrypted, masked; hashed when it is a whole account number. */
function protectAccount(raw: string | null, cipher: PiiCipher) {
  if (!raw)
    return { counterpartyAccountCiphertext: null, counterpartyAccountMasked: null, counterpartyAccountIndex: null };
  const normalized = wholeAccountNumber(raw);
  return {
    counterpartyAccountCiphertext: cipher.encrypt(raw, COUNTERPARTY_CONTEXT),
    counterpartyAccountMasked: normalized ? maskBankAccount(normalized) : raw.includes('*') ? raw.slice(0, 40) : '****',
    counterpartyAccountIndex: normalized ? cipher.blindIndex(normalized, BANK_ACCOUNT_INDEX_CONTEXT) : null,
  };
}

/** The account number in canonical form, or null when the bank masked it (6226******5669) or it is not one. */
function wholeAccountNumber(raw: string): string | null {
  try {
    return normalizeBankAccount(raw);
  } catch {
    return null;
  }
}
