import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditLog, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { BadInputError, ConflictError, RuleViolationError, isUniqueViolation } from '@mla/core';
import { OutboxRepository, QueueName, ReconciliationJob } from '@mla/queue';
import { effectiveMapping } from '../accounts/bank-account.entity';
import { BankAccountService } from '../accounts/bank-account.service';
import { ReconciliationErrorCode } from '../errors';
import { visibleImport } from './import-access';
import { sniffFormat } from '../parsers';
import { StatementFormat } from '../parsers/statement-types';
import { ImportStatus } from './import-status';
import type { StatementImport } from './statement-import.entity';
import { StatementRepository } from './statement.repository';
import { refusedUploadNote } from './statement-lines';

/** Stored chunk size: the file is written and read back one chunk at a time. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Takes a statement file as a stream: stores it in chunks with its SHA-256, refuses content already imported for
 * the account, and queues the import job (through the outbox, in the same transaction).
 */
@Injectable()
export class StatementUploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statements: StatementRepository,
    private readonly accounts: BankAccountService,
    private readonly outbox: OutboxRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async upload(
    actor: Actor,
    accountId: string,
    file: { fileName: string; stream: Readable; format?: StatementFormat | null },
  ): Promise<StatementImport> {
    this.access.assertCan(actor, Permission.STATEMENT_IMPORT);
    const account = await this.accounts.visible(actor, accountId);
    const fileName = (file.fileName ?? '').trim().slice(0, 255) || 'statement';
    const maxBytes = this.config.env.STATEMENT_MAX_MIB * 1024 * 1024;
    // Staged: the import row and each chunk commit on their own, so no transaction stays open while the client
    // sends the file; one short transaction then checks the content and queues the import.
    const placeholder = createHash('sha256').update(`pending:${randomUUID()}`).digest('hex');
    const created = await this.statements.insertImport(this.dataSource.manager, {
      bankAccountId: account.id,
      bankOrganisationId: account.bankOrganisationId,
      regionCode: account.regionCode,
      fileName,
      format: file.format ?? account.format ?? StatementFormat.CSV,
      contentSha256: placeholder,
      sizeBytes: '0',
      status: ImportStatus.UPLOADING,
      linesRead: 0,
      linesStored: 0,
      linesAlreadyKnown: 0,
      linesMatched: 0,
      matchCursorLineId: null,
      progressAt: null,
      runs: 1,
      filePurgedAt: null,
      errorMessage: null,
      errorLine: null,
      errorField: null,
      openingBalanceFen: null,
      closingBalanceFen: null,
      periodFrom: null,
      periodTo: null,
      uploadedByUserId: actor.userId,
      finishedAt: null,
    });
    try {
      const { sha256, size, head } = await this.storeChunks(created.id, file.stream, maxBytes);
      if (size === 0 || !head) {
        throw new BadInputError(ReconciliationErrorCode.FILE_EMPTY, `${fileName} is empty`, { field: 'file' });
      }
      const format = file.format ?? account.format ?? sniffFormat(head, fileName);
      if (!format) {
        throw new BadInputError(ReconciliationErrorCode.UNKNOWN_FORMAT, `The format of ${fileName} is not recognised`, {
          field: 'format',
        });
      }
      if ((format === StatementFormat.CSV || format === StatementFormat.XLSX) && !effectiveMapping(account)) {
        throw new RuleViolationError(
          ReconciliationErrorCode.MAPPING_REQUIRED,
          `The account has no column mapping for ${format} statements; save one first`,
          { field: 'columnMapping' },
        );
      }
      return await this.dataSource.transaction(async (tx) => {
        const earlier = await this.statements.findImportByContent(tx, account.id, sha256, created.id);
        if (earlier) {
          throw new ConflictError(
            ReconciliationErrorCode.ALREADY_IMPORTED,
            `This file was imported already (${earlier.fileName}, import ${earlier.id}); nothing was changed`,
            { importId: earlier.id },
          );
        }
        try {
          await this.statements.updateImport(tx, created.id, {
            contentSha256: sha256,
            sizeBytes: String(size),
            format,
            status: ImportStatus.QUEUED,
          });
        } catch (error) {
          // The same file uploaded twice at once: the unique index lets one through.
          if (isUniqueViolation(error, 'uq_statement_imports_content')) {
            throw new ConflictError(
              ReconciliationErrorCode.ALREADY_IMPORTED,
              'This file is being imported already',
              {},
            );
          }
          throw error;
        }
        await this.outbox.enqueue(
          tx,
          QueueName.RECONCILIATION,
          ReconciliationJob.IMPORT_STATEMENT,
          { importId: created.id },
          `import-${created.id}`,
        );
        const stored = (await this.statements.findImport(tx, created.id)) as StatementImport;
        await this.audit.record(tx, {
          action: 'statement.uploaded',
          entityType: 'statement_import',
          entityId: created.id,
          after: { ...stored },
        });
        return stored;
      });
    } catch (error) {
      // Nothing of a refused or broken upload is kept but the row that says so.
      await this.dataSource.transaction((tx) =>
        this.statements.discardUpload(tx, created.id, refusedUploadNote(error)),
      );
      throw error;
    }
  }

  /** Writes the stream in chunks of CHUNK_BYTES, each committed on its own; hashes and measures it on the way. */
  private async storeChunks(importId: string, stream: Readable, maxBytes: number) {
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let head: Buffer | null = null;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await this.statements.insertChunk(this.dataSource.manager, importId, seq++, Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    };
    for await (const piece of stream) {
      const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
      size += buf.length;
      if (size > maxBytes) {
        throw new RuleViolationError(
          ReconciliationErrorCode.FILE_TOO_LARGE,
          `The file is larger than ${this.config.env.STATEMENT_MAX_MIB} MiB`,
          { field: 'file', maxMiB: this.config.env.STATEMENT_MAX_MIB },
        );
      }
      head ??= buf.subarray(0, 4096);
      hash.update(buf);
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    return { sha256: hash.digest('hex'), size, head };
  }

  /** Housekeeping (a scheduled job): uploads that stopped arriving more than `minutes` ago are given up. */
  discardStaleUploads(minutes: number): Promise<number> {
    return this.dataSource.transaction((tx) => this.statements.discardStaleUploads(tx, minutes));
  }

  /** Housekeeping: raw files of finished imports past STATEMENT_FILE_RETENTION_DAYS (and any still in clear) go. */
  purgeFiles(): Promise<number> {
    return this.dataSource.transaction((tx) =>
      this.statements.purgeFiles(tx, this.config.env.STATEMENT_FILE_RETENTION_DAYS),
    );
  }

  async get(actor: Actor, importId: string): Promise<StatementImport> {
    this.access.assertCan(actor, Permission.RECONCILIATION_READ);
    return visibleImport(
      this.access,
      actor,
      importId,
      await this.statements.findImport(this.dataSource.manager, importId),
    );
  }

  async list(actor: Actor, accountId: string, limit = 50): Promise<StatementImport[]> {
    const account = await this.accounts.get(actor, accountId);
    return this.statements.importsOf(this.dataSource.manager, account.id, limit);
  }
}
