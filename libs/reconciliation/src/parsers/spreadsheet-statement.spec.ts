import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { unzipEntries, zip } from '../../../../test/support/zip-writer';
import { BANK_PRESETS } from './csv-statement';
import { parseStatement, sniffFormat } from './parse-statement';
import { type ColumnMapping, type ParsedLine, type ParseEvent, StatementFormat } from './statement-types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements');
const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

async function events(bytes: Buffer, format: StatementFormat, mapping?: ColumnMapping): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const event of parseStatement(Readable.from([bytes]), format, mapping)) out.push(event);
  return out;
}

const linesOf = (all: ParseEvent[]): ParsedLine[] =>
  all.flatMap((event) => (event.kind === 'line' ? [event.line] : []));

describe('spreadsheet statements: .xls, .et and .xlsx, read the same way every time', () => {
  it('takes .xls and .et (OLE2) and .xlsx (ZIP) for spreadsheets by their bytes', () => {
    for (const name of [
      'spreadsheets/boc-debit.xls',
      'spreadsheets/cmb-debit.et',
      'spreadsheets/abc-two-sheets.xlsx',
    ]) {
      expect(sniffFormat(fixture(name).subarray(0, 4096), name)).toBe(StatementFormat.XLSX);
    }
    expect(sniffFormat(Buffer.alloc(0), '对账单.xls')).toBe(StatementFormat.XLSX);
    expect(sniffFormat(Buffer.alloc(0), '明细.et')).toBe(StatementFormat.XLSX);
  });

  it('reads a legacy .xls (BIFF8) export: title line, date-time cells, newest first', async () => {
    const all = await events(fixture('spreadsheets/boc-debit.xls'), StatementFormat.XLSX, BANK_PRESETS.BOC);
    expect(
      linesOf(all).map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.balanceAfterFen, l.counterpartyName]),
    ).toEqual([
      [3, '2024-03-21', 150000n, 820050n, '李秀英'],
      [4, '2024-03-20', -29950n, 670050n, '某某商户'],
      [5, '2024-03-19', 700000n, 700000n, '土默特右旗妇联'],
    ]);
    expect(all.at(-1)).toMatchObject({
      kind: 'summary',
      summary: { currency: 'CNY', openingBalanceFen: 0n, closingBalanceFen: 820050n, closingDate: '2024-03-21' },
    });
  });

  it('reads a WPS .et export', async () => {
    const lines = linesOf(await events(fixture('spreadsheets/cmb-debit.et'), StatementFormat.XLSX, BANK_PRESETS.CMB));
    expect(lines.map((l) => [l.bookingDate, l.amountFen, l.reference])).toEqual([
      ['2024-01-05', 200000n, '还款 HT2024002'],
      ['2024-01-06', -3580n, null],
    ]);
  });

  it('reads the first sheet of a two-sheet export and leaves the summary sheet', async () => {
    const lines = linesOf(
      await events(fixture('spreadsheets/abc-two-sheets.xlsx'), StatementFormat.XLSX, BANK_PRESETS.ABC),
    );
    expect(lines.map((l) => [l.lineNumber, l.bankTransactionId, l.amountFen])).toEqual([
      [2, '0000123456', 300000n],
      [3, '0000123457', -12000n],
    ]);
  });

  it('refuses a spreadsheet file larger than the unzipped limit while reading it', async () => {
    const big = Buffer.concat([fixture('spreadsheets/boc-debit.xls'), Buffer.alloc(2 * 1024 * 1024)]);
    const reading = (async () => {
      for await (const event of parseStatement(Readable.from([big]), StatementFormat.XLSX, BANK_PRESETS.BOC, {
        limits: { maxUnzippedBytes: 1024 * 1024 },
      }))
        void event;
    })();
    await expect(reading).rejects.toMatchObject({
      code: 'STATEMENT_UNZIPPED_TOO_LARGE',
      details: { limit: 'STATEMENT_MAX_UNZIPPED_MIB', maxMib: 1 },
    });
  });

  it('gives the same lines run after run when workbook.xml is stored after the worksheets', async () => {
    const original = fixture('spreadsheets/abc-two-sheets.xlsx');
    const entries = unzipEntries(original);
    const workbookLast = [
      ...entries.filter((entry) => entry.name !== 'xl/workbook.xml'),
      ...entries.filter((entry) => entry.name === 'xl/workbook.xml'),
    ];
    expect(workbookLast.at(-1)?.name).toBe('xl/workbook.xml');
    expect(workbookLast.findIndex((e) => e.name.startsWith('xl/worksheets/'))).toBeLessThan(workbookLast.length - 1);
    const reordered = zip(workbookLast.map(({ name, data }) => ({ name, data })));
    const expected = await events(original, StatementFormat.XLSX, BANK_PRESETS.ABC);
    for (let run = 0; run < 5; run++) {
      expect(await events(reordered, StatementFormat.XLSX, BANK_PRESETS.ABC)).toEqual(expected);
    }
  });

  it('leaves no statement bytes in the temporary folder, whatever the format', async () => {
    // The folder is shared with other work, so what is looked for is this test's own bytes: a slice of each file
    // read and texts of its lines, in the files that appeared or changed while it read.
    const before = filesUnder(tmpdir());
    const read: [string, StatementFormat, ColumnMapping | undefined][] = [
      ['spreadsheets/abc-two-sheets.xlsx', StatementFormat.XLSX, BANK_PRESETS.ABC],
      ['spreadsheets/boc-debit.xls', StatementFormat.XLSX, BANK_PRESETS.BOC],
      ['spreadsheets/cmb-debit.et', StatementFormat.XLSX, BANK_PRESETS.CMB],
      ['cn-csv/boc-debit.csv', StatementFormat.CSV, BANK_PRESETS.BOC],
      ['camt053/ing-example_camt.xml', StatementFormat.CAMT053, undefined],
      ['mt940/centrapay-test1.mt940', StatementFormat.MT940, undefined],
    ];
    const needles: Buffer[] = [];
    for (const [name, format, mapping] of read) {
      const bytes = fixture(name);
      needles.push(bytes.subarray(Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 48));
      expect(linesOf(await events(bytes, format, mapping)).length).toBeGreaterThan(0);
    }
    for (const text of ['HT2024003', '李秀英', 'HT2024002']) {
      needles.push(Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'));
    }
    const written = [...filesUnder(tmpdir())].filter(([file, mtime]) => before.get(file) !== mtime);
    const holding = written.filter(([file]) => {
      try {
        const content = readFileSync(file);
        return needles.some((needle) => content.includes(needle));
      } catch {
        return false; // gone again, or another user's
      }
    });
    expect(holding).toEqual([]);
  });
});

/** Files under a folder (three levels down) with their modification times. */
function filesUnder(folder: string, depth = 3): Map<string, number> {
  const found = new Map<string, number>();
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && depth > 0) {
      for (const [file, mtime] of filesUnder(full, depth - 1)) found.set(file, mtime);
    } else if (entry.isFile()) {
      try {
        found.set(full, statSync(full).mtimeMs);
      } catch {
        // gone meanwhile
      }
    }
  }
  return found;
}
