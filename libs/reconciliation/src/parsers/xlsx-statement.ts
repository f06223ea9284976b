import { type Readable } from 'node:stream';
import { readSheetRows } from './spreadsheet-reader';
import { limitsOrDefault, type StatementLimits } from './statement-limits';
import { type ColumnMapping, type ParseEvent } from './statement-types';
import { TabularStatementReader } from './tabular-statement';

async function readAll(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * Reads the first worksheet of a spreadsheet export (.xlsx; .xls, BIFF8; WPS .et, OLE2 or zipped), told apart by its
 * bytes, with the same mapping rules as CSV. The file is read into memory (a statement workbook is a few MB; the
 * upload and unzipped-size limits bound it) and parsed in a worker thread (see readSheetRows). Line numbers are the
 * sheet's row numbers. Numeric amount cells are converted exactly (see TabularStatementReader), date cells are taken
 * as calendar dates.
 */
export async function* parseXlsxStatement(
  input: Readable,
  mapping: ColumnMapping,
  limits?: Partial<StatementLimits>,
): AsyncGenerator<ParseEvent> {
  const reader = new TabularStatementReader(mapping);
  let lastLine = 0;
  for await (const { rowNumber, cells } of readSheetRows(await readAll(input), limitsOrDefault(limits))) {
    lastLine = rowNumber;
    const line = reader.row(cells, rowNumber);
    if (line) yield { kind: 'line', line };
  }
  yield { kind: 'summary', summary: reader.summary(lastLine) };
}
