import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';

/** Dates the suites of each workflow do not reach: the demo seed on the one day its usual date is still ahead. */
describe('business date bounds (e2e)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    // 01:30 on 1 January 2027 in Asia/Shanghai (still 31 December in UTC).
    h = await startApi(new FixedClock('2026-12-31T17:30:00Z'));
  });

  afterAll(async () => {
    await h?.close();
  });

  it("seeds the demo fund's contribution on New Year's Day with today's date, not 2 January ahead", async () => {
    const res = await h.http
      .get(`/guarantee-funds/${h.demo.fund.id}/entries`)
      .set('Authorization', await h.login('guarantee'))
      .expect(200);
    expect(res.body.items.map((e: { kind: string; valueDate: string }) => [e.kind, e.valueDate])).toEqual([
      ['CONTRIBUTION', '2027-01-01'],
    ]);
  });

  it('refuses an audit-log range whose end is before its start (400 INVALID_DATE_RANGE)', async () => {
    const res = await h.http
      .get('/audit-log?from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z')
      .set('Authorization', await h.login('admin'))
      .expect(400);
    expect(res.body).toMatchObject({
      code: 'INVALID_DATE_RANGE',
      details: { field: 'to', min: '2026-12-01T00:00:00.000Z' },
    });
  });
});
