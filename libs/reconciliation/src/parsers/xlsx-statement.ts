import { type Readable } from 'node:stream';
import { readSheetRows } from './spreadsheet-reader';
import { limitsOrDefault, StatementLimitError, type StatementLimits } from './statement-limits';
import { type ColumnMapping, type ParseEvent } from './statement-types';
import { TabularStatementReader, type RowIssue } from './tabular-statement';

/** The whole file; one larger than the unzipped limit cannot hold less once unzipped, so it is refused on the way. */
async function readAll(input: Readable, limits: StatementLimits): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of input) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += bytes.length;
      if (size > limits.maxUnzippedBytes) throw StatementLimitError.unzippedTooLarge(limits.maxUnzippedBytes, null);
      chunks.push(bytes);
    }
  } finally {
    if (!input.readableEnded) input.destroy();
  }
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
  options: { onIssue?: (issue: RowIssue) => void } = {},
  limits?: Partial<StatementLimits>,
): AsyncGenerator<ParseEvent> {
  const reader = new TabularStatementReader(mapping, options);
  const limit = limitsOrDefault(limits);
  let lastLine = 0;
  for await (const { rowNumber, cells } of readSheetRows(await readAll(input, limit), limit, mapping.date)) {
    lastLine = rowNumber;
    const line = reader.row(cells, rowNumber);
    if (line) yield { kind: 'line', line };
  }
  yield { kind: 'summary', summary: reader.summary(lastLine) };
}
