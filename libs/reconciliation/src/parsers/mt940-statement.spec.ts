import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseMt940Statement } from './mt940-statement';
import { StatementParseError } from './statement-parse-error';
import { type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/bank-statements/mt940/centrapay-test1.mt940');

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

/** The text in small pieces, so lines and '\r\n' are cut across chunks. */
const chunked = (content: string, size = 5): Readable => {
  const bytes = Buffer.from(content, 'utf8');
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );
};

async function failure(content: string): Promise<StatementParseError> {
  try {
    await collect(parseMt940Statement(chunked(content, 64)));
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError');
}

interface SwiftTransaction {
  date: Date;
  amount: { times(n: number): { toFixed(dp: number): string } };
  bankReference: string;
  details: string;
}
interface SwiftParser {
  parse(options: { type: 'mt940'; data: string }): Array<{ transactions: SwiftTransaction[] }>;
}

describe('parseMt940Statement', () => {
  it('reads the centrapay fixture: two SWIFT messages, three :61: lines', async () => {
    const { lines, summary } = await collect(parseMt940Statement(chunked(readFileSync(FIXTURE, 'utf8'))));
    expect(lines).toEqual([
      {
        lineNumber: 1,
        bankTransactionId: 'B4E07XM00J000023',
        bookingDate: '2014-05-07',
        valueDate: '2014-05-07',
        amountFen: 50_000n,
        currency: 'EUR',
        counterpartyName: null,
        counterpartyAccount: null,
        reference: null, // NONREF
        description:
          'HIER EEN MOOIE OMSCHRIJVING IN HOOFDLETTERS\nWANT DAT IS ZOALS DE NEDERLANDSE BANKEN COMMUNICEREN',
        balanceAfterFen: null,
        statementAccount: '123456789',
      },
      expect.objectContaining({
        lineNumber: 2,
        bankTransactionId: 'B4G29PGCVO7Q06US',
        bookingDate: '2014-07-29',
        valueDate: '2014-07-29',
        amountFen: -276_000n, // D2760,
        reference: null,
        description: 'FACTUUR 201403110, 201403113\nREK: NL65INGB0123456789/NAAM: PICQER',
      }),
      expect.objectContaining({
        lineNumber: 3,
        bankTransactionId: 'B4G29PGDCK1QFV3E',
        bookingDate: '2014-07-29',
        amountFen: 50_000n, // C500 (no decimal comma)
        currency: 'EUR',
        reference: '29-07-2014 10:05',
      }),
    ]);
    // Opening from the first :60F: (C0,), closing from the last :62F: (C798,98).
    expect(summary).toEqual({
      accountIdentifier: '123456789',
      currency: 'EUR',
      statementId: 'B4E08MS9D00A0009',
      openingBalanceFen: 0n,
      openingDate: '2014-05-07',
      closingBalanceFen: 79_898n,
      closingDate: '2014-07-30',
    });
  });

  it('agrees with @centrapay/swift-parser on the fixture', async () => {
    const data = readFileSync(FIXTURE, 'utf8');
    const library = jest.requireActual<SwiftParser>('@centrapay/swift-parser');
    const theirs = library.parse({ type: 'mt940', data }).flatMap((statement) => statement.transactions);
    const { lines } = await collect(parseMt940Statement(chunked(data)));
    expect(lines.map((l) => [l.amountFen, l.valueDate, l.bankTransactionId, l.description])).toEqual(
      theirs.map((t) => [
        BigInt(t.amount.times(100).toFixed(0)),
        t.date.toISOString().slice(0, 10),
        t.bankReference,
        t.details,
      ]),
    );
  });

  it('reads plain messages without SWIFT blocks: RC/RD marks, an entry date across the year end, CRLF', async () => {
    const content = [
      ':20:STMT2023-12',
      ':25:CN12345678901234567890',
      ':28C:12/1',
      ':60F:C231229CNY1000,00',
      ':61:2312310102C1234,5NTRFREF-001//BANK0001',
      '/OCMT/CNY1234,50/',
      ':86:贴息 2023年第四季度',
      ':61:231231RD12,NMSCNONREF//BANK0002',
      ':61:231231RC0,01NCHGNONREF',
      ':61:231231D0,NCHGNONREF//ZERO',
      ':62F:C231231CNY2246,49',
      '-',
      ':20:STMT2024-01',
      ':25:CN12345678901234567890',
      ':60F:C240101CNY2246,49',
      ':62F:D240102CNY5,00',
      '-',
    ].join('\r\n');
    const { lines, summary } = await collect(parseMt940Statement(chunked(content, 3)));
    expect(
      lines.map((l) => [l.lineNumber, l.bookingDate, l.valueDate, l.amountFen, l.reference, l.bankTransactionId]),
    ).toEqual([
      [1, '2024-01-02', '2023-12-31', 123_450n, 'REF-001', 'BANK0001'],
      [2, '2023-12-31', '2023-12-31', 1_200n, null, 'BANK0002'], // a debit reversed: money in
      [3, '2023-12-31', '2023-12-31', -1n, null, null], // a credit reversed: money out
    ]);
    expect(lines[0]).toMatchObject({ currency: 'CNY', description: '贴息 2023年第四季度' });
    expect(summary).toMatchObject({
      accountIdentifier: 'CN12345678901234567890',
      statementId: 'STMT2023-12',
      openingBalanceFen: 100_000n,
      openingDate: '2023-12-29',
      closingBalanceFen: -500n,
      closingDate: '2024-01-02',
    });
  });

  it('leaves the balances null when the file mixes accounts', async () => {
    const content =
      ':20:A\n:25:111\n:60F:C240101EUR1,00\n:62F:C240101EUR1,00\n-\n:20:B\n:25:222\n:60F:C240101EUR2,00\n:62F:C240101EUR2,00\n-\n';
    const { summary } = await collect(parseMt940Statement(chunked(content)));
    expect(summary).toMatchObject({ accountIdentifier: null, openingBalanceFen: null, closingBalanceFen: null });
  });

  describe('errors', () => {
    it('names the line and tag of a malformed :61:', async () => {
      const content = readFileSync(FIXTURE, 'utf8').replace('1407290729D2760,', '1407290729X2760,');
      const error = await failure(content);
      expect(error.details).toEqual({ line: 16, field: '61' });
      expect(error.message).toMatch(/^line 16, field 61: '1407290729X2760,NTRF.*' is not a statement line$/);
    });

    it('refuses an amount with two decimal commas or too many decimals', async () => {
      expect((await failure(':20:X\n:60F:C240101EUR1,00\n:61:240101C1,2,3NTRFNONREF\n')).details).toMatchObject({
        line: 3,
        field: '61',
      });
      expect((await failure(':20:X\n:60F:C240101EUR1,001\n')).message).toMatch(/more decimals than EUR allows/);
    });

    it('refuses an impossible date', async () => {
      expect((await failure(':20:X\n:60F:C240230EUR1,00\n')).message).toMatch(
        /^line 2, field 60F: 'C240230EUR1,00' is not a date/,
      );
    });

    it('says the file is empty, or holds no MT940 statement', async () => {
      expect((await failure('')).message).toBe('the file is empty');
      expect((await failure('交易日期,金额\n20240101,1.00\n')).message).toMatch(/no MT940 statement/);
    });
  });
});
