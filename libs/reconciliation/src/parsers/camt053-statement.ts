import { type Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { limitsOrDefault, StatementLimitError, type StatementLimits } from './statement-limits';
import { StatementParseError } from './statement-parse-error';
import { decodeText, parseDecimalToMinor, parseIsoDatePart } from './statement-text';
import { type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';
import { ReconciliationErrorCode } from '../errors';

interface Value {
  text: string;
  line: number;
}

interface Balance {
  fen: bigint;
  date: string | null;
}

interface StatementState {
  id: string | null;
  account: string | null;
  currency: string | null;
  opening: Balance | null;
  /** PRCD (previous closing) stands in for OPBD when a statement has no OPBD. */
  previousClosing: Balance | null;
  closing: Balance | null;
}

interface EntryState {
  ordinal: number;
  line: number;
  currency: string | null;
  values: Map<string, Value>;
  remittance: string[];
  detailsSeen: number;
  transactionsSeen: number;
}

interface BalanceState {
  currency: string | null;
  values: Map<string, Value>;
}

// The paths read, relative to Stmt, Ntry, the entry's first NtryDtls/TxDtls, and Bal. Nothing else is kept.
const STATEMENT_PATHS = new Set(['Id', 'Acct/Id/IBAN', 'Acct/Id/Othr/Id', 'Acct/Ccy']);
const ENTRY_PATHS = new Set([
  'Amt',
  'CdtDbtInd',
  'Sts',
  'Sts/Cd',
  'BookgDt/Dt',
  'BookgDt/DtTm',
  'ValDt/Dt',
  'ValDt/DtTm',
  'AcctSvcrRef',
  'NtryRef',
  'AddtlNtryInf',
]);
const TRANSACTION_PATHS = new Set(
  [
    'Refs/EndToEndId',
    'RmtInf/Ustrd',
    'RmtInf/Strd/CdtrRefInf/Ref',
    'AddtlTxInf',
    ...['Dbtr', 'Cdtr'].flatMap((party) => [
      `RltdPties/${party}/Nm`,
      `RltdPties/${party}/Pty/Nm`,
      `RltdPties/${party}Acct/Id/IBAN`,
      `RltdPties/${party}Acct/Id/Othr/Id`,
    ]),
  ].map((path) => `NtryDtls/TxDtls/${path}`),
);
const BALANCE_PATHS = new Set(['Tp/CdOrPrtry/Cd', 'Amt', 'CdtDbtInd', 'Dt/Dt', 'Dt/DtTm']);

const CAMT053_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d+$/;

/**
 * Push-parses one camt.053 document with saxes and hands out the lines as each Ntry closes. Element names are
 * matched by local name, so any prefix and any camt.053.001.xx version work.
 */
class Camt053Reader {
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly stack: string[] = [];
  private readonly ready: ParseEvent[] = [];
  private text = '';
  private capturing = false;
  private sawRoot = false;
  private sawContent = false;
  private statement: StatementState | null = null;
  private entry: EntryState | null = null;
  private balance: BalanceState | null = null;
  private entries = 0;
  private first: StatementState | null = null;
  private last: StatementState | null = null;
  private sameAccount = true;
  private sameCurrency = true;
  /** The open Stmt's own values (Id, Acct); its Acct comes before any Ntry. */
  private statementValues = new Map<string, Value>();
  /** Characters since the last '<': text, or one tag with its attributes. */
  private run = 0;

  constructor(private readonly limits: StatementLimits) {
    // saxes never reads a DTD or external entity, but a DOCTYPE is refused outright so that no entity declaration
    // (XXE, billion laughs) is ever accepted; the handler runs before anything after the DOCTYPE is parsed.
    this.parser.on('doctype', () => {
      throw new StatementParseError(
        'a DTD/entity declaration is not allowed',
        { line: this.parser.line },
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('text', (text) => this.append(text));
    this.parser.on('cdata', (text) => this.append(text));
    this.parser.on('closetag', () => this.close());
  }

  write(chunk: string): void {
    this.sawContent ||= chunk.trim() !== '';
    // XML is often written on one line, so its lines are not limited; what can grow without end (a text, a tag, an
    // attribute) lies between two '<', and that run is. Checked before saxes gathers it.
    const firstTag = chunk.indexOf('<');
    if ((firstTag < 0 ? this.run + chunk.length : this.run + firstTag) > this.limits.maxLineChars) {
      throw StatementLimitError.lineTooLong(this.limits.maxLineChars, this.parser.line, this.parser.column + 1);
    }
    const lastTag = chunk.lastIndexOf('<');
    this.run = lastTag < 0 ? this.run + chunk.length : chunk.length - lastTag;
    if (this.run > this.limits.maxLineChars) {
      throw StatementLimitError.lineTooLong(this.limits.maxLineChars, this.parser.line, this.parser.column + 1);
    }
    this.guard(() => this.parser.write(chunk));
    if (this.parser.line > this.limits.maxLines) {
      throw StatementLimitError.tooManyLines(this.limits.maxLines, this.parser.line);
    }
  }

  end(): void {
    if (!this.sawContent) throw new StatementParseError('the file is empty', {}, ReconciliationErrorCode.FILE_EMPTY);
    this.guard(() => this.parser.close());
  }

  /** The lines completed by the last write. */
  drain(): ParseEvent[] {
    return this.ready.splice(0, this.ready.length);
  }

  /**
   * One summary for the file. Several Stmt of the same account (consecutive days) give the first one's opening and
   * the last one's closing; Stmt of different accounts cannot share one pair of balances, so those stay null.
   */
  summary(): StatementSummary {
    const first = this.first;
    const last = this.last;
    const comparable = first !== null && last !== null && this.sameAccount && this.sameCurrency;
    const opening = comparable ? (first.opening ?? first.previousClosing) : null;
    const closing = comparable ? last.closing : null;
    return {
      accountIdentifier: comparable ? first.account : null,
      currency: this.sameCurrency ? (first?.currency ?? null) : null,
      statementId: first?.id ?? null,
      openingBalanceFen: opening?.fen ?? null,
      openingDate: opening?.date ?? null,
      closingBalanceFen: closing?.fen ?? null,
      closingDate: closing?.date ?? null,
    };
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (error instanceof StatementParseError) throw error;
      const message = error instanceof Error ? error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '') : String(error);
      throw new StatementParseError(
        `the XML is malformed (${message})`,
        { line: this.parser.line },
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    }
  }

  private open(tag: SaxesTagNS): void {
    const name = tag.local;
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (name !== 'Document' || (tag.uri !== '' && !CAMT053_NAMESPACE.test(tag.uri))) {
        throw new StatementParseError(
          `this is not a camt.053 document (root element ${tag.name}, namespace '${tag.uri}')`,
          { line: this.parser.line },
          ReconciliationErrorCode.STATEMENT_MALFORMED,
        );
      }
    }
    if (this.stack.length >= this.limits.maxXmlDepth) {
      throw StatementLimitError.nestedTooDeep(this.limits.maxXmlDepth, this.parser.line, this.parser.column);
    }
    this.stack.push(name);
    this.text = '';
    const depth = this.stack.length;
    if (depth === 3 && name === 'Stmt' && this.stack[1] === 'BkToCstmrStmt') {
      this.statement = { id: null, account: null, currency: null, opening: null, previousClosing: null, closing: null };
    } else if (this.statement && depth === 4 && name === 'Ntry') {
      this.entries += 1;
      this.entry = {
        ordinal: this.entries,
        line: this.parser.line,
        currency: null,
        values: new Map(),
        remittance: [],
        detailsSeen: 0,
        transactionsSeen: 0,
      };
    } else if (this.statement && depth === 4 && name === 'Bal') {
      this.balance = { currency: null, values: new Map() };
    } else if (this.entry && depth === 5 && name === 'NtryDtls') {
      this.entry.detailsSeen += 1;
    } else if (this.entry && depth === 6 && name === 'TxDtls') {
      this.entry.transactionsSeen += 1;
    }
    const ccy = tag.attributes.Ccy?.value ?? null;
    if (depth === 5 && name === 'Amt') {
      if (this.entry) this.entry.currency = ccy;
      if (this.balance) this.balance.currency = ccy;
    }
    this.capturing = this.wanted() !== null;
  }

  private append(text: string): void {
    if (this.capturing) this.text += text;
  }

  private close(): void {
    const wanted = this.wanted();
    if (wanted) {
      const value = { text: this.text.trim(), line: this.parser.line };
      if (wanted.key === 'NtryDtls/TxDtls/RmtInf/Ustrd') {
        if (value.text) wanted.into.remittance?.push(value.text);
      } else if (!wanted.into.values.has(wanted.key)) {
        wanted.into.values.set(wanted.key, value);
      }
    }
    const name = this.stack.pop();
    const depth = this.stack.length;
    this.capturing = false;
    this.text = '';
    if (depth === 3 && name === 'Ntry' && this.entry) {
      const line = this.finishEntry(this.entry);
      if (line) this.ready.push({ kind: 'line', line });
      this.entry = null;
    } else if (depth === 3 && name === 'Bal' && this.balance) {
      this.finishBalance(this.balance);
      this.balance = null;
    } else if (depth === 2 && name === 'Stmt' && this.statement) {
      this.finishStatement(this.statement);
      this.statement = null;
    }
  }

  /** Where the current element's text goes, if it is one we read. */
  private wanted(): { key: string; into: { values: Map<string, Value>; remittance?: string[] } } | null {
    if (!this.statement || this.stack.length < 4) return null;
    const path = this.stack.slice(4).join('/');
    const section = this.stack[3];
    if (section === 'Ntry' && this.entry) {
      if (ENTRY_PATHS.has(path)) return { key: path, into: this.entry };
      // Only the first transaction of a batch entry describes the entry; the others are not kept.
      const firstTransaction = this.entry.detailsSeen === 1 && this.entry.transactionsSeen === 1;
      if (firstTransaction && TRANSACTION_PATHS.has(path)) return { key: path, into: this.entry };
      return null;
    }
    if (section === 'Bal' && this.balance) return BALANCE_PATHS.has(path) ? { key: path, into: this.balance } : null;
    const statementPath = this.stack.slice(3).join('/');
    if (STATEMENT_PATHS.has(statementPath)) return { key: statementPath, into: { values: this.statementValues } };
    return null;
  }

  private finishStatement(statement: StatementState): void {
    const values = this.statementValues;
    statement.id = values.get('Id')?.text || null;
    statement.account = values.get('Acct/Id/IBAN')?.text || values.get('Acct/Id/Othr/Id')?.text || null;
    statement.currency = values.get('Acct/Ccy')?.text || statement.currency;
    this.statementValues = new Map();
    if (this.first === null) this.first = statement;
    else {
      if (this.first.account !== statement.account) this.sameAccount = false;
      if (this.first.currency !== statement.currency) this.sameCurrency = false;
    }
    this.last = statement;
  }

  private finishBalance(balance: BalanceState): void {
    const statement = this.statement;
    if (!statement) return;
    const type = balance.values.get('Tp/CdOrPrtry/Cd')?.text;
    if (type !== 'OPBD' && type !== 'PRCD' && type !== 'CLBD') return;
    const amount = this.required(balance.values, 'Amt', 'Bal/Amt');
    const signed = this.sign(balance.values, 'Bal/CdtDbtInd');
    const fen = parseDecimalToMinor(amount.text, balance.currency, { line: amount.line, field: 'Bal/Amt' });
    const date = balance.values.get('Dt/Dt') ?? balance.values.get('Dt/DtTm');
    const value: Balance = {
      fen: signed === 'DBIT' ? -fen : fen,
      date: date ? parseIsoDatePart(date.text, { line: date.line, field: 'Bal/Dt' }) : null,
    };
    statement.currency ??= balance.currency;
    if (type === 'OPBD') statement.opening = value;
    else if (type === 'PRCD') statement.previousClosing = value;
    else statement.closing = value;
  }

  /** The entry as a line; null for entries that are not booked (PDNG, INFO) or move no money. */
  private finishEntry(entry: EntryState): ParsedLine | null {
    const values = entry.values;
    const text = (key: string): string | null => values.get(key)?.text || null;
    const status = text('Sts/Cd') ?? text('Sts');
    if (status !== null && status !== 'BOOK') return null;
    const currency = entry.currency ?? (this.statementValues.get('Acct/Ccy')?.text || this.statement?.currency) ?? null;
    const amount = this.required(values, 'Amt', 'Ntry/Amt', entry.line);
    const direction = this.sign(values, 'Ntry/CdtDbtInd', entry.line);
    const fen = parseDecimalToMinor(amount.text, currency, { line: amount.line, field: 'Ntry/Amt' });
    if (fen === 0n) return null;
    const booked = values.get('BookgDt/Dt') ?? values.get('BookgDt/DtTm') ?? values.get('ValDt/Dt');
    if (!booked)
      throw new StatementParseError(
        'the entry has no booking date',
        { line: entry.line, field: 'Ntry/BookgDt' },
        ReconciliationErrorCode.STATEMENT_VALUE_MISSING,
      );
    const valued = values.get('ValDt/Dt') ?? values.get('ValDt/DtTm');

    const tx = (path: string): string | null => text(`NtryDtls/TxDtls/${path}`);
    const endToEnd = tx('Refs/EndToEndId');
    const remittance = entry.remittance.length > 0 ? entry.remittance.join(' ') : null;
    // Money in: the debtor paid us; money out: we paid the creditor.
    const party = direction === 'CRDT' ? 'Dbtr' : 'Cdtr';
    return {
      lineNumber: entry.ordinal,
      bankTransactionId: text('AcctSvcrRef') ?? text('NtryRef'),
      bookingDate: parseIsoDatePart(booked.text, { line: booked.line, field: 'Ntry/BookgDt' }),
      valueDate: valued ? parseIsoDatePart(valued.text, { line: valued.line, field: 'Ntry/ValDt' }) : null,
      amountFen: direction === 'DBIT' ? -fen : fen,
      currency,
      counterpartyName: tx(`RltdPties/${party}/Nm`) ?? tx(`RltdPties/${party}/Pty/Nm`),
      counterpartyAccount: tx(`RltdPties/${party}Acct/Id/IBAN`) ?? tx(`RltdPties/${party}Acct/Id/Othr/Id`),
      // NOTPROVIDED is the scheme's filler for "no end-to-end id"; a structured creditor reference comes next.
      reference:
        (endToEnd && endToEnd.toUpperCase() !== 'NOTPROVIDED' ? endToEnd : null) ??
        tx('RmtInf/Strd/CdtrRefInf/Ref') ??
        remittance,
      description: text('AddtlNtryInf') ?? remittance ?? tx('AddtlTxInf'),
      balanceAfterFen: null,
      // The Stmt's Acct comes before its entries.
      statementAccount:
        this.statementValues.get('Acct/Id/IBAN')?.text || this.statementValues.get('Acct/Id/Othr/Id')?.text || null,
    };
  }

  private required(values: Map<string, Value>, key: string, field: string, line?: number): Value {
    const value = values.get(key);
    if (!value || value.text === '') {
      throw new StatementParseError(
        'the element is missing',
        { line: line ?? this.parser.line, field },
        ReconciliationErrorCode.STATEMENT_VALUE_MISSING,
      );
    }
    return value;
  }

  private sign(values: Map<string, Value>, field: string, line?: number): 'CRDT' | 'DBIT' {
    const value = this.required(values, 'CdtDbtInd', field, line);
    if (value.text !== 'CRDT' && value.text !== 'DBIT') {
      throw new StatementParseError(
        `'${value.text}' is neither CRDT nor DBIT`,
        { line: value.line, field },
        ReconciliationErrorCode.STATEMENT_DIRECTION_UNKNOWN,
        { value: value.text },
      );
    }
    return value.text;
  }
}

/**
 * Reads an ISO 20022 camt.053 statement as a stream (UTF-8, as the standard requires). A DOCTYPE is refused. Lines
 * are numbered by the entry's ordinal in the file (counting every Ntry); error locations use the XML line.
 */
export async function* parseCamt053Statement(
  input: Readable,
  limits?: Partial<StatementLimits>,
): AsyncGenerator<ParseEvent> {
  const reader = new Camt053Reader(limitsOrDefault(limits));
  for await (const chunk of decodeText(input, 'UTF-8')) {
    reader.write(chunk);
    yield* reader.drain();
  }
  reader.end();
  yield* reader.drain();
  yield { kind: 'summary', summary: reader.summary() };
}
