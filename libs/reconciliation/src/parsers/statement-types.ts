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
}

/** What a statement says about itself, where the format carries it. */
export interface StatementSummary {
  accountIdentifier: string | null;
  currency: string | null;
  statementId: string | null;
  openingBalanceFen: bigint | null;
  openingDate: string | null;
  closingBalanceFen: bigint | null;
  closingDate: string | null;
}

/**
 * Where a CSV/XLSX export keeps each field: header texts (exact after trimming), found on the first row that
 * contains `date`'s header, so title lines before it are skipped. Either `amount` (one signed column) or `debit`
 * and `credit` (two unsigned columns) must be given.
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
  /** Default: both YYYYMMDD and YYYY-MM-DD (also YYYY/MM/DD) are accepted. */
  dateFormat?: 'AUTO' | 'YYYYMMDD' | 'YYYY-MM-DD';
  /** Default AUTO: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK). */
  encoding?: 'AUTO' | 'UTF-8' | 'GB18030';
}

export type ParseEvent = { kind: 'line'; line: ParsedLine } | { kind: 'summary'; summary: StatementSummary };
