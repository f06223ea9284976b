/** The formats a bank statement file can come in. */
export enum StatementFormat {
  /** CSV exports of Chinese banks and rural credit cooperatives (UTF-8 or GBK/GB18030), read with a column mapping. */
  CSV = 'CSV',
  /** XLSX exports, read with the same column mappings as CSV. */
  XLSX = 'XLSX',
  /** ISO 20022 camt.053 (bank to customer statement). */
  CAMT053 = 'CAMT053',
  /** SWIFT MT940. */
  MT940 = 'MT940',
}

/** One booked line of a statement, as the bank reports it. Amounts are minor units (fen for CNY), signed. */
export interface ParsedLine {
  /** Position in the source, for error messages and the exceptions worklist (CSV/XLSX: the row number in the file;
   *  camt.053: the entry's ordinal; MT940: the :61: line's ordinal). */
  lineNumber: number;
  /** The bank's own id of the transaction (流水号/日志号, camt AcctSvcrRef or NtryRef, MT940 bank reference), if any. */
  bankTransactionId: string | null;
  /** 'YYYY-MM-DD'. */
  bookingDate: string;
  valueDate: string | null;
  /** Credit (money in) positive, debit (money out) negative. Never zero. */
  amountFen: bigint;
  currency: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  /** A reference that may identify our record: end-to-end id, customer reference, 附言 / remittance information. */
  reference: string | null;
  description: string | null;
  balanceAfterFen: bigint | null;
  /** The account the line belongs to, where the file says it per statement (MT940 :25:, camt.053 Stmt/Acct). */
  statementAccount?: string | null;
}

/** What a statement says about itself, where the format carries it. */
export interface StatementSummary {
  /** The account the file is for (MT940 :25:, camt.053 Acct, a CSV/XLSX title row's 账号); null when not said. */
  accountIdentifier: string | null;
  currency: string | null;
  statementId: string | null;
  openingBalanceFen: bigint | null;
  openingDate: string | null;
  closingBalanceFen: bigint | null;
  closingDate: string | null;
}

/** How a tabular export writes its dates. MM/DD and MM-DD take the year from the title rows (the period). */
export const DATE_FORMATS = [
  'AUTO',
  'YYYYMMDD',
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'MM/DD',
  'MM-DD',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The column separator of a text export; AUTO takes a tab when the header row has more tabs than commas. */
export const DELIMITERS = ['AUTO', 'COMMA', 'TAB'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Where a CSV/XLSX export keeps each field: header texts (exact after trimming), found on the first row that
 * contains `date`'s header, so title lines before it are skipped. Either `amount` (one column) or `debit` and
 * `credit` (two unsigned columns) must be given. A single `amount` column is signed unless `direction` names the
 * column that says money in or out (借/贷, 收/支 …); then the amount is unsigned and the direction decides.
 */
export interface ColumnMapping {
  date: string;
  time?: string;
  amount?: string;
  debit?: string;
  credit?: string;
  balance?: string;
  transactionId?: string;
  counterpartyName?: string;
  counterpartyAccount?: string;
  reference?: string;
  description?: string;
  currency?: string;
  /** The direction column (借贷标志, 收支, 交易方向); with it `amount` is unsigned. */
  direction?: string;
  /** Values of the direction column meaning money in (exact after trimming, any case); default 贷, 收, 收入, 存入 … */
  creditValues?: string[];
  /** Values meaning money out; default 借, 支, 支出, 取出 … A value in neither list refuses the file. */
  debitValues?: string[];
  /** The export shows money out as positive (credit card accounts): every sign is turned. */
  invertSigns?: boolean;
  /** Default AUTO: YYYYMMDD, YYYY-MM-DD and YYYY/MM/DD. */
  dateFormat?: DateFormat;
  /** Default AUTO: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK). */
  encoding?: 'AUTO' | 'UTF-8' | 'GB18030';
  /** CSV only; default AUTO. */
  delimiter?: Delimiter;
  /**
   * Rows holding one of these texts in any cell are notes, not lines (a bank's own footer). Built in already:
   * 以上数据仅供参考, 具体内容请以柜台为准, 打印时间/日期, 制表, 经办, 复核, 本页/合计/总计/小计 rows.
   */
  skipRowsContaining?: string[];
  /**
   * Where every row has a balance: each balance must be the one before plus the line's amount (in file order, or
   * in reverse when the file runs newest first). Default true.
   */
  checkBalances?: boolean;
}

export type ParseEvent = { kind: 'line'; line: ParsedLine } | { kind: 'summary'; summary: StatementSummary };
