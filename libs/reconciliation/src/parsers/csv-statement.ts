import { type Readable } from 'node:stream';
import { CsvError, parse, type Parser } from 'csv-parse';
import { limitsOrDefault, StatementLimitError, type StatementLimits } from './statement-limits';
import { StatementParseError } from './statement-parse-error';
import { decodeText } from './statement-text';
import { LineLengthGuard, LoopTurns } from './text-lines';
import { type ColumnMapping, type ParseEvent } from './statement-types';
import { TabularStatementReader, type RowIssue } from './tabular-statement';
import { ReconciliationErrorCode } from '../errors';

export { BANK_PRESETS } from './bank-presets';

/**
 * Text given to csv-parse at a time: it spends about a microsecond per character of a long field, so a larger piece
 * could hold the event loop too long; the loop gets a turn between pieces when the reading ran long.
 */
const FEED_CHARS = 16 * 1024;

interface CsvRecord {
  record: string[];
  line: number;
}

/** Writes to the parser (or ends it) and resolves with the parse error, if any, once the chunk is processed. */
function feed(parser: Parser, text: string | null): Promise<Error | null> {
  return new Promise((resolve) => {
    const done = (error?: Error | null): void => resolve(error ?? null);
    if (text === null) parser.end(done);
    else parser.write(text, done);
  });
}

/** The mapping's delimiter; AUTO: a tab when the header row (the one naming the date column) has more tabs than commas. */
function delimiterOf(mapping: ColumnMapping, firstText: string): string {
  if (mapping.delimiter === 'TAB') return '\t';
  if (mapping.delimiter === 'COMMA') return ',';
  const lines = firstText.split(/\r\n|\n|\r/);
  const header = lines.find((line) => line.includes(mapping.date)) ?? lines[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

function malformed(error: Error, reader: TabularStatementReader, lastLine: number, limits: StatementLimits): Error {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? error.lines : lastLine + 1;
  if (error.code === 'CSV_MAX_RECORD_SIZE') return StatementLimitError.lineTooLong(limits.maxLineChars, line);
  const field = typeof error.column === 'number' ? reader.headerAt(error.column) : undefined;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse only notices at the end of the file; the quote opened in the row after the last complete one.
    const where = { line: lastLine + 1, field };
    return new StatementParseError(
      `a quoted field opened in this row is never closed (the file ends at line ${line})`,
      where,
      ReconciliationErrorCode.STATEMENT_MALFORMED,
    );
  }
  return new StatementParseError(
    `the CSV is malformed (${error.message})`,
    { line, field },
    ReconciliationErrorCode.STATEMENT_MALFORMED,
  );
}

/**
 * Reads a bank's CSV export as a stream: the encoding is detected from the first bytes (unless the mapping fixes it),
 * title lines before the header row are skipped, and each data row becomes a line as soon as it is read. Line
 * numbers are the file's (1-based, title lines counted). The summary comes last; see TabularStatementReader for how
 * the opening and closing balances are found.
 */
export async function* parseCsvStatement(
  input: Readable,
  mapping: ColumnMapping,
  options: { onIssue?: (issue: RowIssue) => void } = {},
  limits?: Partial<StatementLimits>,
): AsyncGenerator<ParseEvent> {
  const limit = limitsOrDefault(limits);
  const reader = new TabularStatementReader(mapping, { refuseExtraCells: true, onIssue: options.onIssue });
  const records: CsvRecord[] = [];
  let parser: Parser | null = null;
  const makeParser = (delimiter: string): Parser => {
    const made = parse({
      delimiter,
      // Exports leave trailing cells out (ABC's 正常还款 row) and title lines have one cell.
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      // A record (a line, or lines inside quotes) longer than this is refused as soon as it gets that long.
      max_record_size: limit.maxLineChars,
      // Records are taken here, synchronously while a chunk is parsed, so the rows before a CSV error are still seen
      // (a stream destroyed by the error would drop the records it had buffered). Nothing is pushed downstream.
      on_record: (record: string[], context) => {
        records.push({ record, line: context.lines });
        // With relax_column_count the parser still builds an error (stack trace and all) for every record whose
        // length differs from the first one's, the one-cell title line: after the header, every row. Expecting the
        // length last seen keeps that to rows that change it (a 200,000-line file parses four times faster).
        (made as unknown as { state: { expectedRecordLength: number } }).state.expectedRecordLength = record.length;
        return null;
      },
    });
    made.on('error', () => undefined); // reported through feed()
    return made;
  };
  const chunks = decodeText(input, mapping.encoding ?? 'AUTO');
  const lineLengths = new LineLengthGuard(limit.maxLineChars);
  const turns = new LoopTurns();
  const ready: ParseEvent[] = [];
  let held = '';
  let lastLine = 0;
  /** Feeds a piece (null: the end); the lines it completed go to `ready`; the problem, if any, is returned. */
  const feedAndRead = async (active: Parser, text: string | null): Promise<Error | null> => {
    const failure = await feed(active, text);
    for (const { record, line: lineNumber } of records.splice(0, records.length)) {
      lastLine = lineNumber;
      const line = reader.row(record, lineNumber);
      if (line) ready.push({ kind: 'line', line });
    }
    if (failure) return malformed(failure, reader, lastLine, limit);
    if (active.info.lines > limit.maxLines) return StatementLimitError.tooManyLines(limit.maxLines, active.info.lines);
    return null;
  };
  try {
    let head = '';
    for (let chunk = await chunks.next(); ; chunk = await chunks.next()) {
      let text: string;
      if (chunk.done) {
        text = held;
      } else {
        // The text after the chunk's last line break waits for the rest of its line, so that a line too long is
        // refused by the guard before csv-parse spends any time on it.
        lineLengths.watch(chunk.value);
        const lastBreak = Math.max(chunk.value.lastIndexOf('\n'), chunk.value.lastIndexOf('\r'));
        if (lastBreak < 0) {
          held += chunk.value;
          continue;
        }
        text = held + chunk.value.slice(0, lastBreak + 1);
        held = chunk.value.slice(lastBreak + 1);
      }
      if (parser === null) {
        // The delimiter is decided on the header row: text is held back until it has come (or 64 KiB have).
        head += text;
        if (!chunk.done && !head.includes(mapping.date) && head.length < 64 * 1024) continue;
        parser = makeParser(delimiterOf(mapping, head));
        text = head;
        head = '';
      }
      const active = parser;
      for (let at = 0; at < text.length || (chunk.done && at === 0); at += FEED_CHARS) {
        let failure = at < text.length ? await feedAndRead(active, text.slice(at, at + FEED_CHARS)) : null;
        if (!failure && chunk.done && at + FEED_CHARS >= text.length) failure = await feedAndRead(active, null);
        // The lines before a problem are handed out first, as they were read.
        yield* ready.splice(0, ready.length);
        if (failure) throw failure;
        await turns.take();
      }
      if (chunk.done) break;
    }
  } finally {
    // Also ends the input when the consumer leaves early.
    parser?.destroy();
    await chunks.return(undefined);
  }
  yield { kind: 'summary', summary: reader.summary(lastLine) };
}
