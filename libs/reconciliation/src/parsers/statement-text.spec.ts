import { StatementParseError } from './statement-parse-error';
import {
  normalizeCurrency,
  parseDateText,
  parseDecimalToMinor,
  parseYuanText,
  splitLines,
  textOrNull,
  timeKey,
} from './statement-text';

const where = { line: 7, field: '交易金额' };

describe('parseYuanText', () => {
  it.each([
    ['+10000.00', 1_000_000n],
    ['-12,345.89', -1_234_589n],
    ['3,240.28', 324_028n],
    ['5', 500n],
    ['0.5', 50n],
    ['-0.01', -1n],
    ['1.500', 150n],
    ['¥12.00', 1_200n],
    [' 7.10 ', 710n],
    ['9007199254740993.01', 900_719_925_474_099_301n], // beyond 2^53: no float anywhere
  ])('%s → %s fen', (text, fen) => {
    expect(parseYuanText(text, where)).toBe(fen);
  });

  it.each(['12,34x', '12,34', '1,2345.00', '1.005', '', 'abc', '--', '1e3', '0x10', '1.2.3'])('refuses %p', (text) => {
    expect(() => parseYuanText(text, where)).toThrow(StatementParseError);
  });

  it('names the line and field', () => {
    expect(() => parseYuanText('12,34x', where)).toThrow("line 7, field 交易金额: '12,34x' is not an amount");
  });
});

describe('parseDecimalToMinor', () => {
  it('converts exactly by the currency minor units', () => {
    expect(parseDecimalToMinor('1605.00', 'EUR', where)).toBe(160_500n);
    expect(parseDecimalToMinor('5', 'EUR', where)).toBe(500n);
    expect(parseDecimalToMinor('0.5', 'EUR', where)).toBe(50n);
    expect(parseDecimalToMinor('200.0000', 'GBP', where)).toBe(20_000n);
    expect(parseDecimalToMinor('5', 'JPY', where)).toBe(5n);
    expect(parseDecimalToMinor('1.234', 'KWD', where)).toBe(1_234n);
    expect(parseDecimalToMinor('2760,', 'EUR', where, ',')).toBe(276_000n);
    expect(parseDecimalToMinor('3058,98', 'EUR', where, ',')).toBe(305_898n);
  });

  it('refuses decimals the currency does not have, signs and separators', () => {
    for (const [text, currency] of [
      ['1.005', 'EUR'],
      ['5.5', 'JPY'],
      ['-5', 'EUR'],
      ['1,000.00', 'EUR'],
    ]) {
      expect(() => parseDecimalToMinor(text, currency, where)).toThrow(StatementParseError);
    }
  });
});

describe('parseDateText', () => {
  it('accepts the bank forms', () => {
    expect(parseDateText('20240103', 'AUTO', where)).toEqual({ date: '2024-01-03', time: '' });
    expect(parseDateText('2024-01-03', 'AUTO', where).date).toBe('2024-01-03');
    expect(parseDateText('2024/1/3', 'AUTO', where).date).toBe('2024-01-03');
    expect(parseDateText('2024-01-03 9:05:01', 'AUTO', where)).toEqual({ date: '2024-01-03', time: '090501' });
    expect(parseDateText('2024-01-03', 'YYYY-MM-DD', where).date).toBe('2024-01-03');
  });

  it('refuses impossible dates and other formats than the mapping allows', () => {
    expect(() => parseDateText('20240230', 'AUTO', where)).toThrow(/not a date/);
    expect(() => parseDateText('2024-01-03', 'YYYYMMDD', where)).toThrow(/expected YYYYMMDD/);
    expect(() => parseDateText('20240103', 'YYYY-MM-DD', where)).toThrow(/expected YYYY-MM-DD/);
    expect(() => parseDateText('2024/01/03', 'YYYY-MM-DD', where)).toThrow(/YYYY-MM-DD/);
    expect(() => parseDateText('03/01/2024', 'AUTO', where)).toThrow(/not a date/);
  });
});

describe('small helpers', () => {
  it('treats dash runs as empty', () => {
    expect(textOrNull('--')).toBeNull();
    expect(textOrNull('-------------------')).toBeNull();
    expect(textOrNull(' ')).toBeNull();
    expect(textOrNull('-5')).toBe('-5');
    expect(textOrNull('支付宝-李四')).toBe('支付宝-李四');
  });

  it('orders times and names currencies', () => {
    expect(timeKey('17:57:17')).toBe('175717');
    expect(timeKey('9:05')).toBe('090500');
    expect(timeKey('123456')).toBe('123456');
    expect(timeKey('')).toBe('');
    expect(normalizeCurrency('人民币')).toBe('CNY');
    expect(normalizeCurrency('rmb')).toBe('CNY');
    expect(normalizeCurrency('eur')).toBe('EUR');
    expect(normalizeCurrency(null)).toBeNull();
  });

  it('splits lines with \\r\\n cut across chunks', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield 'a\r';
      yield '\nb\rc\n';
      yield '\r\nd\r';
    }
    const lines: string[] = [];
    for await (const line of splitLines(chunks())) lines.push(line);
    expect(lines).toEqual(['a', 'b', 'c', '', 'd']);
  });
});
