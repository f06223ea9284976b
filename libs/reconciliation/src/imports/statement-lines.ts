import { DomainError, MAX_FEN, type PiiCipher, maskBankAccount, normalizeBankAccount, renderMessage } from '@mla/core';
import { ReconciliationErrorCode } from '../errors';
import { DATA_EXCEPTION_REASONS, IMPORT_NOTES, RECONCILIATION_MESSAGES } from '../messages';
import { BANK_ACCOUNT_INDEX_CONTEXT } from '@mla/loans';
import type { ParsedLine } from '../parsers/statement-types';
import { StatementParseError } from '../parsers/statement-parse-error';
import { UNSTORABLE_TEXT } from '../parsers/tabular-statement';
import { LineOutcome } from './import-status';
import type { StatementImport } from './statement-import.entity';
import type { NewLine } from './statement.repository';

const COUNTERPARTY_CONTEXT = 'statement_lines.counterparty_account';
const DEDUPE_CONTEXT = 'statement-line-dedupe';

/** A parsed line as a row: its dedupe key, an in-file duplicate marked, the counterparty account protected. */
export function lineRow(
  cipher: PiiCipher,
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
  const account = protectAccount(line.counterpartyAccount, cipher);
  return {
    importId: imp.id,
    bankAccountId: imp.bankAccountId,
    lineNumber: line.lineNumber,
    bankTransactionId: line.bankTransactionId?.slice(0, 100) ?? null,
    // Keyed, because the key is built from the counterparty's account number and ends up in posting references.
    dedupeKey: cipher.blindIndex(key, DEDUPE_CONTEXT),
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    amountFen: line.amountFen,
    currency: line.currency?.slice(0, 3) ?? 'CNY',
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

/** The fields of a parsed line as the bank sees them, for errors that name a field. */
const TEXT_FIELDS = [
  'bankTransactionId',
  'currency',
  'counterpartyName',
  'counterpartyAccount',
  'reference',
  'description',
] as const;

/** What a clerk calls each field a refusal may name (stored with the error and shown in its message). */
const FIELD_LABELS: Record<(typeof TEXT_FIELDS)[number] | 'amount' | 'balance', string> = {
  bankTransactionId: '交易流水号',
  currency: '币种',
  counterpartyName: '对方户名',
  counterpartyAccount: '对方账号',
  reference: '摘要/附言',
  description: '交易说明',
  amount: '交易金额',
  balance: '余额',
};

/**
 * Whatever the format, nothing reaches the database that it would refuse with its own words: text holding a NUL
 * or no valid UTF-8, or an amount beyond a bigint. The file is refused naming the line and the field.
 */
export function assertStorable(line: ParsedLine): void {
  for (const field of TEXT_FIELDS) {
    const value = line[field];
    if (value && UNSTORABLE_TEXT.test(value)) {
      throw new StatementParseError(
        'the value holds a NUL byte or characters that are not valid text',
        { line: line.lineNumber, field: FIELD_LABELS[field] },
        ReconciliationErrorCode.STATEMENT_TEXT_INVALID,
      );
    }
  }
  for (const [field, fen] of [
    ['amount', line.amountFen],
    ['balance', line.balanceAfterFen],
  ] as const) {
    if (fen !== null && (fen > MAX_FEN || fen < -MAX_FEN)) {
      throw new StatementParseError(
        'the amount is out of range',
        { line: line.lineNumber, field: FIELD_LABELS[field] },
        ReconciliationErrorCode.STATEMENT_AMOUNT_OUT_OF_RANGE,
      );
    }
  }
}

/** A message quoting the file may quote its bad bytes: shown escaped, so that the message itself can be stored. */
function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE_TEXT.source, 'g'), (c) => (c === '\u0000' ? '\\0' : '\uFFFD'));
}

/**
 * The failure is the file's (retrying cannot help): a domain error from parsing or validation, or a data
 * exception the database raised on a value of the file. Null for anything else (a passing fault).
 */
export function badFileError(error: unknown): { message: string; line: number | null; field: string | null } | null {
  if (error instanceof DomainError) {
    const where = (error.details ?? {}) as { line?: number; field?: string };
    // The codes that say exactly what is wrong are stored in the bank's words (the catalogue's Chinese).
    const said =
      error.code !== ReconciliationErrorCode.STATEMENT_INVALID && isReconciliationCode(error.code)
        ? renderMessage(RECONCILIATION_MESSAGES[error.code], 'zh-CN', error.details as Record<string, unknown>)
        : error.message;
    return {
      message: storableText(said).slice(0, 2000),
      line: where.line ?? null,
      field: where.field === undefined ? null : storableText(where.field).slice(0, 100),
    };
  }
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.code ?? failed?.driverError?.code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return {
      message: renderMessage(IMPORT_NOTES.dataException, 'zh-CN', {
        reason: DATA_EXCEPTION_REASONS[code] ?? '有内容无效',
      }),
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

function isReconciliationCode(code: string): code is ReconciliationErrorCode {
  return Object.hasOwn(RECONCILIATION_MESSAGES, code);
}

/** Why an upload was refused, stored in the bank's words: a code of this context in its message, else plainly. */
export function refusedUploadNote(error: unknown): string {
  const reason =
    error instanceof DomainError && isReconciliationCode(error.code)
      ? renderMessage(RECONCILIATION_MESSAGES[error.code], 'zh-CN', error.details as Record<string, unknown>)
      : undefined;
  return storableText(renderMessage(IMPORT_NOTES.uploadRefused, 'zh-CN', { reason })).slice(0, 2000);
}
