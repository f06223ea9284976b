import { DataSource } from 'typeorm';
import { AuditEntry } from '@mla/auth';
import { Clock, LocalDate } from '@mla/core';
import { LPR_HISTORY, LprService, PolicySeeder } from '@mla/loan-policies';
import { startApi, type ApiHarness } from './support/api-harness';
import { countyPolicy } from './support/policies';

describe('loan policies and LPR (e2e)', () => {
  let h: ApiHarness;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    h = await startApi();
    admin = await h.login('admin');
    officer = await h.login('officer');
  });

  afterAll(async () => {
    await h?.close();
  });

  const auditRowsFor = (requestId: string) =>
    h.app.get(DataSource).manager.find(AuditEntry, { where: { requestId }, order: { id: 'ASC' } });

  const resolve = (query: string, auth = officer) =>
    h.http.get(`/loan-policies/resolve?${query}`).set('Authorization', auth);

  it('documents the endpoints in OpenAPI', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    for (const path of [
      '/loan-policies',
      '/loan-policies/resolve',
      '/loan-policies/{id}/retire',
      '/lpr-rates',
      '/lpr-rates/in-force',
    ]) {
      expect(res.body.paths).toHaveProperty([path]);
    }
    expect(res.body.components.schemas.CreateLoanPolicyRequest.required).toContain('individualMaxYuan');
  });

  describe('seeded policies', () => {
    it('resolves the 2009 women line for a county of Inner Mongolia in 2015', async () => {
      const res = await resolve('regionCode=150221&date=2015-06-01').expect(200);
      expect(res.body).toMatchObject({
        code: 'WOMEN-2009',
        legalBasis: '财金〔2009〕72号',
        jurisdictionRegionCode: '150000',
        effectiveFrom: '2009-07-27',
        effectiveTo: '2020-12-31',
        version: 1,
        status: 'ACTIVE',
        minAge: 18,
        maxAge: 55,
        individualMaxYuan: '80000.00',
        partnershipPerPersonMaxYuan: '100000.00',
        maxTermMonths: 24,
        extensionMaxMonths: 12,
        maxCumulativeLoans: 3,
        rateCapBasisPointsOverLpr: 300,
        womenOnly: true,
        subsidyRule: { kind: 'FULL_ACTUAL_INTEREST' },
      });
    });

    it('resolves CEGL-2024 for the same county in 2025', async () => {
      const res = await resolve('regionCode=150221&date=2025-01-01').expect(200);
      expect(res.body).toMatchObject({
        code: 'CEGL-2024',
        effectiveTo: null,
        minAge: 18,
        maxAge: 60,
        maxAgePlusTermYears: null,
        individualMaxYuan: '300000.00',
        partnershipTotalPercentOfMembers: '110.00',
        partnershipAbsoluteMaxYuan: '4000000.00',
        smallConsumerLoanMaxYuan: '50000.00',
        maxTermMonths: 36,
        rateCapBasisPointsOverLpr: 150,
        womenOnly: false,
        counterGuaranteeRequired: false,
        subsidyRule: {
          kind: 'PERCENT_OF_ACTUAL_INTEREST',
          percent: '50',
          fundingShares: { central: '0.75', provincial: '0.10', city: '0', county: '0.15' },
        },
      });
      expect(res.body.eligibleCategories).toHaveLength(10);
      expect(res.body.repaymentMethods).toHaveLength(6);
    });

    it('answers 422 NO_POLICY_IN_FORCE naming region and date between the two', async () => {
      const res = await resolve('regionCode=150221&date=2022-06-01').expect(422);
      expect(res.body).toMatchObject({
        code: 'NO_POLICY_IN_FORCE',
        details: { regionCode: '150221', date: '2022-06-01' },
      });
      expect(res.body.message).toContain('150221');
      expect(res.body.message).toContain('2022-06-01');
      await resolve('regionCode=110105&date=2025-01-01').expect(422);
    });

    it('lists policies with filters and keyset pagination', async () => {
      const first = await h.http.get('/loan-policies?limit=1').set('Authorization', officer).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await h.http
        .get(`/loan-policies?limit=1&cursor=${first.body.nextCursor}`)
        .set('Authorization', officer)
        .expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      const on2015 = await h.http
        .get('/loan-policies?effectiveOn=2015-06-01&jurisdictionRegionCode=150000&status=ACTIVE')
        .set('Authorization', officer)
        .expect(200);
      expect(on2015.body.items.map((p: { code: string }) => p.code)).toEqual(['WOMEN-2009']);
      const byId = await h.http
        .get(`/loan-policies/${on2015.body.items[0].id}`)
        .set('Authorization', officer)
        .expect(200);
      expect(byId.body.code).toBe('WOMEN-2009');
    });

    it('seeds idempotently, through the services, audited as the system', async () => {
      const report = await h.app.get(PolicySeeder).seed();
      expect(report).toEqual({ lprRatesAdded: [], policiesCreated: [] });
      const ds = h.app.get(DataSource);
      const seeded = await ds.manager.find(AuditEntry, {
        where: { action: 'loan_policy.created', actorUsername: 'system' },
      });
      expect(seeded.map((e) => (e.after as { code: string }).code).sort()).toEqual(['CEGL-2024', 'WOMEN-2009']);
      // The published history arrives with the migrations; the seeder finds it and adds nothing.
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM lpr_rates`)) as { n: number }[];
      expect(n).toBe(LPR_HISTORY.length);
    });
  });

  describe('creating and retiring versions', () => {
    it('refuses a create by a role without policy:manage (403)', async () => {
      const res = await h.http.post('/loan-policies').set('Authorization', officer).send(countyPolicy()).expect(403);
      expect(res.body).toMatchObject({ code: 'PERMISSION_DENIED', details: { permission: 'policy:manage' } });
    });

    it('creates a county version that wins over the province in its county only, and audits it', async () => {
      const res = await h.http.post('/loan-policies').set('Authorization', admin).send(countyPolicy()).expect(201);
      expect(res.body).toMatchObject({
        code: 'GUYANG-2025',
        version: 1,
        status: 'ACTIVE',
        individualMaxYuan: '200000.00',
        partnershipAbsoluteMaxYuan: '3000000.00',
        maxAgePlusTermYears: 63,
        subsidyRule: { kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE', borrowerBearsLprMinusBasisPoints: 150 },
      });
      const rows = await auditRowsFor(res.headers['x-request-id']);
      expect(rows.map((r) => r.action)).toEqual(['loan_policy.created']);
      expect(rows[0]).toMatchObject({ actorUsername: 'admin', entityType: 'loan_policy', entityId: res.body.id });
      expect(rows[0].after).toMatchObject({ code: 'GUYANG-2025', individualMaxFen: '20000000' });

      expect((await resolve('regionCode=150222&date=2025-06-01').expect(200)).body.code).toBe('GUYANG-2025');
      expect((await resolve('regionCode=150222001&date=2025-06-01').expect(200)).body.code).toBe('GUYANG-2025');
      expect((await resolve('regionCode=150221&date=2025-06-01').expect(200)).body.code).toBe('CEGL-2024');
      expect((await resolve('regionCode=150222&date=2026-01-01').expect(200)).body.code).toBe('CEGL-2024');
      expect((await resolve('regionCode=150222&date=2025-06-01&code=CEGL-2024').expect(200)).body.code).toBe(
        'CEGL-2024',
      );
    });

    it('refuses an overlapping version of the same code and jurisdiction (409) and numbers the next one', async () => {
      const overlap = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ effectiveFrom: '2025-12-31', effectiveTo: null }))
        .expect(409);
      expect(overlap.body).toMatchObject({
        code: 'POLICY_OVERLAP',
        details: { overlapping: [{ version: 1, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' }] },
      });
      expect(await auditRowsFor(overlap.headers['x-request-id'])).toEqual([]);
      const next = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ effectiveFrom: '2026-01-01', effectiveTo: null, individualMaxYuan: '250000' }))
        .expect(201);
      expect(next.body).toMatchObject({ version: 2, effectiveFrom: '2026-01-01', individualMaxYuan: '250000.00' });
      expect((await resolve('regionCode=150222&date=2026-03-01').expect(200)).body.version).toBe(2);
    });

    it('retires a version (audited), which then no longer resolves, and refuses to retire it twice', async () => {
      const list = await h.http
        .get('/loan-policies?code=GUYANG-2025&effectiveOn=2025-06-01')
        .set('Authorization', admin)
        .expect(200);
      const id = list.body.items[0].id as string;
      await h.http.post(`/loan-policies/${id}/retire`).set('Authorization', officer).expect(403);
      const res = await h.http.post(`/loan-policies/${id}/retire`).set('Authorization', admin).expect(200);
      expect(res.body).toMatchObject({ id, status: 'RETIRED', retiredAt: expect.any(String) });
      const rows = await auditRowsFor(res.headers['x-request-id']);
      expect(rows.map((r) => r.action)).toEqual(['loan_policy.retired']);
      expect(rows[0].before).toMatchObject({ status: 'ACTIVE' });
      expect(rows[0].after).toMatchObject({ status: 'RETIRED' });
      expect((await resolve('regionCode=150222&date=2025-06-01').expect(200)).body.code).toBe('CEGL-2024');
      const again = await h.http.post(`/loan-policies/${id}/retire`).set('Authorization', admin).expect(409);
      expect(again.body.code).toBe('POLICY_ALREADY_RETIRED');
      // A retired version leaves its dates free for a corrected one.
      const corrected = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy())
        .expect(201);
      expect(corrected.body.version).toBe(3);
    });

    it('names bad fields: unknown ones (400), rule problems (400) and a missing jurisdiction (422)', async () => {
      const unknown = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ interestFree: true }))
        .expect(400);
      expect(unknown.body.details).toEqual([
        { field: 'interestFree', problems: [expect.any(String)], rules: ['whitelistValidation'] },
      ]);
      const shares = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(
          countyPolicy({
            code: 'BAD-SHARES',
            subsidyRule: {
              kind: 'FULL_ACTUAL_INTEREST',
              fundingShares: { central: '0.5', provincial: '0.5', city: '0.5', county: '0' },
            },
          }),
        )
        .expect(400);
      expect(shares.body).toMatchObject({
        code: 'INVALID_POLICY',
        message: '贷款政策填写有误：subsidyRule.fundingShares',
        details: [{ field: 'subsidyRule.fundingShares', problems: ['各级分担比例之和须等于1，现为1.5'] }],
      });
      const sharesEn = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .set('Accept-Language', 'en')
        .send(
          countyPolicy({
            code: 'BAD-SHARES',
            subsidyRule: {
              kind: 'FULL_ACTUAL_INTEREST',
              fundingShares: { central: '0.5', provincial: '0.5', city: '0.5', county: '0' },
            },
          }),
        )
        .expect(400);
      expect(sharesEn.body.details).toEqual([
        { field: 'subsidyRule.fundingShares', problems: ['must sum to exactly 1, got 1.5'] },
      ]);
      const money = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ individualMaxYuan: '200000.001' }))
        .expect(400);
      expect(money.body.details.map((d: { field: string }) => d.field)).toEqual(['individualMaxYuan']);
      const region = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ code: 'NOWHERE-2025', jurisdictionRegionCode: '990101' }))
        .expect(422);
      expect(region.body).toMatchObject({
        code: 'JURISDICTION_NOT_FOUND',
        details: { field: 'jurisdictionRegionCode' },
      });
    });
  });

  describe('subsidy rule options', () => {
    it('stores caps, the extension exception, payment, the calendar and deadlines, and reads defaults back', async () => {
      const res = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(
          countyPolicy({
            code: 'SUBRULE-2025',
            subsidyRule: {
              kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
              borrowerBearsLprMinusBasisPoints: 150,
              amountCapYuan: '200000.00',
              rateCapBasisPointsOverLpr: 150,
              termCapMonths: 36,
              extensionSubsidisedFrom: '2025-01-01',
              payee: 'BANK_ACCOUNT',
              settlementMonths: [6, 12],
            },
          }),
        )
        .expect(201);
      expect(res.body.subsidyRule).toEqual({
        kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
        borrowerBearsLprMinusBasisPoints: 150,
        amountCapYuan: '200000.00',
        rateCapBasisPointsOverLpr: 150,
        termCapMonths: 36,
        extensionSubsidisedFrom: '2025-01-01',
        onTimeGraceDays: 0,
        paymentMode: 'REIMBURSE_AFTER_PAYMENT',
        payee: 'BANK_ACCOUNT',
        settlementMonths: [6, 12],
        settlementDay: 20,
        claimDeadlineWorkingDays: 10,
        reviewDeadlineWorkingDays: 5,
        paymentDeadlineWorkingDays: 5,
      });
      const rows = await auditRowsFor(res.headers['x-request-id']);
      expect(rows[0].after).toMatchObject({ subsidyRule: { amountCapFen: '20000000' } });

      const bad = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ code: 'SUBRULE-BAD', subsidyRule: { kind: 'FULL_ACTUAL_INTEREST', payee: 'FUND' } }))
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['subsidyRule.payee']);

      const lists = await h.http.get('/docs-json').expect(200);
      expect(lists.body.components.schemas).toHaveProperty(['SubsidyPayee']);
      expect(lists.body.components.schemas).toHaveProperty(['SubsidyPaymentMode']);
    });
  });

  describe('effective dates', () => {
    it('accepts a version planned for the future but refuses one before 2000 or beyond today + 5 years', async () => {
      const today = h.app.get(Clock).today();
      const max = today.plusYears(5).toString();
      const cases: [Record<string, unknown>, string, string][] = [
        [{ effectiveFrom: '1999-12-31', effectiveTo: null }, 'effectiveFrom', '1999-12-31'],
        [{ effectiveFrom: '0001-01-01', effectiveTo: '2000-06-30' }, 'effectiveFrom', '0001-01-01'],
        [{ effectiveFrom: today.plusYears(5).plusDays(1).toString(), effectiveTo: null }, 'effectiveFrom', ''],
        [{ effectiveFrom: '2030-01-01', effectiveTo: '9999-12-31' }, 'effectiveTo', '9999-12-31'],
      ];
      for (const [dates, field, value] of cases) {
        const res = await h.http
          .post('/loan-policies')
          .set('Authorization', admin)
          .send(countyPolicy({ code: 'GUYANG-DATES', ...dates }))
          .expect(422);
        expect(res.body).toMatchObject({
          code: 'DATE_OUT_OF_RANGE',
          details: { field, min: '2000-01-01', max, ...(value ? { value } : {}) },
        });
        expect(await auditRowsFor(res.headers['x-request-id'])).toEqual([]);
      }
      const none = await h.http.get('/loan-policies?code=GUYANG-DATES').set('Authorization', admin).expect(200);
      expect(none.body.items).toEqual([]);
      const planned = await h.http
        .post('/loan-policies')
        .set('Authorization', admin)
        .send(countyPolicy({ code: 'GUYANG-DATES', effectiveFrom: today.plusYears(1).toString(), effectiveTo: max }))
        .expect(201);
      expect(planned.body).toMatchObject({ effectiveFrom: today.plusYears(1).toString(), effectiveTo: max });
    });
  });

  describe('LPR', () => {
    it('looks up the rate in force on a date', async () => {
      const march = await h.http.get('/lpr-rates/in-force?date=2024-03-01').set('Authorization', officer).expect(200);
      expect(march.body).toMatchObject({
        effectiveDate: '2024-02-20',
        oneYearPercent: '3.4500',
        fiveYearPercent: '3.9500',
      });
      const publication = await h.http
        .get('/lpr-rates/in-force?date=2024-07-22')
        .set('Authorization', officer)
        .expect(200);
      expect(publication.body.oneYearPercent).toBe('3.3500');
      const before = await h.http.get('/lpr-rates/in-force?date=2019-08-19').set('Authorization', officer).expect(404);
      expect(before.body.code).toBe('NOT_FOUND');
      expect((await h.app.get(LprService).oneYearOn(LocalDate.parse('2025-01-01'))).oneYearPercent).toBe('3.1000');
    });

    it('lists rates newest first', async () => {
      const res = await h.http.get('/lpr-rates?limit=3').set('Authorization', officer).expect(200);
      expect(res.body.items.map((r: { effectiveDate: string }) => r.effectiveDate)).toEqual([
        '2025-05-20',
        '2024-10-21',
        '2024-07-22',
      ]);
      const next = await h.http
        .get(`/lpr-rates?limit=100&cursor=${res.body.nextCursor}`)
        .set('Authorization', officer)
        .expect(200);
      expect(next.body.items).toHaveLength(LPR_HISTORY.length - 3);
      expect(next.body.nextCursor).toBeNull();
    });

    it('lets an administrator add a publication once (audited), and nobody else', async () => {
      const body = { effectiveDate: '2026-11-20', oneYearPercent: '2.95', fiveYearPercent: '3.45' };
      await h.http.post('/lpr-rates').set('Authorization', officer).send(body).expect(403);
      const res = await h.http.post('/lpr-rates').set('Authorization', admin).send(body).expect(201);
      expect(res.body).toMatchObject({
        effectiveDate: '2026-11-20',
        oneYearPercent: '2.9500',
        fiveYearPercent: '3.4500',
      });
      const rows = await auditRowsFor(res.headers['x-request-id']);
      expect(rows.map((r) => r.action)).toEqual(['lpr_rate.added']);
      expect(rows[0]).toMatchObject({ actorUsername: 'admin', entityType: 'lpr_rate', entityId: '2026-11-20' });
      const duplicate = await h.http.post('/lpr-rates').set('Authorization', admin).send(body).expect(409);
      expect(duplicate.body.code).toBe('LPR_RATE_EXISTS');
      const badDate = await h.http
        .post('/lpr-rates')
        .set('Authorization', admin)
        .send({ effectiveDate: '2030-02-30', oneYearPercent: '2.95' })
        .expect(400);
      expect(badDate.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'effectiveDate' }] });
    });

    it('refuses an LPR before the reformed LPR began (2019-08-20) or more than 31 days ahead, writing nothing', async () => {
      const today = h.app.get(Clock).today();
      const max = today.plusDays(31).toString();
      for (const effectiveDate of ['1900-01-01', '2019-08-19', today.plusDays(32).toString(), '9999-12-31']) {
        const res = await h.http
          .post('/lpr-rates')
          .set('Authorization', admin)
          .send({ effectiveDate, oneYearPercent: '2.95' })
          .expect(422);
        expect(res.body).toMatchObject({
          code: 'DATE_OUT_OF_RANGE',
          details: { field: 'effectiveDate', value: effectiveDate, min: '2019-08-20', max },
        });
        expect(await auditRowsFor(res.headers['x-request-id'])).toEqual([]);
      }
      const [{ n }] = (await h.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM lpr_rates WHERE effective_date < '2019-08-20' OR effective_date > $1`, [
          max,
        ])) as { n: number }[];
      expect(n).toBe(0);
      // The window's last day is accepted: a publication may be recorded a little ahead.
      await h.http
        .post('/lpr-rates')
        .set('Authorization', admin)
        .send({ effectiveDate: max, oneYearPercent: '2.95' })
        .expect(201);
    });
  });
});
