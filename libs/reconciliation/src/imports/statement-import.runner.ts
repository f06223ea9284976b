import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog, SessionService } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { PiiCipher, renderMessage, runOutsideTransaction } from '@mla/core';
import { IMPORT_NOTES } from '../messages';
import { BankAccount, effectiveMapping } from '../accounts/bank-account.entity';
import { MatchingService } from '../matching/matching.service';
import { parseStatement, statementLimitsFrom } from '../parsers';
import type { StatementSummary } from '../parsers/statement-types';
import { AccountCheck } from './account-check';
import { ImportStatus } from './import-status';
import type { StatementImport } from './statement-import.entity';
import { badFileError, lineRow } from './statement-lines';
import { StatementRepository, type NewLine } from './statement.repository';

const BATCH = 2000;
const PROGRESS_EVERY = 5000;

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
            // Where, not what: the message may quote a cell of the file, and the audit is kept for good.
            after: { line: bad.line, field: bad.field },
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
      [importId, renderMessage(IMPORT_NOTES.stoppedOnFault, 'zh-CN', { reference })],
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
      // Storing a large file keeps this transaction open while the parser reads ahead (an XLSX may read its shared
      // strings before its first row): the session's idle-in-transaction limit is lifted for this transaction only.
      await tx.query(`SET LOCAL idle_in_transaction_session_timeout = 0`);
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
      const events = parseStatement(
        this.statements.fileStream(imp.id),
        imp.format,
        effectiveMapping(account) ?? undefined,
        {
          defaultCurrency: account.currency,
          limits: statementLimitsFrom(this.config.env),
        },
      );
      const accountCheck = new AccountCheck(account.accountNumber);
      for await (const event of events) {
        if (event.kind === 'summary') {
          summary = event.summary;
          continue;
        }
        const line = event.line;
        if (!accountCheck.keeps(line)) continue;
        read += 1;
        if (!from || line.bookingDate < from) from = line.bookingDate;
        if (!to || line.bookingDate > to) to = line.bookingDate;
        batch.push(lineRow(this.cipher, imp, line, seenTransactions, seenContent));
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
      accountCheck.finish(summary);
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
