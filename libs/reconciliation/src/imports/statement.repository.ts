import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { PiiCipher, isUuid, renderMessage, runOutsideTransaction } from '@mla/core';
import { IMPORT_NOTES } from '../messages';
import { ImportStatus, LineOutcome } from './import-status';
import { StatementFileChunk } from './statement-file-chunk.entity';
import { StatementImport } from './statement-import.entity';
import { StatementLine } from './statement-line.entity';

/** What matching reads of a statement line. */
export type MatchableLine = Pick<
  StatementLine,
  | 'id'
  | 'bankTransactionId'
  | 'dedupeKey'
  | 'bookingDate'
  | 'valueDate'
  | 'amountFen'
  | 'currency'
  | 'counterpartyName'
  | 'counterpartyAccountIndex'
  | 'reference'
  | 'description'
>;

export type NewLine = Omit<StatementLine, 'id' | 'createdAt'>;

/** Columns a new line is inserted with, and their SQL types (for the unnested arrays). */
const INSERT_COLUMNS: [keyof NewLine, string][] = [
  ['importId', 'uuid'],
  ['bankAccountId', 'uuid'],
  ['lineNumber', 'integer'],
  ['bankTransactionId', 'varchar'],
  ['dedupeKey', 'text'],
  ['bookingDate', 'date'],
  ['valueDate', 'date'],
  ['amountFen', 'bigint'],
  ['currency', 'varchar'],
  ['counterpartyName', 'varchar'],
  ['counterpartyAccountCiphertext', 'text'],
  ['counterpartyAccountMasked', 'varchar'],
  ['counterpartyAccountIndex', 'varchar'],
  ['reference', 'varchar'],
  ['description', 'varchar'],
  ['balanceAfterFen', 'bigint'],
  ['outcome', 'varchar'],
];
/** What matching or a person fills in later; empty on a new line. */
const MATCH_COLUMNS: (keyof NewLine)[] = [
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

/** A chunk's ciphertext is bound to its file and position: chunks cannot be swapped or reordered unnoticed. */
const chunkContext = (importId: string, seq: number) => `statement_file_chunks:${importId}:${seq}`;

/** The job id of an import's run: the upload queues run 1; the housekeeping job and re-runs queue the next. */
export const importJobId = (importId: string, run: number) =>
  run <= 1 ? `import-${importId}` : `import-${importId}-run${run}`;

@Injectable()
export class StatementRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  async insertImport(tx: EntityManager, values: Omit<StatementImport, 'id' | 'uploadedAt'>): Promise<StatementImport> {
    const result = await tx.insert(StatementImport, values);
    return tx.findOneOrFail(StatementImport, { where: { id: result.identifiers[0].id as string } });
  }

  findImport(tx: EntityManager, id: string): Promise<StatementImport | null> {
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

  async updateImport(tx: EntityManager, id: string, patch: Partial<StatementImport>) {
    await tx.update(StatementImport, { id }, patch);
  }

  /** Moves an import from one status to another; false when it was not in `from`. */
  async moveImport(tx: EntityManager, id: string, from: ImportStatus[], to: ImportStatus): Promise<boolean> {
    const [, n] = (await tx.query(
      `UPDATE statement_imports SET status = $2 WHERE id = $1 AND status = ANY($3::varchar[])`,
      [id, to, from],
    )) as [unknown, number];
    return n === 1;
  }

  /** An upload that was refused or broke off: its chunks go, its row says why. */
  async discardUpload(tx: EntityManager, importId: string, note: string): Promise<void> {
    await tx.delete(StatementFileChunk, { importId });
    await tx.update(
      StatementImport,
      { id: importId, status: ImportStatus.UPLOADING },
      {
        status: ImportStatus.FAILED,
        errorMessage: note,
        finishedAt: new Date(),
      },
    );
  }

  /** Uploads still arriving after `minutes`: given up (chunks deleted, row FAILED). Returns how many. */
  async discardStaleUploads(tx: EntityManager, minutes: number): Promise<number> {
    const stale = (await tx.query(
      `UPDATE statement_imports SET status = 'FAILED', finished_at = now(),
              error_message = $2
        WHERE status = 'UPLOADING' AND uploaded_at < now() - make_interval(mins => $1::int)
        RETURNING id`,
      [minutes, renderMessage(IMPORT_NOTES.uploadBrokeOff, 'zh-CN')],
    )) as [{ id: string }[], number];
    const ids = stale[0].map((r) => r.id);
    if (ids.length) await tx.query(`DELETE FROM statement_file_chunks WHERE import_id = ANY($1::uuid[])`, [ids]);
    return ids.length;
  }

  /** Stores one chunk of an uploaded file, encrypted and bound to its import and position. */
  async insertChunk(tx: EntityManager, importId: string, seq: number, data: Buffer): Promise<void> {
    const encrypted = this.cipher.encryptBytes(data, chunkContext(importId, seq));
    await tx.insert(StatementFileChunk, { importId, seq, data: encrypted, encrypted: true });
  }

  /**
   * The stored file as a stream, one chunk in memory at a time, decrypted in memory and never written elsewhere. It
   * reads on a connection of its own, also when the import's transaction consumes it: the stream reads ahead while
   * that transaction inserts lines, and one connection runs one query at a time. An import that is storing its lines
   * holds two connections.
   */
  fileStream(importId: string): Readable {
    const ds = this.dataSource;
    const cipher = this.cipher;
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const row = await runOutsideTransaction(() =>
          ds.manager.findOne(StatementFileChunk, { where: { importId, seq } }),
        );
        if (!row) return;
        yield row.encrypted ? cipher.decryptBytes(row.data, chunkContext(importId, seq)) : row.data;
      }
    }
    return Readable.from(chunks());
  }

  /**
   * Deletes the raw files of finished imports (IMPORTED and matched, or FAILED) finished more than `retentionDays`
   * ago, and at once those still stored in clear (from before chunks were encrypted). Returns how many files went.
   */
  async purgeFiles(tx: EntityManager, retentionDays: number, importId?: string): Promise<number> {
    const [rows] = (await tx.query(
      `UPDATE statement_imports i SET file_purged_at = now()
        WHERE i.file_purged_at IS NULL AND i.finished_at IS NOT NULL AND i.status IN ('IMPORTED', 'FAILED')
          AND ($2::uuid IS NULL OR i.id = $2::uuid)
          AND (i.finished_at <= now() - make_interval(days => $1::int)
               OR EXISTS (SELECT 1 FROM statement_file_chunks c WHERE c.import_id = i.id AND NOT c.encrypted))
        RETURNING i.id`,
      [retentionDays, importId ?? null],
    )) as [{ id: string }[], number];
    const ids = rows.map((r) => r.id);
    if (ids.length) await tx.query(`DELETE FROM statement_file_chunks WHERE import_id = ANY($1::uuid[])`, [ids]);
    return ids.length;
  }

  /**
   * Unfinished imports (queued, storing, or stored with lines still to match) quiet for `minutes`: their job may be
   * gone (failed for good, removed, or lost with its worker). Oldest first.
   */
  async quietUnfinishedImports(tx: EntityManager, minutes: number, limit = 100): Promise<StatementImport[]> {
    return tx
      .createQueryBuilder(StatementImport, 'i')
      .where(`(i.status IN ('QUEUED', 'PROCESSING') OR (i.status = 'IMPORTED' AND i.finished_at IS NULL))`)
      .andWhere(`COALESCE(i.progress_at, i.uploaded_at) < now() - make_interval(mins => :minutes)`, { minutes })
      .orderBy('i.uploaded_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Counts a new run of the import and returns its number (the job id of that run is derived from it). */
  /**
   * Counts a new run of an import, only if it has had `afterRuns` runs so far (a guarded update: of two people
   * re-running one import at once, one wins). Returns the new run's number, or null when another run came first.
   */
  async nextRun(tx: EntityManager, importId: string, afterRuns: number): Promise<number | null> {
    const [rows] = (await tx.query(
      `UPDATE statement_imports SET runs = runs + 1, progress_at = now() WHERE id = $1 AND runs = $2 RETURNING runs`,
      [importId, afterRuns],
    )) as [{ runs: number }[], number];
    return rows[0]?.runs ?? null;
  }

  /**
   * Inserts lines in one statement (one array parameter per column, unnested: thousands of rows cost one short
   * statement to parse); a line already stored for the account (same dedupe key) is skipped. Returns how many were
   * stored. New lines carry no match yet: the match columns start empty.
   */
  async insertLines(tx: EntityManager, lines: NewLine[]): Promise<number> {
    if (lines.length === 0) return 0;
    const unmatched = lines.every((l) => MATCH_COLUMNS.every((c) => l[c] === null));
    if (!unmatched) throw new Error('insertLines stores new lines only: their match columns must be empty');
    const params = INSERT_COLUMNS.map(([c]) =>
      lines.map((line) => {
        const v = line[c];
        return typeof v === 'bigint' ? v.toString() : v;
      }),
    );
    const inserted = (await tx.query(
      `INSERT INTO statement_lines (${INSERT_COLUMNS.map(([c]) => snake(c)).join(', ')})
       SELECT * FROM unnest(${INSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
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

  /**
   * The next PENDING lines of an import after a line id, in id order (the partial index ix_statement_lines_pending),
   * with what matching reads of them. Read raw: thousands of rows a chunk, at a fraction of the entity mapper's cost.
   */
  async pendingLines(tx: EntityManager, importId: string, limit: number, afterId = '0'): Promise<MatchableLine[]> {
    const rows = (await tx.query(
      `SELECT l.id::text AS id, l.bank_transaction_id AS "bankTransactionId", l.dedupe_key AS "dedupeKey",
              l.booking_date::text AS "bookingDate", l.value_date::text AS "valueDate", l.amount_fen::text AS "amountFen",
              l.currency, l.counterparty_name AS "counterpartyName", l.counterparty_account_index AS "counterpartyAccountIndex",
              l.reference, l.description
         FROM statement_lines l
        WHERE l.import_id = $1 AND l.outcome = 'PENDING' AND l.id > $2::bigint
        ORDER BY l.id LIMIT $3`,
      [importId, afterId, limit],
    )) as (Omit<MatchableLine, 'amountFen'> & { amountFen: string })[];
    return rows.map((r) => ({ ...r, amountFen: BigInt(r.amountFen) }));
  }

  findLine(tx: EntityManager, id: string): Promise<StatementLine | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return tx.findOne(StatementLine, { where: { id } });
  }

  lockLine(tx: EntityManager, id: string): Promise<StatementLine | null> {
    if (!/^\d{1,18}$/.test(id)) return Promise.resolve(null);
    return tx.findOne(StatementLine, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Records one line's match only while the line is still PENDING (a concurrent run cannot overwrite an outcome),
   * counting it in its import's progress in the same transaction. False when it was not PENDING.
   */
  async recordPendingLine(
    tx: EntityManager,
    importId: string,
    id: string,
    patch: Partial<StatementLine>,
  ): Promise<boolean> {
    const result = await tx.update(StatementLine, { id, outcome: LineOutcome.PENDING }, patch);
    if (result.affected !== 1) return false;
    await tx.query(
      `UPDATE statement_imports SET lines_matched = lines_matched + 1, progress_at = now() WHERE id = $1`,
      [importId],
    );
    return true;
  }

  /** Whether some statement line already matched this repayment. */
  async isRepaymentMatched(tx: EntityManager, repaymentId: string): Promise<boolean> {
    const rows = (await tx.query(
      `SELECT 1 FROM statement_lines WHERE matched_repayment_id = $1 OR $1 = ANY(split_repayment_ids) LIMIT 1`,
      [repaymentId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Of these repayments, those some statement line matched already (one statement for a chunk of lines). */
  async matchedRepaymentIds(tx: EntityManager, repaymentIds: string[]): Promise<Set<string>> {
    if (repaymentIds.length === 0) return new Set();
    const rows = (await tx.query(
      `SELECT matched_repayment_id AS id FROM statement_lines WHERE matched_repayment_id = ANY($1::uuid[])
       UNION
       SELECT s.id FROM statement_lines l CROSS JOIN LATERAL unnest(l.split_repayment_ids) AS s(id)
        WHERE l.split_repayment_ids && $1::uuid[] AND s.id = ANY($1::uuid[])`,
      [repaymentIds],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Records the outcomes of many lines with one statement, each only while its line is still PENDING (a
   * concurrent run or a person cannot be overwritten), and in the same statement the import's progress: the lines
   * recorded, the last line reached. Returns how many lines it recorded.
   */
  async recordPendingOutcomes(
    tx: EntityManager,
    importId: string,
    decided: { id: string; result: Partial<StatementLine> }[],
    lastLineId: string,
  ): Promise<number> {
    const col = <K extends keyof StatementLine>(k: K) => decided.map((d) => d.result[k] ?? null);
    const [row] = (await tx.query(
      `WITH recorded AS (
         UPDATE statement_lines l
            SET outcome = v.outcome, match_tier = v.tier, match_rule = v.rule, matched_kind = v.kind,
                matched_loan_id = v.loan_id, matched_repayment_id = v.repayment_id,
                installments_settled = v.installments, note = v.note
           FROM unnest($1::bigint[], $2::varchar[], $3::smallint[], $4::varchar[], $5::varchar[], $6::uuid[],
                       $7::uuid[], $8::integer[], $9::varchar[])
                AS v(id, outcome, tier, rule, kind, loan_id, repayment_id, installments, note)
          WHERE l.id = v.id AND l.outcome = 'PENDING'
         RETURNING 1),
       progress AS (
         UPDATE statement_imports
            SET lines_matched = lines_matched + (SELECT count(*) FROM recorded),
                match_cursor_line_id = GREATEST(COALESCE(match_cursor_line_id, 0), $11::bigint), progress_at = now()
          WHERE id = $10)
       SELECT count(*)::int AS n FROM recorded`,
      [
        decided.map((d) => d.id),
        col('outcome'),
        col('matchTier'),
        col('matchRule'),
        col('matchedKind'),
        col('matchedLoanId'),
        col('matchedRepaymentId'),
        col('installmentsSettled'),
        col('note'),
        importId,
        lastLineId,
      ],
    )) as { n: number }[];
    return row.n;
  }

  async updateLine(tx: EntityManager, id: string, patch: Partial<StatementLine>) {
    await tx.update(StatementLine, { id }, patch);
  }

  /** Lines of an account with booking dates in [from, to], in booking order. */
  linesBetween(
    tx: EntityManager,
    accountId: string,
    from: string,
    to: string,
    outcomes?: readonly LineOutcome[],
  ): Promise<StatementLine[]> {
    const qb = tx
      .createQueryBuilder(StatementLine, 'l')
      .where('l.bank_account_id = :accountId AND l.booking_date BETWEEN :from AND :to', { accountId, from, to });
    if (outcomes) qb.andWhere('l.outcome IN (:...outcomes)', { outcomes });
    return qb.orderBy('l.booking_date', 'ASC').addOrderBy('l.id', 'ASC').getMany();
  }

  importsBetween(tx: EntityManager, accountId: string, from: string, to: string): Promise<StatementImport[]> {
    return tx
      .createQueryBuilder(StatementImport, 'i')
      .where(`i.bank_account_id = :accountId AND i.status = 'IMPORTED'`, { accountId })
      .andWhere('i.period_from <= :to AND i.period_to >= :from', { from, to })
      .orderBy('i.period_from', 'ASC')
      .getMany();
  }

  importsOf(tx: EntityManager, accountId: string, limit: number): Promise<StatementImport[]> {
    return tx.find(StatementImport, {
      where: { bankAccountId: accountId },
      order: { uploadedAt: 'DESC' },
      take: limit,
    });
  }
}
