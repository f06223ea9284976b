import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import type { DisbursementConfirmation } from '@mla/loans';
import { StatementParseError } from '../parsers';
import { decodeText } from '../parsers/statement-text';

/** The columns of a disbursement confirmation file, by their English or Chinese header. */
const COLUMNS: Record<keyof DisbursementConfirmation, string[]> = {
  contractNumber: ['contractNumber', '合同号', '合同编号'],
  amountYuan: ['amountYuan', '金额', '放款金额'],
  valueDate: ['valueDate', '放款日期', '起息日'],
  borrowerAccount: ['borrowerAccount', '借款人账号', '收款账号'],
  bankLoanNumber: ['bankLoanNumber', '借据号', '贷款账号'],
  reference: ['reference', '放款流水号', '流水号', '银行流水号'],
};
const REQUIRED: (keyof DisbursementConfirmation)[] = [
  'contractNumber',
  'amountYuan',
  'valueDate',
  'borrowerAccount',
  'reference',
];

/** Small files only: a bank's confirmations of a day or a week. */
export const MAX_DISBURSEMENT_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a disbursement confirmation file (CSV, UTF-8 or GBK/GB18030, a header row of the column names above):
 * one confirmation per row, amounts with or without thousands separators, dates YYYY-MM-DD or YYYYMMDD. A row that
 * cannot be read is refused naming its line and column.
 */
export async function readDisbursementFile(bytes: Buffer): Promise<DisbursementConfirmation[]> {
  if (bytes.length === 0) throw new StatementParseError('the file is empty');
  if (bytes.length > MAX_DISBURSEMENT_FILE_BYTES) throw new StatementParseError('the file is larger than 5 MiB');
  // The same encoding detection as statements (UTF-8 without its BOM, else GB18030).
  let text = '';
  for await (const piece of decodeText(Readable.from([bytes]))) text += piece;
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new StatementParseError(`not a readable CSV file (${e.message})`, { line: e.lines });
  }
  const [header, ...data] = rows;
  const index = {} as Record<keyof DisbursementConfirmation, number>;
  for (const [key, names] of Object.entries(COLUMNS) as [keyof DisbursementConfirmation, string[]][]) {
    index[key] = header.findIndex((h) => names.includes(h));
    if (index[key] < 0 && REQUIRED.includes(key)) {
      throw new StatementParseError(`the header has no column ${names.join(' / ')}`, { line: 1, field: names[0] });
    }
  }
  return data.map((row, i) => {
    const line = i + 2;
    const cell = (key: keyof DisbursementConfirmation) => (index[key] >= 0 ? (row[index[key]] ?? '').trim() : '');
    const amount = cell('amountYuan').replaceAll(',', '');
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(amount)) {
      throw new StatementParseError(`'${cell('amountYuan')}' is not an amount in yuan`, {
        line,
        field: header[index.amountYuan],
      });
    }
    const rawDate = cell('valueDate');
    const date = /^\d{8}$/.test(rawDate)
      ? `${rawDate.slice(0, 4)}-${rawDate.slice(4, 6)}-${rawDate.slice(6)}`
      : rawDate;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new StatementParseError(`'${rawDate}' is not a date`, { line, field: header[index.valueDate] });
    }
    for (const key of REQUIRED) {
      if (!cell(key)) throw new StatementParseError('is empty', { line, field: header[index[key]] });
    }
    return {
      contractNumber: cell('contractNumber'),
      amountYuan: amount,
      valueDate: date,
      borrowerAccount: cell('borrowerAccount'),
      bankLoanNumber: cell('bankLoanNumber') || null,
      reference: cell('reference'),
    };
  });
}
