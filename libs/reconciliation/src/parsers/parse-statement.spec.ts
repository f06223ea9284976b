import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  BANK_PRESETS,
  parseStatement,
  sniffFormat,
  StatementFormat,
  StatementParseError,
  type ParseEvent,
} from './index';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements');
const head = (file: string): Buffer => readFileSync(path.join(FIXTURES, file)).subarray(0, 4096);

async function count(events: AsyncIterable<ParseEvent>): Promise<{ lines: number; summaries: number }> {
  let lines = 0;
  let summaries = 0;
  for await (const event of events) {
    if (event.kind === 'line') lines += 1;
    else summaries += 1;
  }
  return { lines, summaries };
}

async function xlsxBytes(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('明细');
  sheet.addRow(['记账日期', '货币', '交易金额', '联机余额', '交易摘要', '对手信息', '客户摘要']);
  sheet.addRow(['2024-01-01', 'CNY', 12.5, 100, '转账', '张三', '贴息']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('sniffFormat', () => {
  it('recognises every fixture and an XLSX workbook', async () => {
    expect(sniffFormat(head('cn-csv/abc-debit.csv'))).toBe(StatementFormat.CSV);
    expect(sniffFormat(head('cn-csv/boc-debit.csv'))).toBe(StatementFormat.CSV);
    expect(sniffFormat(head('cn-csv/cmb-debit.csv'))).toBe(StatementFormat.CSV);
    expect(sniffFormat(head('camt053/ing-example_camt.xml'))).toBe(StatementFormat.CAMT053);
    expect(sniffFormat(head('camt053/nordea-example_camt.xml'))).toBe(StatementFormat.CAMT053);
    expect(sniffFormat(head('camt053/goldman_sachs-camt_053_uk_v2_1.xml'))).toBe(StatementFormat.CAMT053);
    expect(sniffFormat(head('mt940/centrapay-test1.mt940'))).toBe(StatementFormat.MT940);
    expect(sniffFormat((await xlsxBytes()).subarray(0, 4096))).toBe(StatementFormat.XLSX);
    // An online bank's "Excel" download that is an HTML table (GB2312).
    expect(sniffFormat(head('corpus/abc-html-table.xls'), 'abc.xls')).toBe(StatementFormat.XLSX);
    expect(sniffFormat(Buffer.from('<html><body><p>no table here</p></body></html>'))).toBeNull();
  });

  it('knows plain MT940, BOM-prefixed CSV, foreign XML, old .xls (a spreadsheet) and empty input', () => {
    expect(sniffFormat(Buffer.from(':20:STMT\r\n:25:123\r\n'))).toBe(StatementFormat.MT940);
    expect(sniffFormat(Buffer.from('ABNANL2A\r\n940\r\nABNANL2A\r\n:20:ABN\r\n'))).toBe(StatementFormat.MT940);
    expect(sniffFormat(Buffer.from('\ufeff交易日期,金额\n', 'utf8'))).toBe(StatementFormat.CSV);
    expect(
      sniffFormat(
        Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">'),
      ),
    ).toBeNull();
    expect(sniffFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(StatementFormat.XLSX);
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0), '对账单.CSV')).toBe(StatementFormat.CSV);
    expect(sniffFormat(Buffer.alloc(0), 'statement.sta')).toBe(StatementFormat.MT940);
  });
});

describe('parseStatement', () => {
  it('dispatches every format', async () => {
    const csv = parseStatement(
      createReadStream(path.join(FIXTURES, 'cn-csv/boc-debit.csv')),
      StatementFormat.CSV,
      BANK_PRESETS.BOC,
    );
    expect(await count(csv)).toEqual({ lines: 17, summaries: 1 });
    const xlsx = parseStatement(Readable.from([await xlsxBytes()]), StatementFormat.XLSX, BANK_PRESETS.CMB);
    expect(await count(xlsx)).toEqual({ lines: 1, summaries: 1 });
    const camt = parseStatement(
      createReadStream(path.join(FIXTURES, 'camt053/ing-example_camt.xml')),
      StatementFormat.CAMT053,
    );
    expect(await count(camt)).toEqual({ lines: 9, summaries: 1 });
    const mt940 = parseStatement(
      createReadStream(path.join(FIXTURES, 'mt940/centrapay-test1.mt940')),
      StatementFormat.MT940,
    );
    expect(await count(mt940)).toEqual({ lines: 3, summaries: 1 });
  });

  it('needs a column mapping for CSV and XLSX', () => {
    for (const format of [StatementFormat.CSV, StatementFormat.XLSX]) {
      expect(() => parseStatement(Readable.from([]), format)).toThrow(StatementParseError);
      expect(() => parseStatement(Readable.from([]), format)).toThrow(`a ${format} statement needs a column mapping`);
    }
  });

  it('ends the input when the consumer stops early', async () => {
    for (const [file, format] of [
      ['cn-csv/boc-debit.csv', StatementFormat.CSV],
      ['camt053/ing-example_camt.xml', StatementFormat.CAMT053],
      ['mt940/centrapay-test1.mt940', StatementFormat.MT940],
    ] as const) {
      const input = createReadStream(path.join(FIXTURES, file), { highWaterMark: 64 });
      for await (const event of parseStatement(input, format, BANK_PRESETS.BOC)) {
        expect(event.kind).toBe('line');
        break;
      }
      expect(input.destroyed).toBe(true);
    }
  });
});
