import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseCamt053Statement } from './camt053-statement';
import { StatementParseError } from './statement-parse-error';
import { type ParsedLine, type ParseEvent, type StatementSummary } from './statement-types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/bank-statements/camt053');

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

const fixture = (name: string): Readable => createReadStream(path.join(FIXTURES, name), { highWaterMark: 512 });
const xml = (content: string): Readable => Readable.from([Buffer.from(content, 'utf8')]);

function statement(ns: string, body: string, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<${p}Document xmlns${prefix ? `:${prefix}` : ''}="urn:iso:std:iso:20022:tech:xsd:${ns}"><${p}BkToCstmrStmt>${body}</${p}BkToCstmrStmt></${p}Document>`;
}

const balance = (code: string, amount: string, sign: string, date: string): string =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">${amount}</Amt><CdtDbtInd>${sign}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;

describe('parseCamt053Statement', () => {
  it('reads the ING example: 9 entries, PRCD/OPBD and CLBD, references and counterparties', async () => {
    const { lines, summary } = await collect(parseCamt053Statement(fixture('ing-example_camt.xml')));
    expect(lines).toHaveLength(9);
    expect(lines.map((l) => l.amountFen)).toEqual([
      35_000n,
      12_500n,
      12_000n,
      27_000n,
      12_500n,
      -2_500n,
      -30_000n,
      -3_000n,
      -3_000n,
    ]);
    expect(lines[0]).toEqual({
      lineNumber: 1,
      bankTransactionId: '59999208N9',
      bookingDate: '2014-01-03',
      valueDate: '2014-01-03',
      amountFen: 35_000n,
      currency: 'EUR',
      counterpartyName: 'INGTestrekening',
      counterpartyAccount: 'NL20INGB0001234567',
      // No end-to-end id: the structured creditor reference.
      reference: '0010008346912014',
      description: null,
      balanceAfterFen: null,
      statementAccount: 'NL08INGB0000001234',
    });
    expect(lines[2]).toMatchObject({ bankTransactionId: '15180015077602405', reference: '20140103E2EIdA1INGBankNV' });
    // A debit: the creditor is the counterparty.
    expect(lines[7]).toMatchObject({
      amountFen: -3_000n,
      counterpartyName: 'INGBANKNV',
      reference: '6010512558977000',
      description: 'INGB20140103UstrdRemiInf454655GHF',
    });
    // The reversal keeps its own booking and value dates.
    expect(lines[8]).toMatchObject({ bookingDate: '2014-01-03', valueDate: '2013-12-20', lineNumber: 9 });
    expect(summary).toEqual({
      accountIdentifier: 'NL08INGB0000001234',
      currency: 'EUR',
      statementId: '201401030009999',
      openingBalanceFen: 100_000n,
      openingDate: '2014-01-03',
      closingBalanceFen: 160_500n,
      closingDate: '2014-01-03',
    });
    const net = lines.reduce((sum, l) => sum + l.amountFen, 0n);
    expect(summary.openingBalanceFen! + net).toBe(summary.closingBalanceFen);
  });

  it('reads the Nordea example: NOTPROVIDED end-to-end ids fall back to the remittance text', async () => {
    const { lines, summary } = await collect(parseCamt053Statement(fixture('nordea-example_camt.xml')));
    expect(lines.map((l) => [l.bankTransactionId, l.amountFen, l.reference])).toEqual([
      ['1905082588CEAA0001', 1_000_000n, '20190501-E00005'],
      ['1905082588SM12345678', 10_050n, 'Free text max 140 characters and ma x 35 characters in one line'],
      ['1905082588CEAG0003', -70_050n, '20190508-E123456'],
      ['1905092588CEAG0004', -30_000n, 'Free text max 140 characters'],
      ['1905082588CVCC1111', -40_000n, null],
      ['1905082588AU123456', -10_000n, 'CMS/Account Number'],
    ]);
    expect(summary).toMatchObject({
      accountIdentifier: 'FI8529501800030574',
      openingBalanceFen: 20_050n,
      closingBalanceFen: 880_050n,
      closingDate: '2019-05-08',
    });
  });

  it('reads the Goldman Sachs example: two Stmt of different accounts, DtTm booking dates', async () => {
    const { lines, summary } = await collect(parseCamt053Statement(fixture('goldman_sachs-camt_053_uk_v2_1.xml')));
    expect(lines).toHaveLength(6);
    expect(lines.map((l) => [l.bookingDate, l.amountFen])).toEqual([
      ['2023-10-09', -10_000n],
      ['2023-10-09', -10_000n],
      ['2023-10-09', 10_000n],
      ['2023-10-10', -10_000n],
      ['2023-10-06', 10_000n],
      ['2023-10-06', -10_000n],
    ]);
    expect(lines[2]).toMatchObject({
      bankTransactionId: '181694550', // no Ntry/AcctSvcrRef: the NtryRef
      valueDate: '2022-10-12',
      currency: 'GBP',
      counterpartyName: 'TEST NAME',
      counterpartyAccount: '12345678',
      reference: '00384068',
    });
    expect(lines[4]).toMatchObject({ counterpartyAccount: 'CH6908235000012345678', reference: 'GSUPGKUAUQ6EJDK' });
    // 60000635 and GB36GSLD04296250000970 cannot share one opening and closing balance.
    expect(summary).toEqual({
      accountIdentifier: null,
      currency: 'GBP',
      statementId: '9740092600',
      openingBalanceFen: null,
      openingDate: null,
      closingBalanceFen: null,
      closingDate: null,
    });
  });

  it('takes the first Stmt opening and last Stmt closing for consecutive statements of one account', async () => {
    const stmt = (id: string, open: string, close: string, day: string, entry: string): string =>
      `<Stmt><Id>${id}</Id><Acct><Id><Othr><Id>6228480000000000018</Id></Othr></Id><Ccy>CNY</Ccy></Acct>` +
      `${balance('OPBD', open, 'CRDT', day)}${balance('CLBD', close, 'CRDT', day)}${entry}</Stmt>`;
    const entry = (amount: string, sign: string, day: string): string =>
      `<Ntry><Amt Ccy="CNY">${amount}</Amt><CdtDbtInd>${sign}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
      `<BookgDt><Dt>${day}</Dt></BookgDt><NtryRef>R${day}</NtryRef></Ntry>`;
    const body =
      stmt('S1', '100.00', '100.50', '2024-01-02', entry('0.5', 'CRDT', '2024-01-02')) +
      stmt('S2', '100.50', '95.50', '2024-01-03', entry('5', 'DBIT', '2024-01-03')) +
      // Pending entries are not booked lines.
      stmt(
        'S3',
        '95.50',
        '95.50',
        '2024-01-04',
        '<Ntry><Amt Ccy="CNY">9.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts></Ntry>',
      );
    const { lines, summary } = await collect(parseCamt053Statement(xml(statement('camt.053.001.08', body, 'c'))));
    expect(lines.map((l) => [l.lineNumber, l.bookingDate, l.amountFen, l.bankTransactionId])).toEqual([
      [1, '2024-01-02', 50n, 'R2024-01-02'],
      [2, '2024-01-03', -500n, 'R2024-01-03'],
    ]);
    expect(summary).toEqual({
      accountIdentifier: '6228480000000000018',
      currency: 'CNY',
      statementId: 'S1',
      openingBalanceFen: 10_000n,
      openingDate: '2024-01-02',
      closingBalanceFen: 9_550n,
      closingDate: '2024-01-04',
    });
  });

  it('keeps a debit closing balance negative', async () => {
    const body = `<Stmt><Id>S</Id>${balance('OPBD', '0.00', 'CRDT', '2024-01-01')}${balance('CLBD', '12.30', 'DBIT', '2024-01-01')}</Stmt>`;
    const { summary } = await collect(parseCamt053Statement(xml(statement('camt.053.001.02', body))));
    expect(summary.closingBalanceFen).toBe(-1_230n);
  });

  describe('refuses', () => {
    async function failure(content: string): Promise<StatementParseError> {
      try {
        await collect(parseCamt053Statement(xml(content)));
      } catch (error) {
        if (error instanceof StatementParseError) return error;
        throw error;
      }
      throw new Error('expected a StatementParseError');
    }

    it('a DOCTYPE with an external entity, without ever reading it', async () => {
      const ing = readFileSync(path.join(FIXTURES, 'ing-example_camt.xml'), 'utf8');
      const attack = ing
        .replace('<Document', '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document')
        .replace('<Nm>INGBankNV</Nm>', '<Nm>&xxe;</Nm>');
      const events: ParseEvent[] = [];
      const error = await (async () => {
        try {
          for await (const event of parseCamt053Statement(xml(attack))) events.push(event);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(StatementParseError);
      expect((error as StatementParseError).message).toBe('line 2: a DTD/entity declaration is not allowed');
      expect(events).toEqual([]);
      expect(JSON.stringify({ message: (error as Error).message, events })).not.toMatch(/root:|nologin|\/bin\//);
    });

    it('an internal entity declaration too', async () => {
      const error = await failure(
        `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>${statement('camt.053.001.02', '')}`,
      );
      expect(error.message).toMatch(/DTD\/entity declaration is not allowed/);
    });

    it('an undeclared entity reference', async () => {
      const error = await failure(statement('camt.053.001.02', '<Stmt><Id>&xxe;</Id></Stmt>'));
      expect(error.message).toMatch(/^line 2: the XML is malformed/);
    });

    it('another message type', async () => {
      const error = await failure(statement('camt.052.001.02', ''));
      expect(error.message).toMatch(/not a camt\.053 document/);
    });

    it('an amount with more decimals than the currency has', async () => {
      const body = `<Stmt><Ntry><Amt Ccy="CNY">1.005</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt>`;
      const error = await failure(statement('camt.053.001.02', body));
      expect(error.details).toEqual({ line: 2, field: 'Ntry/Amt', value: '1.005' });
    });

    it('an entry without CdtDbtInd', async () => {
      const body = `<Stmt><Ntry><Amt Ccy="CNY">1.00</Amt><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry></Stmt>`;
      const error = await failure(statement('camt.053.001.02', body));
      expect(error.details).toMatchObject({ field: 'Ntry/CdtDbtInd' });
    });

    it('truncated XML and an empty file', async () => {
      const ing = readFileSync(path.join(FIXTURES, 'ing-example_camt.xml'), 'utf8');
      expect((await failure(ing.slice(0, 5000))).message).toMatch(/the XML is malformed/);
      expect((await failure('')).message).toBe('the file is empty');
    });
  });
});
