import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid, runOutsideTransaction } from '@mla/core';
import { ImportStatus, LineOutcome } from './import-status';
import { StatementFileChunk } from './statement-file-chunk.entity';
import { StatementImport } from './statement-import.entity';
import { StatementLine } from './statement-line.entity';

export type NewLine = Omit<StatementLine, 'id' | 'createdAt'>;

/** Columns of statement_lines in insert order (multi-row INSERT in chunks). */
const LINE_COLUMNS: (keyof NewLine)[] = [
  'importId',
  'bankAccountId',
  'lineNumber',
  'bankTransactionId',
  'dedupeKey',
  'bookingDate',
  'valueDate',
  'amountFen',
  'currency',
  'counterpartyName',
  'counterpartyAccountCiphertext',
  'counterpartyAccountMasked',
  'counterpartyAccountIndex',
  'reference',
  'description',
  'balanceAfterFen',
  'outcome',
  'matchTier',
  'matchRule',
  'matchedKind',
  'matchedLoanId',
  'matchedRepaymentId',
  'splitRepaymentIds',
  'installmentsSettled',
  'duplicateOfLineId',
  'note',
  'resolvedByUserId',
];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

@Injectable()
export class StatementRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertImport(tx: EntityManager, values: Omit<StatementImport, 'id' | 'uploadedAt'>): Promise<StatementImport> {
    const result = await tx.insert(StatementImport, values);
    return tx.findOneOrFail(StatementImport, { where: { id: result.identifiers[0].id as string } });
  }

  findImport(id: string, tx: EntityManager = this.dataSource.manager): Promise<StatementImport | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return tx.findOne(StatementImport, { where: { id } });
  }

  findImportByContent(tx: EntityManager, accountId: string, sha256: string, exceptId: string) {
    return tx
      .createQueryBuilder(StatementImport, 'i')
      .where(
        `i.bank_account_id = :accountId AND i.content_sha256 = :sha256 AND i.status <> 'FAILED' AND i.id <> :exceptId`,
        {
          accountId,
          sha256,
          exceptId,
        },
      )
      .getOne();
  }

  async updateImport(id: string, patch: Partial<StatementImport>, tx: EntityManager = this.dataSource.manager) {
    await tx.update(StatementImport, { id }, patch);
  }

  /** Moves an import from one status to another; false when it was not in `from`. */
  async moveImport(id: string, from: ImportStatus[], to: ImportStatus): Promise<boolean> {
    const [, n] = (await this.dataSource.query(
      `UPDATE statement_imports SET status = $2 WHERE id = $1 AND status = ANY($3::varchar[])`,
      [id, to, from],
    )) as [unknown, number];
    return n === 1;
  }

  /** An upload that was refused or broke off: its chunks go, its row says why. */
  async discardUpload(importId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.delete(StatementFileChunk, { importId });
      await tx.update(
        StatementImport,
        { id: importId, status: ImportStatus.UPLOADING },
        {
          status: ImportStatus.FAILED,
          errorMessage: `upload refused: ${reason}`.slice(0, 2000),
          finishedAt: new Date(),
        },
      );
    });
  }

  /** Uploads still arriving after `minutes`: given up (chunks deleted, row FAILED). Returns how many. */
  async discardStaleUploads(minutes: number): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const stale = (await tx.query(
        `UPDATE statement_imports SET status = 'FAILED', finished_at = now(),
                error_message = 'upload refused: the file stopped arriving'
          WHERE status = 'UPLOADING' AND uploaded_at < now() - make_interval(mins => $1::int)
          RETURNING id`,
        [minutes],
      )) as [{ id: string }[], number];
      const ids = stale[0].map((r) => r.id);
      if (ids.length) await tx.query(`DELETE FROM statement_file_chunks WHERE import_id = ANY($1::uuid[])`, [ids]);
      return ids.length;
    });
  }

  async insertChunk(tx: EntityManager, importId: string, seq: number, data: Buffer): Promise<void> {
    await tx.insert(StatementFileChunk, { importId, seq, data });
  }

  /**
   * The stored file as a stream, one chunk in memory at a time. It reads on a connection of its own, also when the
   * import's transaction consumes it: the stream reads ahead while that transaction inserts lines, and one
   * connection runs one query at a time. The import job runs one at a time (concurrency 1): two connections.
   */
  fileStream(importId: string): Readable {
    const ds = this.dataSource;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const row = await runOutsideTransaction(() =>
          ds.manager.findOne(StatementFileChunk, { where: { importId, seq } }),
        );
        if (!row) return;
        yield row.data;
      }
    }
    return Readable.from(chunks());
  }

  /** Inserts lines in one multi-row statement; a line already stored for the account (same dedupe key) is skipped. */
  async insertLines(tx: EntityManager, lines: NewLine[]): Promise<number> {
    if (lines.length === 0) return 0;
    const params: unknown[] = [];
    const rows = lines.map((line) => {
      const base = params.length;
      for (const c of LINE_COLUMNS) {
        const v = line[c];
        params.push(typeof v === 'bigint' ? v.toString() : v);
      }
      return `(${LINE_COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    const inserted = (await tx.query(
      `INSERT INTO statement_lines (${LINE_COLUMNS.map(snake).join(', ')}) VALUES ${rows.join(', ')}
       ON CONFLICT (bank_account_id, dedupe_key) DO NOTHING RETURNING id`,
      params,
    )) as { id: string }[];
    return inserted.length;
  }

  /** Points each in-file duplicate at the first line of its bank transaction. */
  async linkDuplicates(tx: EntityManager, importId: string): Promise<void> {
    await tx.query(
      `UPDATE statement_lines d SET duplicate_of_line_id = f.id
         FROM statement_lines f
        WHERE d.import_id = $1 AND d.outcome = 'DUPLICATE' AND f.bank_account_id = d.bank_account_id
          AND f.bank_transaction_id = d.bank_transaction_id AND f.booking_date = d.booking_date
          AND f.amount_fen = d.amount_fen AND f.outcome <> 'DUPLICATE'`,
      [importId],
    );
  }

  pendingLines(importId: string, limit: number, afterId = '0'): Promise<StatementLine[]> {
    return this.dataSource.manager
      .createQueryBuilder(StatementLine, 'l')
      .where(`l.import_id = :importId AND l.outcome = 'PENDING' AND l.id > :afterId`, { importId, afterId })
      .orderBy('l.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  findLine(id: string): Promise<StatementLine | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return this.dataSource.manager.findOne(StatementLine, { where: { id } });
  }

  lockLine(tx: EntityManager, id: string): Promise<StatementLine | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return tx.findOne(StatementLine, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Records a match only while the line is still PENDING (a concurrent run cannot overwrite an outcome). */
  async updatePendingLine(id: string, patch: Partial<StatementLine>): Promise<void> {
    await this.dataSource.manager.update(StatementLine, { id, outcome: LineOutcome.PENDING }, patch);
  }

  /** Whether some statement line already matched this repayment. */
  async isRepaymentMatched(repaymentId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM statement_lines WHERE matched_repayment_id = $1 OR $1 = ANY(split_repayment_ids) LIMIT 1`,
      [repaymentId],
    )) as unknown[];
    return rows.length > 0;
  }

  async updateLine(id: string, patch: Partial<StatementLine>, tx: EntityManager = this.dataSource.manager) {
    await tx.update(StatementLine, { id }, patch);
  }

  /** Lines of an account with booking dates in [from, to], in booking order. */
  linesBetween(
    accountId: string,
    from: string,
    to: string,
    outcomes?: readonly LineOutcome[],
  ): Promise<StatementLine[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(StatementLine, 'l')
      .where('l.bank_account_id = :accountId AND l.booking_date BETWEEN :from AND :to', { accountId, from, to });
    if (outcomes) qb.andWhere('l.outcome IN (:...outcomes)', { outcomes });
    return qb.orderBy('l.booking_date', 'ASC').addOrderBy('l.id', 'ASC').getMany();
  }

  importsBetween(accountId: string, from: string, to: string): Promise<StatementImport[]> {
    return this.dataSource.manager
      .createQueryBuilder(StatementImport, 'i')
      .where(`i.bank_account_id = :accountId AND i.status = 'IMPORTED'`, { accountId })
      .andWhere('i.period_from <= :to AND i.period_to >= :from', { from, to })
      .orderBy('i.period_from', 'ASC')
      .getMany();
  }

  importsOf(accountId: string, limit: number): Promise<StatementImport[]> {
    return this.dataSource.manager.find(StatementImport, {
      where: { bankAccountId: accountId },
      order: { uploadedAt: 'DESC' },
      take: limit,
    });
  }
}
