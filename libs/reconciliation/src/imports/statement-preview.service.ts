import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AccessPolicy, Permission, type Actor } from '@mla/auth';
import { AppConfig } from '@mla/config';
import { BadInputError, DomainError, RuleViolationError, renderMessage, type Language } from '@mla/core';
import { effectiveMapping, type BankAccount } from '../accounts/bank-account.entity';
import { BankAccountService } from '../accounts/bank-account.service';
import { ReconciliationErrorCode } from '../errors';
import { RECONCILIATION_MESSAGES } from '../messages';
import { BANK_PRESETS, isMappingPreset } from '../parsers/bank-presets';
import { parseStatement, sniffFormat } from '../parsers/parse-statement';
import { StatementParseError } from '../parsers/statement-parse-error';
import { StatementFormat, type ColumnMapping, type ParsedLine } from '../parsers/statement-types';
import { mappingProblem } from '../parsers/tabular-statement';
import { AccountCheck } from './account-check';

export interface PreviewInput {
  stream: Readable;
  fileName?: string;
  format?: StatementFormat;
  /** A preset's code, or `mapping` (the bank's own), or neither: the account's saved mapping. */
  preset?: string;
  mapping?: ColumnMapping;
  /** The account the statement would be imported for: its mapping and account number are used. */
  accountId?: string;
  /** Lines to return (the whole sample is read for issues). */
  limit: number;
}

export interface PreviewIssue {
  line: number | null;
  field: string | null;
  code: string;
  /** In the caller's language (zh-CN by default). */
  message: string;
  /** The file would be refused as a whole (not only the row). */
  refusesFile: boolean;
}

export interface StatementPreview {
  format: StatementFormat;
  /** The first `limit` lines as they would be imported. */
  lines: ParsedLine[];
  /** Lines read in the whole sample. */
  linesRead: number;
  accountIdentifier: string | null;
  openingBalanceFen: bigint | null;
  closingBalanceFen: bigint | null;
  issues: PreviewIssue[];
}

const MAX_ISSUES = 50;

/**
 * Reads a sample statement with a mapping before it is saved: the first lines as an import would store them, and
 * every row it could not read, said in the user's language. The sample is held in memory (size-limited) and
 * nothing is stored or audited: a preview changes nothing.
 */
@Injectable()
export class StatementPreviewService {
  constructor(
    private readonly accounts: BankAccountService,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
  ) {}

  async preview(actor: Actor, input: PreviewInput, language: Language): Promise<StatementPreview> {
    this.access.assertCan(actor, Permission.STATEMENT_IMPORT);
    const account = input.accountId ? await this.accounts.visible(actor, input.accountId) : null;
    const mapping = this.mappingOf(input, account);
    const bytes = await this.sample(input.stream);
    const format = input.format ?? account?.format ?? sniffFormat(bytes.subarray(0, 4096), input.fileName);
    if (!format) {
      throw new BadInputError(ReconciliationErrorCode.UNKNOWN_FORMAT, 'The format of the sample is not recognised', {
        field: 'format',
      });
    }
    const tabular = format === StatementFormat.CSV || format === StatementFormat.XLSX;
    if (tabular && !mapping) {
      throw new BadInputError(ReconciliationErrorCode.MAPPING_REQUIRED, 'Give a preset or a column mapping', {
        field: 'mapping',
      });
    }
    const issues: PreviewIssue[] = [];
    const note = (error: DomainError, refusesFile: boolean) => {
      if (issues.length < MAX_ISSUES) issues.push(this.issueOf(error, refusesFile, language));
    };
    const lines: ParsedLine[] = [];
    let linesRead = 0;
    const result: StatementPreview = {
      format,
      lines,
      linesRead: 0,
      accountIdentifier: null,
      openingBalanceFen: null,
      closingBalanceFen: null,
      issues,
    };
    const check = account ? new AccountCheck(account.accountNumber) : null;
    try {
      const events = parseStatement(Readable.from([bytes]), format, tabular ? (mapping ?? undefined) : undefined, {
        defaultCurrency: account?.currency ?? 'CNY',
        onIssue: (issue) => note(issue.error, issue.line === null),
      });
      for await (const event of events) {
        if (event.kind === 'summary') {
          check?.finish(event.summary);
          result.accountIdentifier = event.summary.accountIdentifier;
          result.openingBalanceFen = event.summary.openingBalanceFen;
          result.closingBalanceFen = event.summary.closingBalanceFen;
          continue;
        }
        if (check && !check.keeps(event.line)) continue;
        linesRead += 1;
        if (lines.length < input.limit) lines.push(event.line);
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      note(error, true);
    }
    result.linesRead = linesRead;
    return result;
  }

  private mappingOf(input: PreviewInput, account: BankAccount | null): ColumnMapping | null {
    if (input.mapping) {
      const problem = mappingProblem(input.mapping);
      if (problem) {
        throw new BadInputError(ReconciliationErrorCode.INVALID_MAPPING, `mapping: ${problem}`, { field: 'mapping' });
      }
      return input.mapping;
    }
    if (input.preset) {
      if (!isMappingPreset(input.preset)) {
        throw new BadInputError(ReconciliationErrorCode.UNKNOWN_PRESET, `Unknown preset ${input.preset}`, {
          field: 'preset',
        });
      }
      return BANK_PRESETS[input.preset];
    }
    return account ? effectiveMapping(account) : null;
  }

  /** The sample's bytes, refused beyond STATEMENT_PREVIEW_MAX_KIB (the rest is not read). */
  private async sample(stream: Readable): Promise<Buffer> {
    const maxKiB = this.config.env.STATEMENT_PREVIEW_MAX_KIB;
    const pieces: Buffer[] = [];
    let size = 0;
    for await (const piece of stream) {
      const buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
      size += buffer.length;
      // Past the limit the rest is let through and dropped (so the client gets the answer), up to the size of a
      // whole statement; beyond that the connection is cut.
      if (size > this.config.env.STATEMENT_MAX_MIB * 1024 * 1024) break;
      if (size <= maxKiB * 1024) pieces.push(buffer);
    }
    if (size > maxKiB * 1024) {
      throw new RuleViolationError(
        ReconciliationErrorCode.FILE_TOO_LARGE,
        `A preview sample may be at most ${maxKiB} KiB; send the first rows only`,
        { field: 'file', maxMiB: Math.round((maxKiB / 1024) * 100) / 100 },
      );
    }
    if (size === 0)
      throw new BadInputError(ReconciliationErrorCode.FILE_EMPTY, 'The sample is empty', { field: 'file' });
    return Buffer.concat(pieces);
  }

  private issueOf(error: DomainError, refusesFile: boolean, language: Language): PreviewIssue {
    const details = (error.details ?? {}) as Record<string, unknown>;
    const messages = RECONCILIATION_MESSAGES[error.code as ReconciliationErrorCode];
    const where = error instanceof StatementParseError ? error : null;
    return {
      line: where?.line ?? (typeof details.line === 'number' ? details.line : null),
      field: where?.field ?? (typeof details.field === 'string' ? details.field : null),
      code: error.code,
      message: messages ? renderMessage(messages, language, details) : error.message,
      refusesFile,
    };
  }
}
