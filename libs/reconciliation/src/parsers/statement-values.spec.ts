import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BalanceChain } from './balance-chain';
import { lineValues, parseStatement } from './parse-statement';
import { maskAccountIdentifier, sameAccount } from './statement-account';
import { looksLikeGbk } from './statement-text';
import { StatementFormat, type ColumnMapping, type ParsedLine } from './statement-types';
import { DirectionValues, TitleFacts, parseMappedDate, splitCurrency } from './tabular-values';
import { mappingProblem } from './column-mapping';

const where = { line: 7, field: 'x' };

describe('statement values', () => {
  it('directions: the defaults and a mapping’s own values; anything else is refused', () => {
    const defaults = new DirectionValues({ date: 'd', amount: 'a', direction: 'f' });
    expect(['贷', '贷 Cr', '收', '收入', '存入', 'cr'].map((v) => defaults.sign(v, where))).toEqual([
      1n,
      1n,
      1n,
      1n,
      1n,
      1n,
    ]);
    expect(['借', '借 Dr', '支', '支出', '取出', 'DR'].map((v) => defaults.sign(v, where))).toEqual([
      -1n,
      -1n,
      -1n,
      -1n,
      -1n,
      -1n,
    ]);
    expect(() => defaults.sign('转', where)).toThrow(expect.objectContaining({ code: 'STATEMENT_DIRECTION_UNKNOWN' }));
    const own = new DirectionValues({
      date: 'd',
      amount: 'a',
      direction: 'f',
      creditValues: ['来'],
      debitValues: ['往'],
    });
    expect(own.sign('来', where)).toBe(1n);
    expect(() => own.sign('贷', where)).toThrow(expect.objectContaining({ details: { ...where, value: '贷' } }));
  });

  it('mappings: a direction needs one amount column; formats come from their lists', () => {
    expect(mappingProblem({ date: 'd', amount: 'a', direction: 'f' })).toBeNull();
    expect(mappingProblem({ date: 'd', debit: 'a', credit: 'b', direction: 'f' })).toMatch(/direction/);
    expect(mappingProblem({ date: 'd', amount: 'a', dateFormat: 'DD-MM-YY' as never })).toMatch(/dateFormat/);
    expect(mappingProblem({ date: 'd', amount: 'a', delimiter: ';' as never })).toMatch(/delimiter/);
    expect(mappingProblem({ date: 'd', amount: 'a', creditValues: 'x' as never })).toMatch(/lists/);
    expect(mappingProblem(null)).toMatch(/missing/);
  });

  it('dates: DD/MM/YYYY, MM/DD/YYYY, and MM/DD with the year of the period across a year end', () => {
    const none = { from: null, to: null };
    expect(parseMappedDate('03/11/2026', 'DD/MM/YYYY', none, where).date).toBe('2026-11-03');
    expect(parseMappedDate('11/03/2026 09:30', 'MM/DD/YYYY', none, where)).toEqual({
      date: '2026-11-03',
      time: '093000',
    });
    expect(parseMappedDate('03.11.2026', 'DD.MM.YYYY', none, where).date).toBe('2026-11-03');
    const period = { from: { year: 2025, month: 12 }, to: { year: 2026, month: 1 } };
    expect(parseMappedDate('12/28', 'MM/DD', period, where).date).toBe('2025-12-28');
    expect(parseMappedDate('01-03', 'MM-DD', period, where).date).toBe('2026-01-03');
    expect(() => parseMappedDate('12/28', 'MM/DD', none, where)).toThrow(
      expect.objectContaining({ code: 'STATEMENT_DATE_INVALID' }),
    );
    expect(() => parseMappedDate('2026-11-03', 'DD/MM/YYYY', none, where)).toThrow(
      expect.objectContaining({
        code: 'STATEMENT_DATE_INVALID',
        details: { ...where, value: '2026-11-03', format: 'DD/MM/YYYY' },
      }),
    );
    expect(() => parseMappedDate('31/02/2026', 'DD/MM/YYYY', none, where)).toThrow();
  });

  it('amounts with a currency written before or after them', () => {
    expect(splitCurrency('CNY 123.18', where)).toEqual({ text: '123.18', currency: 'CNY' });
    expect(splitCurrency('RMB-5.00', where)).toEqual({ text: '-5.00', currency: 'CNY' });
    expect(splitCurrency('人民币 1,234.00', where)).toEqual({ text: '1,234.00', currency: 'CNY' });
    expect(splitCurrency('EUR8.85', where)).toEqual({ text: '8.85', currency: 'EUR' });
    expect(splitCurrency('123.18元', where)).toEqual({ text: '123.18', currency: 'CNY' });
    expect(splitCurrency('-1.00', where)).toEqual({ text: '-1.00', currency: null });
  });

  it('running balances: oldest first or newest first; a break names its row and figures', () => {
    const forward = new BalanceChain();
    forward.add('CNY', 2, 100n, 1_100n);
    forward.add('CNY', 3, -40n, 1_060n);
    forward.add('USD', 4, 5n, 5n); // another currency, another chain
    const backward = new BalanceChain();
    backward.add('CNY', 2, -40n, 1_060n);
    backward.add('CNY', 3, 100n, 1_100n);
    const broken = new BalanceChain();
    broken.add('CNY', 2, 100n, 1_100n);
    expect(() => broken.add('CNY', 3, 40n, 1_060n)).toThrow(
      expect.objectContaining({
        code: 'STATEMENT_BALANCE_MISMATCH',
        details: { line: 3, previousYuan: '11.00', amountYuan: '0.40', expectedYuan: '11.40', balanceYuan: '10.60' },
      }),
    );
    const gap = new BalanceChain();
    gap.add('CNY', 2, 100n, 1_100n);
    gap.add('CNY', 3, 7n, null); // no balance: the chain starts again
    expect(() => gap.add('CNY', 4, 1n, 5n)).not.toThrow();
  });

  it('accounts: BIC/number, IBAN, masked forms; masks show four and four', () => {
    expect(sameAccount('CMBCCNBS/755912345610201', '755912345610201')).toBe(true);
    expect(sameAccount('7559 1234 5610 201', '755912345610201')).toBe(true);
    expect(sameAccount('DE89370400440532013000', 'DE89370400440532013000')).toBe(true);
    expect(sameAccount('NL08INGB0000001234', '0000001234')).toBe(true);
    expect(sameAccount('6228****0018', '6228480000000000018')).toBe(true);
    expect(sameAccount('6228****0018', '6228480000000000099')).toBe(false);
    expect(sameAccount('755912345610999', '755912345610201')).toBe(false);
    expect(maskAccountIdentifier('755912345610201')).toBe('7559****0201');
    expect(maskAccountIdentifier('1234')).toBe('****');
  });

  it('placeholders are no reference; a line without currency gets the default', () => {
    const line = { bankTransactionId: 'NONREF', reference: 'NOTPROVIDED', currency: null } as ParsedLine;
    expect(lineValues(line, 'CNY')).toMatchObject({ bankTransactionId: null, reference: null, currency: 'CNY' });
    const real = { bankTransactionId: 'B4E07XM00J000023', reference: 'DB2026-1', currency: 'EUR' } as ParsedLine;
    expect(lineValues(real, 'CNY')).toMatchObject(real);
  });

  it('tells GBK text from Latin-1 text', () => {
    expect(looksLikeGbk(Buffer.from([0xd5, 0xc5, 0xb9, 0xf0, 0xc0, 0xbc]))).toBe(true); // 张桂兰
    expect(looksLikeGbk(Buffer.from('Überweisung Müller Société', 'latin1'))).toBe(false);
  });

  it('reads an XLSX export with a direction column and a footer', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('明细');
    sheet.addRows([
      ['交通银行账户交易明细'],
      ['交易日期', '交易金额', '借贷标志', '余额', '对方户名'],
      ['2026-11-02', 500, '贷', 1500, '周红'],
      ['2026-11-03', '200.00', '借', '1,300.00', '周红'],
      ['以上数据仅供参考,具体内容请以柜台为准'],
    ]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const mapping: ColumnMapping = {
      date: '交易日期',
      amount: '交易金额',
      direction: '借贷标志',
      balance: '余额',
      counterpartyName: '对方户名',
    };
    const lines: ParsedLine[] = [];
    for await (const event of parseStatement(Readable.from([bytes]), StatementFormat.XLSX, mapping)) {
      if (event.kind === 'line') lines.push(event.line);
    }
    expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.currency])).toEqual([
      [3, '2026-11-02', 50_000n, 'CNY'],
      [4, '2026-11-03', -20_000n, 'CNY'],
    ]);
  });
});

describe('title rows', () => {
  it('take the account, currency and period, and no date for an account', () => {
    const title = new TitleFacts();
    title.read(['账户 2026-11-01 至 2026-11-30']);
    expect(title.account).toBeNull();
    expect(title.period).toEqual({ from: { year: 2026, month: 11 }, to: { year: 2026, month: 11 } });
    title.read(['账号：0602-0001-0920-0123-456', '币种：美元']);
    expect(title).toMatchObject({ account: '0602000109200123456', currency: 'USD' });
  });
});

describe('saved mappings', () => {
  it('hold storable text only', () => {
    expect(mappingProblem({ date: '日期\u0000', amount: 'a' })).toMatch(/not text/);
    expect(mappingProblem({ date: 'd', amount: 'a', creditValues: ['\uD800'] })).toMatch(/not text/);
    expect(mappingProblem({ date: '交易日期', amount: '金额', creditValues: ['贷'] })).toBeNull();
  });
});
