import { ReconciliationErrorCode } from '../errors';
import { StatementParseError } from '../parsers/statement-parse-error';
import type { ParsedLine } from '../parsers/statement-types';
import { assertStorable, badFileError } from './statement-lines';

const line = (patch: Partial<ParsedLine> = {}): ParsedLine => ({
  lineNumber: 7,
  bankTransactionId: 'T1',
  bookingDate: '2026-11-20',
  valueDate: null,
  amountFen: 100n,
  currency: 'CNY',
  counterpartyName: '王某',
  counterpartyAccount: '6228480000000000018',
  reference: 'LN001',
  description: '还款',
  balanceAfterFen: null,
  ...patch,
});

describe('what the import job lets reach the database', () => {
  it('passes ordinary lines', () => {
    expect(() => assertStorable(line())).not.toThrow();
  });

  it('refuses text with a NUL or an unpaired surrogate, naming the line and the field', () => {
    expect(() => assertStorable(line({ description: 'a\u0000b' }))).toThrow(
      expect.objectContaining({ line: 7, field: '交易说明', code: 'STATEMENT_TEXT_INVALID' }),
    );
    expect(() => assertStorable(line({ counterpartyName: 'x\uD800' }))).toThrow(StatementParseError);
    expect(() => assertStorable(line({ reference: '😀' }))).not.toThrow();
  });

  it('refuses amounts beyond a bigint', () => {
    expect(() => assertStorable(line({ amountFen: 2n ** 63n }))).toThrow(
      expect.objectContaining({ line: 7, field: '交易金额', code: 'STATEMENT_AMOUNT_OUT_OF_RANGE' }),
    );
    expect(() => assertStorable(line({ balanceAfterFen: -(2n ** 63n) }))).toThrow(
      expect.objectContaining({ field: '余额' }),
    );
  });

  it("tells the file's faults (fail once) from passing ones (try again), in words for the bank", () => {
    expect(badFileError(new StatementParseError('bad', { line: 3, field: '金额' }))).toEqual({
      message: 'line 3, field 金额: bad',
      line: 3,
      field: '金额',
    });
    // A message quoting the bad bytes is stored escaped.
    expect(badFileError(new StatementParseError("'1\u0000,00' is not an amount", { line: 3, field: '60F' }))).toEqual({
      message: "line 3, field 60F: '1\\0,00' is not an amount",
      line: 3,
      field: '60F',
    });
    const pg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    expect(badFileError(pg)?.message).toBe('文件中的数据无法保存：文件含有不符合其编码的字节');
    expect(badFileError({ driverError: { code: '22003' } })?.message).toBe(
      '文件中的数据无法保存：金额或数字超出允许范围',
    );
    // A code that says what is wrong is stored in the catalogue's Chinese, naming the line, the field and the value.
    expect(
      badFileError(
        new StatementParseError(
          "'12,34x' is not an amount",
          { line: 4, field: '交易金额' },
          ReconciliationErrorCode.STATEMENT_AMOUNT_INVALID,
          { value: '12,34x' },
        ),
      ),
    ).toEqual({
      message: '银行流水文件第4行「交易金额」的金额“12,34x”无法识别（须为数字，人民币最多两位小数）',
      line: 4,
      field: '交易金额',
    });
    expect(badFileError(Object.assign(new Error('connection terminated'), { code: '57P01' }))).toBeNull();
    expect(badFileError(new Error('timeout'))).toBeNull();
  });
});
