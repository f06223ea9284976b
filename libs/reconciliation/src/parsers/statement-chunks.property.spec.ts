import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { BANK_PRESETS } from './csv-statement';
import { parseStatement } from './parse-statement';
import { decodeText, splitLines } from './statement-text';
import { type ColumnMapping, type ParseEvent, StatementFormat } from './statement-types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

/** The bytes cut into pieces of the given sizes, taken in turn (a piece may end inside a character or a '\r\n'). */
function pieces(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

type Outcome = { events: ParseEvent[] } | { error: string };

async function outcome(chunks: Buffer[], format: StatementFormat, mapping?: ColumnMapping): Promise<Outcome> {
  const events: ParseEvent[] = [];
  try {
    for await (const event of parseStatement(Readable.from(chunks), format, mapping)) events.push(event);
    return { events };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const sizes = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 12 });
const RUNS = { numRuns: 25 };

describe('a statement read whole and read in chunks of random sizes gives the same lines', () => {
  it('splits lines the same way whatever the chunks, in linear pieces', async () => {
    const text = fc
      .array(fc.constantFrom('a', '流', ',', '"', '\r', '\n', '\r\n', ' '), { maxLength: 200 })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, sizes, async (whole, cuts) => {
        const chunks: string[] = [];
        for (let at = 0, i = 0; at < whole.length; i++) {
          chunks.push(whole.slice(at, at + cuts[i % cuts.length]));
          at += cuts[i % cuts.length];
        }
        const lines: string[] = [];
        for await (const line of splitLines(Readable.from(chunks))) lines.push(line);
        const expected = whole.split(/\r\n|\n|\r/);
        if (expected.at(-1) === '') expected.pop();
        expect(lines).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('decodes UTF-8 and GB18030 the same way when a chunk ends inside a character', async () => {
    const text = fc.array(fc.constantFrom('交易', 'a', '￥', '1,234.00', '\n', '𠀀'), { maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(text, sizes, fc.constantFrom('utf8', 'gb18030'), async (parts, cuts, encoding) => {
        const whole = parts.join('');
        const bytes = iconv.encode(whole, encoding);
        let decoded = '';
        for await (const chunk of decodeText(Readable.from(pieces(bytes, cuts)), 'AUTO')) decoded += chunk;
        // 'AUTO' may take ASCII-only GB18030 for UTF-8: the same characters either way.
        expect(decoded).toBe(whole);
      }),
      RUNS,
    );
  });

  // Every row has three entries: a shorter one would make Jest take the test's third parameter for `done`.
  const files: [string, StatementFormat, ColumnMapping | undefined][] = [
    ['camt053/goldman_sachs-camt_053_uk_v2_1.xml', StatementFormat.CAMT053, undefined],
    ['camt053/ing-example_camt.xml', StatementFormat.CAMT053, undefined],
    ['camt053/nordea-example_camt.xml', StatementFormat.CAMT053, undefined],
    ['mt940/centrapay-test1.mt940', StatementFormat.MT940, undefined],
    ['cn-csv/abc-debit.csv', StatementFormat.CSV, { ...BANK_PRESETS.ABC, checkBalances: false }],
    ['cn-csv/boc-debit.csv', StatementFormat.CSV, BANK_PRESETS.BOC],
    ['cn-csv/cmb-debit.csv', StatementFormat.CSV, { ...BANK_PRESETS.CMB, checkBalances: false }],
  ];

  it.each(files)('%s', async (name, format, mapping) => {
    const bytes = fixture(name);
    const whole = await outcome([bytes], format, mapping);
    expect(whole).toHaveProperty('events');
    await fc.assert(
      fc.asyncProperty(sizes, async (cuts) => {
        expect(await outcome(pieces(bytes, cuts), format, mapping)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('generated CSV exports, UTF-8 or GBK, good or bad, give the same lines or the same error', async () => {
    const cell = fc.oneof(
      fc.constantFrom('还款', '张桂兰', '"含,逗号"', '"多\r\n行"', '--', ''),
      fc.integer({ min: -99999, max: 99999 }).map((fen) => (fen / 100).toFixed(2)),
    );
    const row = fc
      .tuple(fc.constantFrom('20240105', '2024-01-06', '2024/13/01', ''), cell, cell, cell)
      .map(([date, amount, name, note]) => [date, amount, name, note].join(','));
    const file = fc.tuple(
      fc.array(row, { maxLength: 15 }),
      fc.constantFrom('\r\n', '\n', '\r'),
      fc.constantFrom('utf8', 'gb18030'),
    );
    const mapping: ColumnMapping = { date: '交易日期', amount: '金额', counterpartyName: '户名', reference: '附言' };
    await fc.assert(
      fc.asyncProperty(file, sizes, async ([rows, eol, encoding], cuts) => {
        const text = ['账户明细', '交易日期,金额,户名,附言', ...rows].join(eol);
        const bytes = iconv.encode(text, encoding);
        const whole = await outcome([bytes], StatementFormat.CSV, mapping);
        expect(await outcome(pieces(bytes, cuts), StatementFormat.CSV, mapping)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('generated MT940 statements give the same lines or the same error', async () => {
    const entry = fc
      .tuple(
        fc.integer({ min: 1, max: 999999 }),
        fc.constantFrom('C', 'D', 'RD', 'X'),
        fc.constantFrom('', '\n:86:付款 张桂兰'),
      )
      .map(
        ([fen, mark, info]) => `:61:2401050105${mark}${Math.floor(fen / 100)},${fen % 100}NTRFNONREF//B${fen}${info}`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 10 }),
        fc.constantFrom('\r\n', '\n'),
        sizes,
        async (entries, eol, cuts) => {
          const text = [
            ':20:STMT1',
            ':25:6228480000000000018',
            ':60F:C240104CNY1000,00',
            ...entries,
            ':62F:C240105CNY1000,00',
            '-',
          ]
            .join('\n')
            .replaceAll('\n', eol);
          const bytes = Buffer.from(text, 'utf8');
          const whole = await outcome([bytes], StatementFormat.MT940);
          expect(await outcome(pieces(bytes, cuts), StatementFormat.MT940)).toEqual(whole);
        },
      ),
      RUNS,
    );
  });
});
