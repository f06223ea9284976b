import { type Readable } from 'node:stream';
import { CsvError, parse, type Parser } from 'csv-parse';
import { StatementParseError } from './statement-parse-error';
import { decodeText } from './statement-text';
import { type ColumnMapping, type ParseEvent } from './statement-types';
import { TabularStatementReader, type RowIssue } from './tabular-statement';

export { BANK_PRESETS } from './bank-presets';

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

function malformed(error: Error, reader: TabularStatementReader, lastLine: number): Error {
  if (!(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? error.lines : lastLine + 1;
  const field = typeof error.column === 'number' ? reader.headerAt(error.column) : undefined;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse only notices at the end of the file; the quote opened in the row after the last complete one.
    const where = { line: lastLine + 1, field };
    return new StatementParseError(
      `a quoted field opened in this row is never closed (the file ends at line ${line})`,
      where,
    );
  }
  return new StatementParseError(`the CSV is malformed (${error.message})`, { line, field });
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
): AsyncGenerator<ParseEvent> {
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
  let lastLine = 0;
  try {
    let head = '';
    for (let chunk = await chunks.next(); ; chunk = await chunks.next()) {
      const text = chunk.done ? null : chunk.value;
      let pieces: (string | null)[] = [text];
      if (parser === null) {
        // The delimiter is decided on the header row: text is held back until it has come (or 64 KB have).
        head += text ?? '';
        if (text !== null && !head.includes(mapping.date) && head.length < 64 * 1024) continue;
        parser = makeParser(delimiterOf(mapping, head));
        pieces = text === null ? [head, null] : [head];
        head = '';
      }
      for (const piece of pieces) {
        const failure = await feed(parser, piece);
        for (const { record, line: lineNumber } of records.splice(0, records.length)) {
          lastLine = lineNumber;
          const line = reader.row(record, lineNumber);
          if (line) yield { kind: 'line', line };
        }
        if (failure) throw malformed(failure, reader, lastLine);
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
