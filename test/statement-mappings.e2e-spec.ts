import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { StatementImportRunner } from '@mla/reconciliation';
import { startApi, type ApiHarness } from './support/api-harness';

const CORPUS = resolve(__dirname, 'fixtures/bank-statements/corpus');
const corpus = (name: string) => readFileSync(resolve(CORPUS, name));

describe('statement mappings: presets, preview, account and currency checks (e2e)', () => {
  let h: ApiHarness;
  let ds: DataSource;
  let token = '';
  const as = () => ({ Authorization: token });
  const imports = async () =>
    ((await ds.query(`SELECT count(*)::int AS n FROM statement_imports`)) as { n: number }[])[0].n;
  const preview = (query: string, file: Buffer) =>
    h.http.post(`/statement-previews?${query}`).set(as()).set('Content-Type', 'application/octet-stream').send(file);
  const account = async (accountNumber: string, extra: Record<string, unknown>) =>
    (
      await h.http
        .post('/bank-accounts')
        .set(as())
        .send({ accountNumber, name: '结算户', ...extra })
        .expect(201)
    ).body as { id: string; mappingPreset: string | null };
  const importFile = async (accountId: string, file: Buffer, fileName: string) => {
    const res = await h.http
      .post(`/bank-accounts/${accountId}/statements?fileName=${fileName}`)
      .set(as())
      .set('Content-Type', 'application/octet-stream')
      .send(file)
      .expect(202);
    await h.app.get(StatementImportRunner).run(res.body.id as string);
    return (await h.http.get(`/statement-imports/${res.body.id}`).set(as()).expect(200)).body as Record<
      string,
      unknown
    >;
  };

  beforeAll(async () => {
    h = await startApi(new FixedClock('2026-12-01T04:00:00Z'));
    ds = h.app.get(DataSource);
    token = await h.login('bank');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists the presets with the banks’ names in Chinese (English on request)', async () => {
    const zh = await h.http.get('/statement-mapping-presets').set(as()).expect(200);
    const codes = (zh.body as { code: string }[]).map((p) => p.code);
    expect(codes).toEqual(['ICBC', 'ABC', 'BOC', 'CCB', 'BOCOM', 'CMB', 'PSBC', 'CITIC', 'SPDB', 'CGB', 'RCC']);
    expect(zh.body[0]).toMatchObject({ code: 'ICBC', name: '中国工商银行', mapping: { date: '交易时间' } });
    expect(zh.body[4].mapping).toMatchObject({ direction: '借贷标志', creditValues: ['贷'], debitValues: ['借'] });
    const en = await h.http.get('/statement-mapping-presets').set(as()).set('Accept-Language', 'en').expect(200);
    expect(en.body[0].name).toBe('Industrial and Commercial Bank of China');
  });

  it('previews a sample with a preset: signed lines, masked accounts, nothing stored', async () => {
    const before = await imports();
    const res = await preview('preset=BOCOM&fileName=bocom.csv&limit=2', corpus('bocom-direction.csv')).expect(200);
    expect(res.body).toMatchObject({ format: 'CSV', linesRead: 4, issues: [] });
    expect(res.body.lines).toEqual([
      expect.objectContaining({ lineNumber: 4, amountYuan: '80000.00', currency: 'CNY', balanceAfterYuan: '85000.00' }),
      expect.objectContaining({
        lineNumber: 5,
        amountYuan: '-30000.00',
        counterpartyName: '王美兰',
        counterpartyAccount: '6217****0123',
      }),
    ]);
    expect(res.body.accountIdentifier).toBe('1550****5678');
    expect(await imports()).toBe(before);
  });

  it('says in Chinese which rows and which file-wide problems an import would refuse', async () => {
    const unsigned = await preview(
      `mapping=${encodeURIComponent(JSON.stringify({ date: '交易日期', amount: '交易金额', balance: '余额' }))}`,
      corpus('bocom-direction.csv'),
    ).expect(200);
    expect(unsigned.body.lines).toEqual([]);
    expect(unsigned.body.issues).toEqual([
      expect.objectContaining({
        code: 'STATEMENT_DIRECTION_REQUIRED',
        line: 3,
        field: '借贷标志',
        refusesFile: true,
        message: expect.stringContaining('借贷方向列「借贷标志」'),
      }),
    ]);

    const oneBadRow = corpus('bocom-direction.csv').toString('utf8').replace(',30000.00,借,', ',30000.00,转,');
    const rows = await preview('preset=BOCOM', Buffer.from(oneBadRow)).expect(200);
    expect(rows.body.linesRead).toBe(3);
    expect(rows.body.issues[0]).toMatchObject({
      code: 'STATEMENT_DIRECTION_UNKNOWN',
      line: 5,
      field: '借贷标志',
      refusesFile: false,
      message: expect.stringContaining('“转”'),
    });

    const bad = await preview('mapping=%7Bnot-json', corpus('bocom-direction.csv')).expect(400);
    expect(bad.body.code).toBe('INVALID_MAPPING');
    const noDirectionValues = await preview(
      `mapping=${encodeURIComponent(JSON.stringify({ date: '交易日期', debit: '借', direction: '借贷标志' }))}`,
      corpus('bocom-direction.csv'),
    ).expect(400);
    expect(noDirectionValues.body.code).toBe('INVALID_MAPPING');
    const csvWithout = await preview('fileName=x.csv', corpus('bocom-direction.csv')).expect(400);
    expect(csvWithout.body.code).toBe('MAPPING_REQUIRED');
  });

  it('refuses a sample over the preview limit, storing nothing', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x41);
    const res = await preview('preset=RCC', big).expect(422);
    expect(res.body.code).toBe('FILE_TOO_LARGE');
  });

  it('refuses a statement of another account, naming both masked; the account follows its preset', async () => {
    const chosen = await account('150221012000000099', { format: 'CSV', mappingPreset: 'RCC' });
    expect(chosen.mappingPreset).toBe('RCC');
    const previewed = await preview(`bankAccountId=${chosen.id}`, corpus('rcc-notes-footer.csv')).expect(200);
    expect(previewed.body.issues).toEqual([
      expect.objectContaining({ code: 'STATEMENT_ACCOUNT_MISMATCH', refusesFile: true }),
    ]);
    const refused = await importFile(chosen.id, corpus('rcc-notes-footer.csv'), 'rcc.csv');
    expect(refused).toMatchObject({ status: 'FAILED', linesStored: 0 });
    expect(refused.errorMessage).toBe('银行流水文件的账号1502****0018与所选银行账户1502****0099不一致，文件未导入');
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM statement_lines WHERE bank_account_id = $1`, [
      chosen.id,
    ])) as { n: number }[];
    expect(n).toBe(0);

    const right = await account('150221012000000018', { format: 'CSV', mappingPreset: 'RCC' });
    expect(await importFile(right.id, corpus('rcc-notes-footer.csv'), 'rcc.csv')).toMatchObject({
      status: 'IMPORTED',
      linesStored: 2,
    });
  });

  it('keeps a foreign-currency line out of loan matching, as an exception saying why', async () => {
    const eur = await account('104000000099999', { format: 'CAMT053', currency: 'EUR' });
    const done = await importFile(eur.id, corpus('camt053-two-statements.xml'), 'camt.xml');
    expect(done).toMatchObject({ status: 'IMPORTED', linesStored: 1 });
    const exceptions = await h.http.get(`/bank-accounts/${eur.id}/exceptions`).set(as()).expect(200);
    expect(exceptions.body).toEqual([
      expect.objectContaining({
        amountYuan: '8.85',
        currency: 'EUR',
        outcome: 'BANK_ONLY',
        matchRule: 'CURRENCY_NOT_LOAN_CURRENCY',
        note: expect.stringContaining('EUR'),
      }),
    ]);
    const [line] = exceptions.body as { id: string }[];
    const link = await h.http
      .post(`/statement-lines/${line.id}/resolution`)
      .set(as())
      .send({ action: 'LINK', reason: 'x', loanId: '00000000-0000-4000-8000-000000000009' })
      .expect(409);
    expect(link.body.code).toBe('INVALID_RESOLUTION');
  });
});
