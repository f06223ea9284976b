import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, SessionService } from '@mla/auth';
import { AppConfig } from '@mla/config';
import {
  DomainError,
  MAX_FEN,
  PiiCipher,
  maskBankAccount,
  normalizeBankAccount,
  runOutsideTransaction,
} from '@mla/core';
import { BANK_ACCOUNT_INDEX_CONTEXT } from '@mla/loans';
import { BankAccount } from '../accounts/bank-account.entity';
import { MatchingService } from '../matching/matching.service';
import { parseStatement } from '../parsers';
import type { ParsedLine, StatementSummary } from '../parsers/statement-types';
import { StatementParseError } from '../parsers/statement-parse-error';
import { UNSTORABLE_TEXT } from '../parsers/tabular-statement';
import { ImportStatus, LineOutcome } from './import-status';
import type { StatementImport } from './statement-import.entity';
import { StatementRepository, type NewLine } from './statement.repository';

const BATCH = 2000;
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
  /** When the import failed: the file is bad (retrying cannot help), and the message says what and where. */
  errorMessage?: string | null;
}

export interface ImportProgress {
  phase: 'storing' | 'matching';
  linesRead: number;
  linesMatched?: number;
}

/**
 * The import job: parses the stored file as a stream and stores its lines in one transaction (a file that fails
 * midway keeps nothing, and the import says what and where), then matches them a chunk at a time. It can be
 * stopped anywhere and run again any number of times: a finished import changes nothing, storing (all or nothing)
 * starts over, matching continues with the lines still PENDING (progress and cursor on the import), and a credit
 * already posted is recognised by its keyed reference, never posted twice.
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
    private readonly config: AppConfig,
  ) {}

  /** Null when there is no such import (nothing to do). */
  async run(
    importId: string,
    onProgress: (progress: ImportProgress) => Promise<unknown> = async () => undefined,
  ): Promise<ImportOutcome | null> {
    const found = await this.statements.findImport(this.dataSource.manager, importId);
    if (!found) return null;
    if (found.status === ImportStatus.FAILED || found.status === ImportStatus.UPLOADING)
      return this.outcomeOf(found, {});
    const account = await this.dataSource.manager.findOneOrFail(BankAccount, { where: { id: found.bankAccountId } });
    if (found.status !== ImportStatus.IMPORTED) {
      await this.statements.moveImport(
        this.dataSource.manager,
        importId,
        [ImportStatus.QUEUED, ImportStatus.PROCESSING],
        ImportStatus.PROCESSING,
      );
      try {
        await this.storeLines(found, account, onProgress);
      } catch (error) {
        const bad = badFileError(error);
        if (!bad) throw error; // a passing fault: the job is tried again
        await this.statements.updateImport(this.dataSource.manager, importId, {
          status: ImportStatus.FAILED,
          errorMessage: bad.message,
          errorLine: bad.line,
          errorField: bad.field,
          finishedAt: new Date(),
        });
        await this.dataSource.transaction((tx) =>
          this.audit.record(tx, {
            action: 'statement.import_failed',
            entityType: 'statement_import',
            entityId: importId,
            after: { error: bad.message, line: bad.line, field: bad.field },
          }),
        );
        return this.outcomeOf(
          (await this.statements.findImport(this.dataSource.manager, importId)) as StatementImport,
          {},
        );
      }
    }
    const actor = await this.sessions.actorOf(found.uploadedByUserId);
    const stored = (await this.statements.findImport(this.dataSource.manager, importId)) as StatementImport;
    let matched = stored.linesMatched;
    const outcomes = await this.matching.matchImport(importId, account, actor, async (p) => {
      matched += p.lines;
      await onProgress({ phase: 'matching', linesRead: stored.linesRead, linesMatched: matched });
    });
    // Matched in full: a message of an earlier stopped run no longer holds.
    await this.statements.updateImport(this.dataSource.manager, importId, {
      finishedAt: new Date(),
      errorMessage: null,
      progressAt: new Date(),
    });
    if (this.config.env.STATEMENT_FILE_RETENTION_DAYS === 0) {
      await this.dataSource.transaction((tx) => this.statements.purgeFiles(tx, 0, importId));
    }
    return this.outcomeOf(
      (await this.statements.findImport(this.dataSource.manager, importId)) as StatementImport,
      outcomes,
    );
  }

  /** The bank whose import it is (imports of one bank run one at a time); null when there is no such import. */
  async bankOf(importId: string): Promise<string | null> {
    return (await this.statements.findImport(this.dataSource.manager, importId))?.bankOrganisationId ?? null;
  }

  /**
   * After the job's last attempt failed on a fault that is not the file's (the database, the queue): the import
   * says it stopped, in words for the bank (the fault itself is in the log under `reference`), and stays
   * resumable: the housekeeping job or an admin's re-run continues it. A FAILED import keeps its own message.
   */
  async markStopped(importId: string, reference: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE statement_imports SET error_message = $2 WHERE id = $1 AND status <> 'FAILED'`,
      [
        importId,
        `The import stopped on a system fault and will be resumed (reference ${reference}); nothing needs to be uploaded again`,
      ],
    );
  }

  private async storeLines(
    imp: StatementImport,
    account: BankAccount,
    onProgress: (progress: ImportProgress) => Promise<unknown>,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // Two runs of one import (a redelivered job) take turns; the second finds the lines stored and stops.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('statement-import:' || $1))`, [imp.id]);
      if ((await this.statements.findImport(tx, imp.id))?.status !== ImportStatus.PROCESSING) return;
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
          await runOutsideTransaction(() =>
            this.statements.updateImport(this.dataSource.manager, imp.id, { linesRead: read, progressAt: new Date() }),
          );
          await onProgress({ phase: 'storing', linesRead: read });
        }
      }
      await flush();
      await this.statements.linkDuplicates(tx, imp.id);
      const s = summary as StatementSummary | null;
      await this.statements.updateImport(tx, imp.id, {
        status: ImportStatus.IMPORTED,
        linesRead: read,
        linesStored: stored,
        linesAlreadyKnown: read - stored,
        openingBalanceFen: s?.openingBalanceFen ?? null,
        closingBalanceFen: s?.closingBalanceFen ?? null,
        periodFrom: s?.openingDate && (!from || s.openingDate < from) ? s.openingDate : from,
        periodTo: s?.closingDate && (!to || s.closingDate > to) ? s.closingDate : to,
        progressAt: new Date(),
      });
      await this.audit.record(tx, {
        action: 'statement.imported',
        entityType: 'statement_import',
        entityId: imp.id,
        after: { linesRead: read, linesStored: stored, linesAlreadyKnown: read - stored },
      });
      await onProgress({ phase: 'storing', linesRead: read });
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
    assertStorable(line);
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
      errorMessage: imp.errorMessage,
      importId: imp.id,
      status: imp.status,
      linesRead: imp.linesRead,
      linesStored: imp.linesStored,
      linesAlreadyKnown: imp.linesAlreadyKnown,
      outcomes,
    };
  }
}

/** The fields of a parsed line as the bank sees them, for errors that name a field. */
const TEXT_FIELDS = [
  'bankTransactionId',
  'currency',
  'counterpartyName',
  'counterpartyAccount',
  'reference',
  'description',
] as const;

/**
 * Whatever the format, nothing reaches the database that it would refuse with its own words: text holding a NUL
 * or no valid UTF-8, or an amount beyond a bigint. The file is refused naming the line and the field.
 */
export function assertStorable(line: ParsedLine): void {
  for (const field of TEXT_FIELDS) {
    const value = line[field];
    if (value && UNSTORABLE_TEXT.test(value)) {
      throw new StatementParseError('the value holds a NUL byte or characters that are not valid text', {
        line: line.lineNumber,
        field,
      });
    }
  }
  for (const [field, fen] of [
    ['amount', line.amountFen],
    ['balance', line.balanceAfterFen],
  ] as const) {
    if (fen !== null && (fen > MAX_FEN || fen < -MAX_FEN)) {
      throw new StatementParseError('the amount is out of range', { line: line.lineNumber, field });
    }
  }
}

/** A message quoting the file may quote its bad bytes: shown escaped, so that the message itself can be stored. */
function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE_TEXT.source, 'g'), (c) => (c === '\u0000' ? '\\0' : '\uFFFD'));
}

/** PostgreSQL's data exceptions (class 22) said in words for the bank, never in the database's own. */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'a value is longer than a statement field may be',
  '22003': 'an amount or number is out of range',
  '22007': 'a date is not valid',
  '22008': 'a date is out of range',
  '22021': 'the file holds bytes that are not valid text in its encoding',
  '22P05': 'the file holds characters that cannot be stored',
};

/**
 * The failure is the file's (retrying cannot help): a domain error from parsing or validation, or a data
 * exception the database raised on a value of the file. Null for anything else (a passing fault).
 */
export function badFileError(error: unknown): { message: string; line: number | null; field: string | null } | null {
  if (error instanceof DomainError) {
    const where = (error.details ?? {}) as { line?: number; field?: string };
    return {
      message: storableText(error.message).slice(0, 2000),
      line: where.line ?? null,
      field: where.field === undefined ? null : storableText(where.field).slice(0, 100),
    };
  }
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.code ?? failed?.driverError?.code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return {
      message: `The file could not be stored: ${DATA_EXCEPTIONS[code] ?? 'a value is not valid'}`,
      line: null,
      field: null,
    };
  }
  return null;
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
