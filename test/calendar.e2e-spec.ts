import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { residentId } from './support/workflow';

/**
 * The working calendar over HTTP: a year's view, a deadline across the National Day week, a year the bundled package
 * lacks refused until an administrator enters its notice, and an application's review deadline skipping the holiday.
 * The clock stands on Friday 2025-09-26, just before the 2025 National Day and Mid-Autumn holiday (1–8 October).
 */
describe('working calendar (e2e)', () => {
  let h: ApiHarness;
  let admin: string;
  let officer: string;

  // A year the package does not carry, with a made-up notice for the test (a real one is entered when published).
  const YEAR = 2040;
  const notice = {
    source: '测试用通知',
    days: [
      ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({ date: `${YEAR}-10-0${day}`, kind: 'HOLIDAY', name: '国庆节' })),
      { date: `${YEAR}-09-29`, kind: 'WORKDAY', name: '国庆节' },
    ],
  };

  beforeAll(async () => {
    h = await startApi(new FixedClock('2025-09-26T04:00:00Z'), { env: { CALENDAR_UNKNOWN_YEAR: 'REFUSE' } });
    [admin, officer] = await Promise.all([h.login('admin'), h.login('officer')]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a year as deadlines count it: the package’s holidays and make-up working days', async () => {
    const res = await h.http.get('/calendar/years/2025').set('Authorization', officer).expect(200);
    expect(res.body).toMatchObject({ year: 2025, coveredByPackage: true, coveredByTable: false, known: true });
    expect(res.body.days).toContainEqual(
      expect.objectContaining({ date: '2025-10-01', kind: 'HOLIDAY', name: '国庆节', origin: 'PACKAGE', source: null }),
    );
    expect(res.body.days).toContainEqual(expect.objectContaining({ date: '2025-09-28', kind: 'WORKDAY' }));
    expect(res.body.days).toContainEqual(expect.objectContaining({ date: '2025-10-11', kind: 'WORKDAY' }));
    await h.http.get('/calendar/years/1900').set('Authorization', officer).expect(400);
    await h.http.get('/calendar/years/abc').set('Authorization', officer).expect(400);
    await h.http.get('/calendar/years/2025').expect(401);
  });

  it('counts a claim due 10 working days after 2025-09-20 past the National Day week', async () => {
    const res = await h.http
      .get('/calendar/deadline')
      .query({ from: '2025-09-20', workingDays: 10 })
      .set('Authorization', officer)
      .expect(200);
    expect(res.body).toEqual({ from: '2025-09-20', workingDays: 10, date: '2025-10-10' });
  });

  it('refuses a year neither the package nor the table holds, then counts it once an administrator enters it', async () => {
    const refused = await h.http
      .get('/calendar/deadline')
      .query({ from: `${YEAR}-09-28`, workingDays: 5 })
      .set('Authorization', officer)
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', details: { year: YEAR } });
    expect(refused.body.message).toContain(`${YEAR}年`);
    const english = await h.http
      .get('/calendar/deadline')
      .query({ from: `${YEAR}-09-28`, workingDays: 5 })
      .set('Authorization', officer)
      .set('Accept-Language', 'en')
      .expect(422);
    expect(english.body.message).toContain(`for ${YEAR}`);
    expect((await h.http.get(`/calendar/years/${YEAR}`).set('Authorization', officer).expect(200)).body).toMatchObject({
      known: false,
      days: [],
    });

    await h.http.post('/calendar/days').set('Authorization', officer).send(notice).expect(403);
    const added = await h.http.post('/calendar/days').set('Authorization', admin).send(notice).expect(201);
    expect(added.body).toHaveLength(8);
    expect(added.body[0]).toMatchObject({ date: `${YEAR}-09-29`, kind: 'WORKDAY', source: '测试用通知' });

    const year = await h.http.get(`/calendar/years/${YEAR}`).set('Authorization', officer).expect(200);
    expect(year.body).toMatchObject({ coveredByPackage: false, coveredByTable: true, known: true });
    expect(year.body.days).toHaveLength(8);
    // Fri 28 Sep → Sat 29 Sep worked (1), 1–7 Oct off, 8–11 Oct (5).
    const counted = await h.http
      .get('/calendar/deadline')
      .query({ from: `${YEAR}-09-28`, workingDays: 5 })
      .set('Authorization', officer)
      .expect(200);
    expect(counted.body.date).toBe(`${YEAR}-10-11`);

    const audit = await h.app
      .get(DataSource)
      .query(`SELECT entity_id FROM audit_log WHERE action = 'calendar_day.added' ORDER BY entity_id`);
    expect(audit.map((r: { entity_id: string }) => r.entity_id)).toContain(`${YEAR}-10-01`);
  });

  it('refuses a date already entered, a date twice, and malformed days; removes an entry once', async () => {
    const again = await h.http
      .post('/calendar/days')
      .set('Authorization', admin)
      .send({ source: '测试用通知', days: [{ date: `${YEAR}-10-01`, kind: 'HOLIDAY', name: '国庆节' }] })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'CALENDAR_DAY_EXISTS', details: { date: `${YEAR}-10-01` } });
    const twice = await h.http
      .post('/calendar/days')
      .set('Authorization', admin)
      .send({
        source: '测试用通知',
        days: [
          { date: `${YEAR}-05-01`, kind: 'HOLIDAY', name: '劳动节' },
          { date: `${YEAR}-05-01`, kind: 'HOLIDAY', name: '劳动节' },
        ],
      })
      .expect(422);
    expect(twice.body).toMatchObject({ code: 'CALENDAR_DAY_DUPLICATE', details: { date: `${YEAR}-05-01` } });
    for (const body of [
      { source: '测试用通知', days: [] },
      { source: '', days: [{ date: `${YEAR}-05-01`, kind: 'HOLIDAY', name: '劳动节' }] },
      { source: '测试用通知', days: [{ date: `${YEAR}-02-30`, kind: 'HOLIDAY', name: '劳动节' }] },
      { source: '测试用通知', days: [{ date: `${YEAR}-05-01`, kind: 'DAY_OFF', name: '劳动节' }] },
    ]) {
      await h.http.post('/calendar/days').set('Authorization', admin).send(body).expect(400);
    }

    await h.http.delete(`/calendar/days/${YEAR}-09-29`).set('Authorization', officer).expect(403);
    await h.http.delete(`/calendar/days/${YEAR}-09-29`).set('Authorization', admin).expect(204);
    const gone = await h.http.delete(`/calendar/days/${YEAR}-09-29`).set('Authorization', admin).expect(404);
    expect(gone.body).toMatchObject({ code: 'NOT_FOUND', details: { field: 'date' } });
    // Saturday 29 September is an ordinary weekend day again: Fri 28 Sep + 5 → 8–12 Oct.
    const counted = await h.http
      .get('/calendar/deadline')
      .query({ from: `${YEAR}-09-28`, workingDays: 5 })
      .set('Authorization', officer)
      .expect(200);
    expect(counted.body.date).toBe(`${YEAR}-10-12`);
    const removed = await h.app
      .get(DataSource)
      .query(`SELECT before FROM audit_log WHERE action = 'calendar_day.removed' AND entity_id = $1`, [
        `${YEAR}-09-29`,
      ]);
    expect(removed).toEqual([{ before: { kind: 'WORKDAY', name: '国庆节', source: '测试用通知' } }]);
  });

  it('sets an application’s review deadline past the National Day week', async () => {
    await h.http
      .put('/applications/step-deadlines/FEDERATION_REVIEW')
      .set('Authorization', admin)
      .send({ workingDays: 5 })
      .expect(204);
    const reg = await h.http
      .post('/applicants')
      .set('Authorization', officer)
      .send({
        name: '张红',
        idNumber: residentId('19870707', '981'),
        mobile: '13500135000',
        regionCode: '150221100201',
        householdType: 'RURAL',
        category: 'RURAL_SELF_EMPLOYED',
        businessKind: 'LIVESTOCK',
        employmentStatus: 'FARMER',
      })
      .expect(201);
    const app = await h.http
      .post('/applications')
      .set('Authorization', officer)
      .send({
        applicantId: reg.body.applicant.id,
        bankOrganisationId: h.demo.organisations.rcc.id,
        amountYuan: '80000.00',
        termMonths: 12,
        purpose: 'LIVESTOCK',
        repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
      })
      .expect(201);
    const submitted = await h.http
      .post(`/applications/${app.body.id}/submit`)
      .set('Authorization', officer)
      .expect(200);
    // Fri 26 Sep → Sun 28 Sep worked (1), 29–30 Sep (3), 1–8 Oct off, 9–10 Oct (5); Monday–Friday said 3 Oct.
    expect(submitted.body.stepDueDate).toBe('2025-10-10');
  });
});
