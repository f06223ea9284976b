import { type Readable } from 'node:stream';
import { ReconciliationErrorCode } from '../errors';
import { limitsOrDefault, type StatementLimits } from './statement-limits';
import { StatementParseError, type StatementLocation } from './statement-parse-error';
import { decodeText, isoDate, parseDecimalToMinor, splitLines } from './statement-text';
import { type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';

interface Tag {
  id: string;
  text: string;
  line: number;
}

interface Balance {
  fen: bigint;
  date: string;
  currency: string;
}

const TAG_START = /^:(\d{2}[A-Z]?|NS):/;
const BALANCE = /^([CD])(\d{2})(\d{2})(\d{2})([A-Z]{3})(\d+(?:,\d*)?)$/;
// :61: 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] — value date, entry date, (R)C/(R)D, funds code, amount, type, references.
const STATEMENT_LINE = /^(\d{2})(\d{2})(\d{2})(\d{4})?(R?[CD])([A-Z])?(\d[\d,]*)([A-Z][A-Z0-9]{3})(.*)$/;

/** SWIFT years are two digits; statements are from this century. */
function swiftDate(yy: string, mm: string, dd: string, text: string, where: StatementLocation): string {
  return isoDate(2000 + Number(yy), Number(mm), Number(dd), text, where);
}

/**
 * A small exact MT940 reader: only :20:, :25:, :60F/M:, :61:, :86: and :62F/M: matter here, amounts become minor
 * units by string handling (comma decimals), and every error names the file line and the tag. Messages may come with
 * SWIFT blocks ({1:…}{2:…}{4: … -}) or as plain :20:-started texts separated by '-'.
 */
class Mt940Reader {
  private readonly ready: ParseEvent[] = [];
  private tag: Tag | null = null;
  private pending: ParsedLine | null = null;
  private currency: string | null = null;
  private statementLines = 0;
  private tagsSeen = 0;
  private statementId: string | null = null;
  private account: string | null | undefined = undefined;
  /** The :25: of the statement being read: its lines are that account's. */
  private currentAccount: string | null = null;
  private sameAccount = true;
  private opening: Balance | null = null;
  private closing: Balance | null = null;
  /** The tag line of an opening balance (:60F:/:60M:) not yet closed by :62F:/:62M: (a file cut short). */
  private openedAt: number | null = null;

  line(raw: string, lineNumber: number): void {
    const text = raw.trimEnd();
    if (text.trim() === '') return;
    if (text.startsWith('{')) {
      if (/\{2:[IO]942/.test(text)) throw interimReport(lineNumber);
      // Header blocks start a message; the text block's content may follow '{4:' on the same line.
      this.finishTag();
      const start = text.indexOf('{4:');
      const rest = start >= 0 ? text.slice(start + 3) : '';
      if (rest.trim() !== '') this.line(rest, lineNumber);
      return;
    }
    if (text.startsWith('-}') || text === '-') {
      this.finishTag();
      return;
    }
    const match = TAG_START.exec(text);
    if (match) {
      this.finishTag();
      this.tag = { id: match[1], text: text.slice(match[0].length), line: lineNumber };
      return;
    }
    // A continuation of the open tag (:86: texts, :61: supplementary details); lines between messages
    // (bank preambles such as 'ABNANL2A' / '940') belong to no tag and are passed over.
    if (this.tag) this.tag.text += `\n${text}`;
  }

  end(): void {
    this.finishTag();
    this.finishLine();
    if (this.tagsSeen === 0) {
      throw new StatementParseError(
        'no MT940 statement (:20: … :62F:) was found',
        {},
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    }
    if (this.openedAt !== null) {
      throw new StatementParseError(
        'the file ends before the closing balance (:62F:) of this statement: it is cut short',
        {
          line: this.openedAt,
          field: '60F',
        },
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    }
  }

  drain(): ParseEvent[] {
    return this.ready.splice(0, this.ready.length);
  }

  /** Opening from the first :60F:/:60M:, closing from the last :62F:/:62M:; null when the file mixes accounts. */
  summary(): StatementSummary {
    const comparable = this.sameAccount;
    return {
      accountIdentifier: comparable ? (this.account ?? null) : null,
      currency: comparable ? (this.opening?.currency ?? this.closing?.currency ?? null) : null,
      statementId: this.statementId,
      openingBalanceFen: comparable ? (this.opening?.fen ?? null) : null,
      openingDate: comparable ? (this.opening?.date ?? null) : null,
      closingBalanceFen: comparable ? (this.closing?.fen ?? null) : null,
      closingDate: comparable ? (this.closing?.date ?? null) : null,
    };
  }

  private finishTag(): void {
    const tag = this.tag;
    this.tag = null;
    if (!tag) return;
    this.tagsSeen += 1;
    // The tag without its colons, so that the message reads "line 16, field 61: …".
    const field = tag.id;
    const where: StatementLocation = { line: tag.line, field };
    const firstLine = tag.text.split('\n')[0].trim();
    switch (tag.id) {
      case '20':
        this.finishLine();
        this.currency = null;
        this.statementId ??= firstLine || null;
        break;
      case '25':
        this.finishLine();
        this.currentAccount = firstLine || null;
        if (this.account === undefined) this.account = firstLine || null;
        else if (this.account !== (firstLine || null)) this.sameAccount = false;
        break;
      case '60F':
      case '60M': {
        this.finishLine();
        const balance = this.balance(firstLine, where);
        this.currency = balance.currency;
        this.opening ??= balance;
        this.openedAt = tag.line;
        break;
      }
      case '61':
        this.finishLine();
        this.statementLines += 1;
        this.pending = this.statementLine(firstLine, where);
        break;
      case '86':
        // The :86: right after a :61: describes it; one elsewhere is statement information.
        if (this.pending && this.pending.description === null) this.pending.description = tag.text.trim() || null;
        break;
      case 'NS':
        break;
      case '13D':
      case '34F':
      case '90D':
      case '90C':
        // Tags of MT942, the interim (intraday) report: its lines are not final.
        throw interimReport(tag.line);
      case '62F':
      case '62M':
        this.finishLine();
        this.closing = this.balance(firstLine, where);
        this.openedAt = null;
        break;
      default:
        this.finishLine();
    }
  }

  private finishLine(): void {
    if (this.pending) this.ready.push({ kind: 'line', line: this.pending });
    this.pending = null;
  }

  private balance(text: string, where: StatementLocation): Balance {
    const match = BALANCE.exec(text);
    if (!match) {
      throw new StatementParseError(
        `'${text}' is not a balance (C/D, YYMMDD, currency, amount)`,
        where,
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    }
    const [, mark, yy, mm, dd, currency, amount] = match;
    const fen = parseDecimalToMinor(amount, currency, where, ',');
    return { fen: mark === 'D' ? -fen : fen, date: swiftDate(yy, mm, dd, text, where), currency };
  }

  /** A :61: line, or null when it moves no money. */
  private statementLine(text: string, where: StatementLocation): ParsedLine | null {
    const match = STATEMENT_LINE.exec(text);
    if (!match)
      throw new StatementParseError(
        `'${text}' is not a statement line`,
        where,
        ReconciliationErrorCode.STATEMENT_MALFORMED,
      );
    const [, yy, mm, dd, entry, mark, , amount, , references] = match;
    const valueDate = swiftDate(yy, mm, dd, text, where);
    const fen = parseDecimalToMinor(amount, this.currency, where, ',');
    if (fen === 0n) return null;
    // C and RD (a debit reversed) bring money in; D and RC take it out.
    const credit = mark === 'C' || mark === 'RD';
    const split = references.indexOf('//');
    const customerReference = (split >= 0 ? references.slice(0, split) : references).trim();
    const bankReference = split >= 0 ? references.slice(split + 2).trim() : '';
    return {
      lineNumber: this.statementLines,
      bankTransactionId: bankReference || null,
      bookingDate: entry ? this.entryDate(Number(yy), Number(mm), entry, text, where) : valueDate,
      valueDate,
      amountFen: credit ? fen : -fen,
      currency: this.currency,
      counterpartyName: null,
      counterpartyAccount: null,
      reference: customerReference && customerReference !== 'NONREF' ? customerReference : null,
      description: null,
      balanceAfterFen: null,
      statementAccount: this.currentAccount,
    };
  }

  /** The entry date has no year: the value date's, moved across a year end (value 31 Dec, entry 02 Jan). */
  private entryDate(valueYy: number, valueMonth: number, mmdd: string, text: string, where: StatementLocation): string {
    const month = Number(mmdd.slice(0, 2));
    const day = Number(mmdd.slice(2));
    let year = 2000 + valueYy;
    if (month - valueMonth > 6) year -= 1;
    if (valueMonth - month > 6) year += 1;
    return isoDate(year, month, day, text, where);
  }
}

function interimReport(line: number): StatementParseError {
  return new StatementParseError(
    'this is an MT942 interim report, not a statement',
    { line },
    ReconciliationErrorCode.STATEMENT_INTERIM_REPORT,
  );
}

/**
 * Reads an MT940 file as a stream of lines. The :61: lines are numbered by their ordinal in the file; the bank
 * reference (after '//') is the bank's id, the customer reference ('NONREF' = none) the reference, :86: the description.
 */
export async function* parseMt940Statement(
  input: Readable,
  limits?: Partial<StatementLimits>,
): AsyncGenerator<ParseEvent> {
  const reader = new Mt940Reader();
  let lineNumber = 0;
  for await (const line of splitLines(decodeText(input, 'AUTO_SWIFT'), limitsOrDefault(limits))) {
    lineNumber += 1;
    reader.line(line, lineNumber);
    yield* reader.drain();
  }
  if (lineNumber === 0) throw new StatementParseError('the file is empty', {}, ReconciliationErrorCode.FILE_EMPTY);
  reader.end();
  yield* reader.drain();
  yield { kind: 'summary', summary: reader.summary() };
}
