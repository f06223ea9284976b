import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { BANK_PRESETS, parseCsvStatement } from './csv-statement';
import { StatementParseError } from './statement-parse-error';
import { type ColumnMapping, type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements/cn-csv');
// The anonymised ABC and CMB examples changed amounts without their balances: the running balance is not checked.
const ABC: ColumnMapping = { ...BANK_PRESETS.ABC, checkBalances: false };
const CMB: ColumnMapping = { ...BANK_PRESETS.CMB, checkBalances: false };

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

const fixture = (name: string): Readable => createReadStream(path.join(FIXTURES, name));
/** The bytes in small pieces, so multi-byte characters are cut across chunks. */
const chunked = (bytes: Buffer, size = 7): Readable =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );
const text = (content: string): Readable => Readable.from([Buffer.from(content, 'utf8')]);

async function failure(events: AsyncIterable<ParseEvent>): Promise<StatementParseError> {
  try {
    await collect(events);
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError');
}

describe('parseCsvStatement', () => {
  describe('ABC (中国农业银行) fixture', () => {
    it('reads the four lines that move money and skips 利息税 +0.00', async () => {
      const { lines, summary } = await collect(parseCsvStatement(fixture('abc-debit.csv'), ABC));
      expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.balanceAfterFen])).toEqual([
        [2, '2024-01-01', 1_000_000n, 1_100_000n],
        [3, '2024-01-02', -1_000n, 1_100_000n],
        [4, '2024-01-03', -1_234_589n, 194_312n],
        [5, '2024-01-04', 1n, 12_335n],
      ]);
      expect(lines[0]).toEqual({
        lineNumber: 2,
        bankTransactionId: '369396693',
        bookingDate: '2024-01-01',
        valueDate: null,
        amountFen: 1_000_000n,
        currency: null,
        counterpartyName: '哈哈',
        counterpartyAccount: null,
        reference: '转账',
        description: '转存',
        balanceAfterFen: 1_100_000n,
      });
      // The 正常还款 row lacks its last two cells; the interest row has '--' and the 0000000000 placeholder id.
      expect(lines[2]).toMatchObject({ bankTransactionId: '111222333', reference: null, description: '正常还款' });
      expect(lines[3]).toMatchObject({ bankTransactionId: null, counterpartyName: null, reference: '个人活期结息' });
      expect(summary).toEqual({
        accountIdentifier: null,
        currency: null,
        statementId: null,
        openingBalanceFen: 100_000n,
        openingDate: '2024-01-01',
        closingBalanceFen: 12_335n,
        closingDate: '2024-01-04',
      });
    });

    it('reads a GB18030 copy (cut into 7-byte chunks) exactly like the UTF-8 file', async () => {
      const utf8 = readFileSync(path.join(FIXTURES, 'abc-debit.csv'), 'utf8');
      const gbk = iconv.encode(utf8, 'gb18030');
      expect(gbk.equals(Buffer.from(utf8, 'utf8'))).toBe(false);
      const fromGbk = await collect(parseCsvStatement(chunked(gbk), ABC));
      const fromUtf8 = await collect(parseCsvStatement(fixture('abc-debit.csv'), ABC));
      expect(fromGbk).toEqual(fromUtf8);
      expect(fromGbk.lines[1].counterpartyName).toBe('微信支付北京一卡通');
    });
  });

  describe('BOC (中国银行) fixture', () => {
    it('skips the title line, reads 17 lines newest first, and takes opening/closing by date and time', async () => {
      const { lines, summary } = await collect(parseCsvStatement(fixture('boc-debit.csv'), BANK_PRESETS.BOC));
      expect(lines).toHaveLength(17);
      expect(lines[0]).toEqual({
        lineNumber: 3,
        bankTransactionId: null,
        bookingDate: '2025-08-22',
        valueDate: null,
        amountFen: -7_189n,
        currency: 'CNY',
        counterpartyName: '张三',
        counterpartyAccount: '6226******5669',
        reference: null, // '----------'
        description: '无卡支付',
        balanceAfterFen: 324_028n,
      });
      // "-2,600.00" and "5,771.00": thousands separators inside quotes.
      expect(lines.find((l) => l.lineNumber === 10)).toMatchObject({ amountFen: -260_000n, balanceAfterFen: 397_311n });
      expect(lines.find((l) => l.lineNumber === 14)).toMatchObject({ amountFen: 577_100n, description: '工资' });
      expect(lines[16]).toMatchObject({ lineNumber: 19, bookingDate: '2025-08-01', amountFen: 100_000n });
      expect(lines.reduce((sum, l) => sum + l.amountFen, 0n)).toBe(42_670n);
      // Earliest: 2025-08-01 08:57:00 (+1,000.00 → 3,813.58), the file's last row; latest: 2025-08-22 17:57:17.
      expect(summary).toMatchObject({
        currency: 'CNY',
        openingBalanceFen: 281_358n,
        openingDate: '2025-08-01',
        closingBalanceFen: 324_028n,
        closingDate: '2025-08-22',
      });
      expect(summary.openingBalanceFen! + 42_670n).toBe(summary.closingBalanceFen);
    });
  });

  describe('CMB (招商银行) fixture', () => {
    it('reads five lines in file order and takes opening/closing from the earliest and latest dates', async () => {
      const { lines, summary } = await collect(parseCsvStatement(fixture('cmb-debit.csv'), CMB));
      expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.balanceAfterFen])).toEqual([
        [2, '2024-01-01', 123_400n, 127_166n],
        [3, '2024-01-01', -100_000n, 27_166n],
        [4, '2024-01-27', -300n, 8_122n],
        [5, '2024-01-20', -100_000n, 12_345n],
        [6, '2024-01-23', -1_014n, 121_824n],
      ]);
      expect(lines[0]).toMatchObject({
        currency: 'CNY',
        counterpartyName: '北京住房公积金管理中心1111111111',
        reference: '01月01日约定提取',
        description: '代发住房公积金',
      });
      expect(lines[3]).toMatchObject({ counterpartyName: null, reference: '银联 ATM 取款，中国银行' });
      // Two lines on 2024-01-01 without times: file order, so the first one opens.
      expect(summary).toMatchObject({
        openingBalanceFen: 3_766n,
        openingDate: '2024-01-01',
        closingBalanceFen: 8_122n,
        closingDate: '2024-01-27',
      });
    });
  });

  describe('RCC (农村信用合作联社) synthetic GBK export', () => {
    const content = [
      '土默特右旗农村信用合作联社 账户交易明细',
      '账号: 6228480000000000018 币种: 人民币',
      '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言',
      '20240105,093015,贴息到账,,"1,200.00","5,200.00",土默特右旗财政局,15050000000000000001,RC20240105000123,2023年第四季度贴息',
      '20240110,101500,贷款还款,"3,000.00",,"2,200.00",,,RC20240110000456,妇女创业担保贷款还款 合同号DB2023-018',
      '',
      '20240110,101501,结息,0.00,0.00,"2,200.00",--,--,RC20240110000457,',
      '20240115,160000,转账存入,--,500.00,"2,700.00",张桂兰,6228480000000000026,RC20240115000789',
      '',
    ].join('\r\n');

    it('skips both title lines, reads debit/credit columns and skips the zero line', async () => {
      const { lines, summary } = await collect(
        parseCsvStatement(chunked(iconv.encode(content, 'gbk'), 13), BANK_PRESETS.RCC),
      );
      expect(lines).toEqual([
        {
          lineNumber: 4,
          bankTransactionId: 'RC20240105000123',
          bookingDate: '2024-01-05',
          valueDate: null,
          amountFen: 120_000n,
          // The title row says 币种: 人民币.
          currency: 'CNY',
          counterpartyName: '土默特右旗财政局',
          counterpartyAccount: '15050000000000000001',
          reference: '2023年第四季度贴息',
          description: '贴息到账',
          balanceAfterFen: 520_000n,
        },
        expect.objectContaining({
          lineNumber: 5,
          amountFen: -300_000n,
          counterpartyName: null,
          reference: '妇女创业担保贷款还款 合同号DB2023-018',
        }),
        expect.objectContaining({ lineNumber: 8, bookingDate: '2024-01-15', amountFen: 50_000n, reference: null }),
      ]);
      expect(summary).toMatchObject({ openingBalanceFen: 400_000n, closingBalanceFen: 270_000n });
    });

    it('skips the totals row at the foot of the export', async () => {
      const withFooter = `${content}本页合计,,,"3,000.00","1,700.00",,,,,\r\n`;
      const { lines } = await collect(parseCsvStatement(chunked(iconv.encode(withFooter, 'gbk')), BANK_PRESETS.RCC));
      expect(lines.map((l) => l.amountFen)).toEqual([120_000n, -300_000n, 50_000n]);
    });

    it('reads the same file when the encoding is given instead of detected', async () => {
      const mapping: ColumnMapping = { ...BANK_PRESETS.RCC, encoding: 'GB18030', dateFormat: 'YYYYMMDD' };
      const { lines } = await collect(parseCsvStatement(chunked(iconv.encode(content, 'gbk')), mapping));
      expect(lines.map((l) => l.amountFen)).toEqual([120_000n, -300_000n, 50_000n]);
    });
  });

  describe('encodings and layout', () => {
    const mapping: ColumnMapping = {
      date: '交易日期',
      amount: '交易金额',
      balance: '余额',
      description: '摘要',
      checkBalances: false,
    };

    it('drops a UTF-8 BOM and accepts YYYY/MM/DD, + signs, blank lines and a date with a time', async () => {
      const csv =
        '\ufeff交易日期,摘要,交易金额,余额\n\n2024/1/3,存入,+5,105.00\n  \n2024-01-04 09:30:00,取出,-0.5,104.50\n';
      const { lines } = await collect(parseCsvStatement(text(csv), mapping));
      expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen])).toEqual([
        [3, '2024-01-03', 500n],
        [5, '2024-01-04', -50n],
      ]);
    });

    it('reads a GBK file longer than the sniffed head, cut in the middle of characters', async () => {
      const rows = Array.from({ length: 4000 }, (_, i) => `2024010${(i % 9) + 1},农户${i}贴息,${i + 1}.00,0.00`);
      const csv = ['交易日期,摘要,交易金额,余额', ...rows].join('\n');
      const { lines } = await collect(parseCsvStatement(chunked(iconv.encode(csv, 'gb18030'), 4099), mapping));
      expect(lines).toHaveLength(4000);
      expect(lines[3999]).toMatchObject({ lineNumber: 4001, description: '农户3999贴息', amountFen: 400_000n });
    });

    it('tells GBK from UTF-8 even when the first 64 KB are ASCII', async () => {
      const ascii = Array.from({ length: 3000 }, (_, i) => `20240101,${i + 1}.00,transfer ${i}`);
      const csv = ['date,amount,memo', ...ascii, '20240102,9.99,贴息'].join('\n');
      expect(csv.length).toBeGreaterThan(64 * 1024);
      const asciiMapping: ColumnMapping = { date: 'date', amount: 'amount', description: 'memo' };
      const { lines } = await collect(parseCsvStatement(chunked(iconv.encode(csv, 'gbk'), 8192), asciiMapping));
      expect(lines).toHaveLength(3001);
      expect(lines[3000]).toMatchObject({ description: '贴息', amountFen: 999n });
    });

    it('leaves currency and balances null when the lines are in two currencies', async () => {
      const csv =
        '记账日期,币别,金额,余额\n2025-08-01,人民币,1.00,2.00\n2025-08-02,美元,1.00,1.00\n2025-08-03,美元,1.00,2.00\n';
      const mapped: ColumnMapping = { date: '记账日期', currency: '币别', amount: '金额', balance: '余额' };
      const { lines, summary } = await collect(parseCsvStatement(text(csv), mapped));
      expect(lines.map((l) => l.currency)).toEqual(['CNY', 'USD', 'USD']);
      expect(summary).toMatchObject({ currency: null, openingBalanceFen: null, closingBalanceFen: null });
    });

    it('leaves opening and closing null when there is no balance column', async () => {
      const csv = '交易日期,交易金额\n20240101,1.00\n';
      const { summary } = await collect(parseCsvStatement(text(csv), { date: '交易日期', amount: '交易金额' }));
      expect(summary.openingBalanceFen).toBeNull();
      expect(summary.closingBalanceFen).toBeNull();
    });
  });

  describe('errors', () => {
    it('names the line and field of an unclosed quote', async () => {
      const csv = `${readFileSync(path.join(FIXTURES, 'cmb-debit.csv'), 'utf8')}\n2024-01-31,CNY,"-5.00,1.00,快捷支付,,`;
      const error = await failure(parseCsvStatement(text(csv), CMB));
      expect(error.code).toBe('STATEMENT_MALFORMED');
      expect(error.details).toEqual({ line: 7, field: '交易金额' });
      expect(error.message).toMatch(/^line 7, field 交易金额: a quoted field opened in this row is never closed/);
    });

    it('names the line and field of a bad amount', async () => {
      const csv = readFileSync(path.join(FIXTURES, 'cmb-debit.csv'), 'utf8').replace('-3.00', '"12,34x"');
      const error = await failure(parseCsvStatement(text(csv), CMB));
      expect(error.message).toBe("line 4, field 交易金额: '12,34x' is not an amount");
      expect(error).toMatchObject({
        code: 'STATEMENT_AMOUNT_INVALID',
        details: { line: 4, field: '交易金额', value: '12,34x' },
      });
    });

    it('refuses an amount with a thousands separator outside quotes instead of reading it as 1 yuan', async () => {
      const csv = '交易日期,交易金额\n20240101,1,234.00\n';
      const error = await failure(parseCsvStatement(text(csv), { date: '交易日期', amount: '交易金额' }));
      expect(error.details).toEqual({ line: 2 });
    });

    it('names the line and field of a bad date, counting the title line', async () => {
      const csv = readFileSync(path.join(FIXTURES, 'boc-debit.csv'), 'utf8').replace('2025-08-19', '2025-02-30');
      const error = await failure(parseCsvStatement(text(csv), BANK_PRESETS.BOC));
      expect(error.details).toEqual({ line: 7, field: '记账日期', value: '2025-02-30', format: 'AUTO' });
      expect(error.message).toMatch(/^line 7, field 记账日期: '2025-02-30' is not a date/);
    });

    it('says when the header row is never found', async () => {
      const error = await failure(parseCsvStatement(fixture('cmb-debit.csv'), ABC));
      expect(error.message).toBe("line 6, field 交易日期: no header row with the column '交易日期' was found");
    });

    it('says when a mapped column is missing from the header row', async () => {
      const error = await failure(parseCsvStatement(fixture('cmb-debit.csv'), { ...CMB, balance: '余额' }));
      expect(error.details).toEqual({ line: 1, field: '余额' });
    });

    it('says the file is empty', async () => {
      for (const empty of [Readable.from([]), text(''), text('\ufeff\r\n\r\n')]) {
        const error = await failure(parseCsvStatement(empty, ABC));
        expect(error.message).toBe('the file is empty');
      }
    });

    it('refuses a mapping without amount or debit/credit', async () => {
      const error = await failure(parseCsvStatement(text('a'), { date: '交易日期', debit: '借方' }));
      expect(error.details).toEqual({ field: 'mapping' });
    });
  });

  // 50 MB takes ~26 s under Jest (its vm context slows csv-parse's per-byte work about fourfold; plain Node reads
  // 50 MB in ~10 s), so the size is the largest that runs in about 10 s.
  it('streams a ~20 MB file generated on the fly and reads every line, to the fen', async () => {
    const TARGET_BYTES = 20 * 1024 * 1024;
    let rows = 0;
    let bytes = 0;
    let totalFen = 0n;
    async function* generate(): AsyncGenerator<Buffer> {
      let chunk = '交易日期,交易时间,交易摘要,交易金额,本次余额,对手信息,日 志 号,交易渠道,交易附言\n';
      while (bytes < TARGET_BYTES) {
        for (let i = 0; i < 500; i += 1) {
          rows += 1;
          const fen = (rows % 9_999_999) + 1;
          totalFen += BigInt(rows % 2 === 0 ? fen : -fen);
          const amount = `${rows % 2 === 0 ? '+' : '-'}${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
          const dayIndex = Math.floor(rows / 10_000); // many lines a day, as in real files
          const date = `2024${String(Math.floor(dayIndex / 28) + 1).padStart(2, '0')}${String((dayIndex % 28) + 1).padStart(2, '0')}`;
          chunk += `${date},120000,转账,${amount},1.00,农户${rows},${rows},网银,贴息\n`;
        }
        const buffer = Buffer.from(chunk, 'utf8');
        bytes += buffer.length;
        chunk = '';
        yield buffer;
      }
    }
    let count = 0;
    let sum = 0n;
    let last: ParsedLine | null = null;
    for await (const event of parseCsvStatement(Readable.from(generate()), ABC)) {
      if (event.kind !== 'line') continue;
      count += 1;
      sum += event.line.amountFen;
      last = event.line;
    }
    expect(bytes).toBeGreaterThanOrEqual(TARGET_BYTES);
    expect(count).toBe(rows);
    expect(sum).toBe(totalFen);
    expect(last).toMatchObject({
      lineNumber: rows + 1,
      bankTransactionId: String(rows),
      counterpartyName: `农户${rows}`,
    });
  });
});
