import ExcelJS from 'exceljs';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { binaryBody } from './support/binary';

const TODAY = '2026-03-02';

/**
 * Statistics over HTTP, before any snapshot is stored: the formulas served, reports as JSON and XLSX (Chinese headers,
 * 万元, 不适用 for rates with nothing due, every formula under the table), scope (a bank reads its bank; a county
 * outside one's jurisdiction is not found), targets refused with the field at fault, and the warning list.
 */
describe('statistics (e2e)', () => {
  let h: ApiHarness;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    for (const user of ['admin', 'fedadmin', 'bank', 'officer2', 'finance']) token[user] = await h.login(user);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves every formula with its definition in both languages', async () => {
    const res = await h.http.get('/statistics/formulas').set(as('bank')).expect(200);
    const codes = (res.body as { code: string; name: Record<string, string> }[]).map((f) => f.code);
    expect(codes).toEqual([
      'REPAYMENT_RATE_AT_MATURITY',
      'COLLECTION_RATE',
      'OVERDUE_RATE',
      'PAR30',
      'PAR90',
      'COMPENSATION_RATE',
      'RECOVERY_RATE',
    ]);
    expect(res.body[0].name['zh-CN']).toBe('到期还款率');
  });

  it('answers the monthly table as JSON: townships and the total, rates not applicable with nothing due', async () => {
    const res = await h.http
      .get('/statistics/reports/monthly?month=2026-02&regionCode=150221')
      .set(as('fedadmin'))
      .expect(200);
    const body = res.body as {
      columns: { key: string; header: Record<string, string> }[];
      rows: { label: Record<string, string>; cells: Record<string, string | null> }[];
      asOf: string | null;
    };
    expect(body.asOf).toBeNull();
    expect(body.columns.find((c) => c.key === 'loansMadeFen')?.header['zh-CN']).toBe('本期发放金额（万元）');
    const total = body.rows[body.rows.length - 1];
    expect(total.label['zh-CN']).toBe('合计');
    expect(total.cells.loansMadeFen).toBe('0.0000');
    expect(total.cells.REPAYMENT_RATE_AT_MATURITY).toBeNull();
  });

  it('answers the monitoring table as XLSX with Chinese headers, 不适用 and the formulas printed under it', async () => {
    const res = await h.http
      .get('/statistics/reports/monitoring?from=2026-01-01&to=2026-02-28&format=xlsx')
      .set(as('bank'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const text: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    expect(text).toContain('借款人类别');
    expect(text).toContain('发放金额（万元）');
    expect(text).toContain('不适用');
    expect(text).toContain('指标说明');
    expect(text.some((t) => t.startsWith('到期还款率 = '))).toBe(true);
  });

  it('keeps each caller to their scope', async () => {
    const own = await h.http
      .get('/statistics/figures?from=2026-01-01&to=2026-02-28&regionCode=150222')
      .set(as('bank'))
      .expect(200);
    expect(own.body.scope.kind).toBe('BANK');
    const other = await h.http
      .get('/statistics/figures?from=2026-01-01&to=2026-02-28&regionCode=150221')
      .set(as('officer2'))
      .expect(404);
    expect(other.body.code).toBe('NOT_FOUND');
    const bad = await h.http
      .get('/statistics/figures?from=2026-03-01&to=2026-01-01&regionCode=150221')
      .set(as('fedadmin'))
      .expect(400);
    expect(bad.body.code).toBe('INVALID_STATISTICS_PERIOD');
  });

  it('sets a target, refuses a malformed one and a bank, and lists them', async () => {
    const set = await h.http
      .put('/statistics/targets')
      .set(as('fedadmin'))
      .send({ regionCode: '150221', year: 2026, kind: 'LENDING_VOLUME', value: '20000000.00' })
      .expect(200);
    expect(set.body).toMatchObject({ kind: 'LENDING_VOLUME', value: '20000000.00', unit: 'FEN', direction: 'TARGET' });
    const bad = await h.http
      .put('/statistics/targets')
      .set(as('fedadmin'))
      .send({ regionCode: '150221', year: 2026, kind: 'PAR30', value: 'five percent' })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_TARGET_VALUE', details: { field: 'value' } });
    await h.http
      .put('/statistics/targets')
      .set(as('bank'))
      .send({ regionCode: '150221', year: 2026, kind: 'PAR30', value: '0.05' })
      .expect(403);
    const list = await h.http.get('/statistics/targets?year=2026').set(as('finance')).expect(200);
    expect(list.body).toHaveLength(1);
    const warnings = await h.http.get('/statistics/warnings').set(as('fedadmin')).expect(200);
    expect(warnings.body).toEqual({ items: [], nextCursor: null });
    await h.http.delete(`/statistics/targets/${set.body.id}`).set(as('admin')).expect(204);
    expect((await h.http.get('/statistics/targets').set(as('finance')).expect(200)).body).toHaveLength(0);
  });
});
