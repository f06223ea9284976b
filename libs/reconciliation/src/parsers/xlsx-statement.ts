import { type Readable } from 'node:stream';
import ExcelJS, { type CellValue } from 'exceljs';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, type ParseEvent } from './statement-types';
import { TabularStatementReader, type Cell, type RowIssue } from './tabular-statement';

/** exceljs's rich text, hyperlink, formula and error values reduced to what a cell shows. */
function toCell(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('result' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : result;
  }
  if ('error' in value) return value.error;
  return null;
}

/**
 * Reads the first worksheet of an XLSX export with exceljs's streaming reader, with the same mapping rules as CSV.
 * Line numbers are the sheet's row numbers. Numeric amount cells are converted exactly (see TabularStatementReader),
 * date cells are taken as calendar dates.
 */
export async function* parseXlsxStatement(
  input: Readable,
  mapping: ColumnMapping,
  options: { onIssue?: (issue: RowIssue) => void } = {},
): AsyncGenerator<ParseEvent> {
  const reader = new TabularStatementReader(mapping, options);
  // styles: 'cache' makes exceljs turn date-formatted numbers into Date objects.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let lastLine = 0;
  let first = true;
  try {
    for await (const worksheet of workbook) {
      // Later sheets are left unread; exceljs drains them so the archive is still read to its end.
      if (!first) continue;
      first = false;
      for await (const row of worksheet) {
        lastLine = row.number;
        const values = Array.isArray(row.values) ? row.values : [];
        // exceljs rows are 1-based: values[0] is always empty.
        const cells = Array.from(values.slice(1), toCell);
        const line = reader.row(cells, row.number);
        if (line) yield { kind: 'line', line };
      }
    }
  } catch (error) {
    if (error instanceof StatementParseError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StatementParseError(`the file is not a readable XLSX workbook (${reason})`, {
      line: lastLine || undefined,
    });
  } finally {
    // Stops reading when the consumer leaves early; a no-op once the archive has been read.
    if (!input.readableEnded) input.destroy();
  }
  yield { kind: 'summary', summary: reader.summary(lastLine) };
}
