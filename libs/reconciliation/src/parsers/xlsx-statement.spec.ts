import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BANK_PRESETS } from './csv-statement';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';
import { parseXlsxStatement } from './xlsx-statement';

async function collect(events: AsyncIterable<ParseEvent>): Promise<{ lines: ParsedLine[]; summary: StatementSummary }> {
  const lines: ParsedLine[] = [];
  let summary: StatementSummary | null = null;
  for await (const event of events) {
    if (event.kind === 'line') lines.push(event.line);
    else summary = event.summary;
  }
  if (!summary) throw new Error('no summary event');
  return { lines, summary };
}

type Row = ExcelJS.CellValue[];

async function workbook(rows: Row[], extraSheet?: Row[]): Promise<Readable> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('明细');
  for (const row of rows) sheet.addRow(row);
  if (extraSheet) {
    const other = book.addWorksheet('汇总');
    for (const row of extraSheet) other.addRow(row);
  }
  const bytes = await book.xlsx.writeBuffer();
  return Readable.from([Buffer.from(bytes)]);
}

const utc = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));
const RCC_HEADER: Row = [
  '交易日期',
  '交易时间',
  '摘要',
  '借方发生额',
  '贷方发生额',
  '余额',
  '对方户名',
  '对方账号',
  '流水号',
  '附言',
];

describe('parseXlsxStatement', () => {
  it('reads the first worksheet with the RCC mapping: title rows, Date cells, numeric and text amounts', async () => {
    const input = await workbook(
      [
        ['土默特右旗农村信用合作联社 账户交易明细'],
        ['账号: 6228480000000000018 币种: 人民币'],
        RCC_HEADER,
        [
          utc(2024, 1, 5),
          '09:30:15',
          '贴息到账',
          null,
          1200,
          5200,
          '土默特右旗财政局',
          '15050000000000000001',
          'RC001',
          '贴息',
        ],
        [utc(2024, 1, 10), '10:15:00', '贷款还款', '3,000.00', '', 2200, null, null, 'RC002', '还款'],
        [utc(2024, 1, 10), '10:15:01', '结息', 0, 0, 2200, '--', '--', 'RC003', null],
        // A formula's binary noise (0.1 + 0.2) is not a third decimal.
        [
          20240115,
          '16:00:00',
          '转账存入',
          null,
          { formula: '0.1+0.2', result: 0.30000000000000004 },
          2200.3,
          '张桂兰',
          null,
          'RC004',
          null,
        ],
        [
          utc(2024, 1, 16),
          '08:00:00',
          '取现',
          { richText: [{ text: '1,000' }, { text: '.50' }] },
          null,
          1199.8,
          null,
          null,
          'RC005',
          null,
        ],
      ],
      [
        ['交易日期', '其他'],
        ['不是明细', 'x'],
      ],
    );
    const { lines, summary } = await collect(parseXlsxStatement(input, BANK_PRESETS.RCC));
    expect(lines).toEqual([
      {
        lineNumber: 4,
        bankTransactionId: 'RC001',
        bookingDate: '2024-01-05',
        valueDate: null,
        amountFen: 120_000n,
        currency: 'CNY',
        counterpartyName: '土默特右旗财政局',
        counterpartyAccount: '15050000000000000001',
        reference: '贴息',
        description: '贴息到账',
        balanceAfterFen: 520_000n,
      },
      expect.objectContaining({
        lineNumber: 5,
        bookingDate: '2024-01-10',
        amountFen: -300_000n,
        balanceAfterFen: 220_000n,
      }),
      expect.objectContaining({ lineNumber: 7, bookingDate: '2024-01-15', amountFen: 30n, balanceAfterFen: 220_030n }),
      expect.objectContaining({
        lineNumber: 8,
        bookingDate: '2024-01-16',
        amountFen: -100_050n,
        balanceAfterFen: 119_980n,
      }),
    ]);
    expect(summary).toMatchObject({
      openingBalanceFen: 400_000n,
      openingDate: '2024-01-05',
      closingBalanceFen: 119_980n,
      closingDate: '2024-01-16',
    });
  });

  it('reads a signed amount column with string dates, like the CSV exports', async () => {
    const mapping: ColumnMapping = BANK_PRESETS.CMB;
    const input = await workbook([
      ['记账日期', '货币', '交易金额', '联机余额', '交易摘要', '对手信息', '客户摘要'],
      ['2024-01-01', 'CNY', '1,234.00', '1,271.66', '代发住房公积金', '北京住房公积金管理中心', '约定提取'],
      ['2024-01-02', 'CNY', -1000, 271.66, '转账汇款', '张三', '转账'],
    ]);
    const { lines, summary } = await collect(parseXlsxStatement(input, mapping));
    expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.currency])).toEqual([
      [2, '2024-01-01', 123_400n, 'CNY'],
      [3, '2024-01-02', -100_000n, 'CNY'],
    ]);
    expect(summary).toMatchObject({ openingBalanceFen: 3_766n, closingBalanceFen: 27_166n });
  });

  it('refuses a numeric amount with a third decimal, naming the row and column', async () => {
    const input = await workbook([
      RCC_HEADER,
      [utc(2024, 1, 5), '', '贴息', null, 1.005, 1.005, null, null, 'X', null],
    ]);
    await expect(collect(parseXlsxStatement(input, BANK_PRESETS.RCC))).rejects.toMatchObject({
      message: "line 2, field 贷方发生额: '1.00500000000000' has more than 2 decimal places",
      details: { line: 2, field: '贷方发生额' },
    });
  });

  it('refuses bytes that are not an XLSX workbook', async () => {
    const error = await collect(
      parseXlsxStatement(Readable.from([Buffer.from('交易日期,金额\n')]), BANK_PRESETS.RCC),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as StatementParseError).message).toMatch(/^the file is not a spreadsheet/);
  });
});
