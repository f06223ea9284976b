import { DataSource } from 'typeorm';
import { AuditEntry } from '@mla/auth';
import { Clock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { APPROVED_ON, approvedApplication } from './support/workflow';

describe('loans: contract, schedule preview, disbursement (e2e)', () => {
  let h: ApiHarness;
  let bank: string;
  let bank2: string;
  let officer: string;

  beforeAll(async () => {
    h = await startApi();
    [bank, bank2, officer] = await Promise.all([h.login('bank'), h.login('bank2'), h.login('officer')]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('previews reference case C (quarterly interest, principal at maturity, Act/360) to the fen', async () => {
    const res = await h.http
      .post('/loans/schedule-preview')
      .set('Authorization', officer)
      .send({
        amountYuan: '80000.00',
        annualRatePercent: '4.35',
        valueDate: '2024-07-15',
        termMonths: 12,
        repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
      })
      .expect(200);
    expect(
      res.body.rows.map((r: { periodStart: string; periodEnd: string; days: number; interestYuan: string }) => [
        r.periodStart,
        r.periodEnd,
        r.days,
        r.interestYuan,
      ]),
    ).toEqual([
      ['2024-07-15', '2024-09-20', 68, '657.33'],
      ['2024-09-21', '2024-12-20', 91, '879.67'],
      ['2024-12-21', '2025-03-20', 90, '870.00'],
      ['2025-03-21', '2025-06-20', 92, '889.33'],
      ['2025-06-21', '2025-07-14', 24, '232.00'],
    ]);
    expect(res.body.rows[4]).toMatchObject({ dueDate: '2025-07-15', principalYuan: '80000.00' });
    expect(res.body.totalInterestYuan).toBe('3528.33');
  });

  it('signs within the rate cap, disburses, and persists the schedule from the value date', async () => {
    const applicationId = await approvedApplication(h);
    const capped = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0001', signingDate: '2026-11-20', annualRatePercent: '4.51' })
      .expect(422);
    expect(capped.body).toMatchObject({
      code: 'RATE_ABOVE_CAP',
      details: { lprPercent: '3.0000', capPercent: '4.5000' },
    });
    const badOrder = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({
        applicationId,
        contractNumber: 'TYR-2026-0001',
        signingDate: '2026-11-20',
        annualRatePercent: '4.50',
        allocationOrder: ['interest', 'interest', 'principal'],
      })
      .expect(400);
    expect(badOrder.body.code).toBe('INVALID_ALLOCATION_ORDER');
    await h.http
      .post('/loans')
      .set('Authorization', bank2)
      .send({ applicationId, contractNumber: 'PSBC-1', signingDate: '2026-11-20', annualRatePercent: '4.00' })
      .expect(404);
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0001', signingDate: '2026-11-20', annualRatePercent: '4.50' })
      .expect(201);
    expect(signed.body).toMatchObject({
      status: 'SIGNED',
      principalYuan: '80000.00',
      lprPercent: '3.0000',
      annualRate: '0.045000',
    });
    await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-2026-0002', signingDate: '2026-11-20', annualRatePercent: '4.50' })
      .expect(409);

    const id = signed.body.id as string;
    const wrongAmount = await h.http
      .post(`/loans/${id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-11-21', amountYuan: '79999.99', reference: 'RCC-DISB-1' })
      .expect(422);
    expect(wrongAmount.body.code).toBe('AMOUNT_DIFFERS');
    const disbursed = await h.http
      .post(`/loans/${id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-11-21', amountYuan: '80000.00', reference: 'RCC-DISB-1', bankLoanNumber: 'RCC-L-778' })
      .expect(200);
    expect(disbursed.body).toMatchObject({ status: 'ACTIVE', valueDate: '2026-11-21', maturityDate: '2027-11-21' });
    const schedule = disbursed.body.schedule as { periodStart: string; dueDate: string; principalYuan: string }[];
    expect(schedule[0]).toMatchObject({ periodStart: '2026-11-21', dueDate: '2026-12-20' });
    expect(schedule[schedule.length - 1]).toMatchObject({ dueDate: '2027-11-21', principalYuan: '80000.00' });
    await h.http
      .post(`/loans/${id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-11-21', amountYuan: '80000.00', reference: 'RCC-DISB-1' })
      .expect(409);

    // 展期: at most the policy's 12 months, once; the extension periods are not subsidisable.
    const tooLong = await h.http
      .post(`/loans/${id}/extension`)
      .set('Authorization', bank)
      .send({ months: 13, reason: '养殖周期延长' })
      .expect(422);
    expect(tooLong.body.code).toBe('EXTENSION_TOO_LONG');
    const extended = await h.http
      .post(`/loans/${id}/extension`)
      .set('Authorization', bank)
      .send({ months: 6, reason: '养殖周期延长' })
      .expect(200);
    expect(extended.body).toMatchObject({
      maturityDate: '2028-05-21',
      originalMaturityDate: '2027-11-21',
      extendedOn: expect.any(String),
    });
    const live = (
      extended.body.schedule as { status: string; dueDate: string; principalYuan: string; subsidisable: boolean }[]
    ).filter((r) => r.status !== 'SUPERSEDED');
    expect(live[live.length - 1]).toMatchObject({
      dueDate: '2028-05-21',
      principalYuan: '80000.00',
      subsidisable: false,
    });
    expect(live[0]).toMatchObject({ dueDate: '2026-12-20', subsidisable: true });
    expect(live.filter((r) => r.dueDate > '2027-11-21').every((r) => !r.subsidisable)).toBe(true);
    await h.http
      .post(`/loans/${id}/extension`)
      .set('Authorization', bank)
      .send({ months: 1, reason: '再次' })
      .expect(409);

    const [{ n }] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM installments WHERE loan_id = $1`, [id])) as { n: number }[];
    expect(n).toBe(schedule.length + live.length);
    await h.http.get(`/loans/${id}`).set('Authorization', bank2).expect(404);
    const list = await h.http.get('/loans').set('Authorization', officer).expect(200);
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(id);
    const audit = await h.app
      .get(DataSource)
      .manager.find(AuditEntry, { where: { entityType: 'loan', entityId: id }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['loan.signed', 'loan.disbursed', 'loan.extended']);
  });

  it('refuses a signing date before the approval or after today, and a value date before signing or after today', async () => {
    const today = h.app.get(Clock).today();
    const tomorrow = today.plusDays(1).toString();
    const applicationId = await approvedApplication(h);
    const sign = (signingDate: string) =>
      h.http
        .post('/loans')
        .set('Authorization', bank)
        .send({ applicationId, contractNumber: 'TYR-DATES-1', signingDate, annualRatePercent: '4.00' });
    for (const signingDate of ['0001-01-01', '2025-01-01', tomorrow, '9999-12-31']) {
      const res = await sign(signingDate).expect(422);
      expect(res.body).toMatchObject({
        code: 'DATE_OUT_OF_RANGE',
        details: { field: 'signingDate', value: signingDate, min: APPROVED_ON, max: today.toString() },
      });
    }
    const ds = h.app.get(DataSource);
    const loansOf = () => ds.query(`SELECT id FROM loans WHERE application_id = $1`, [applicationId]);
    expect(await loansOf()).toEqual([]);

    const id = (await sign('2026-11-20').expect(201)).body.id as string;
    for (const valueDate of ['0001-01-01', '2026-11-19', tomorrow, '9999-12-31']) {
      const res = await h.http
        .post(`/loans/${id}/disbursement`)
        .set('Authorization', bank)
        .send({ valueDate, amountYuan: '80000.00', reference: `RCC-DATES-${valueDate}` })
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'DATE_OUT_OF_RANGE',
        details: { field: 'valueDate', value: valueDate, min: '2026-11-20', max: today.toString() },
      });
    }
    const loan = await h.http.get(`/loans/${id}`).set('Authorization', bank).expect(200);
    expect(loan.body).toMatchObject({ status: 'SIGNED', valueDate: null, schedule: [] });
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM installments WHERE loan_id = $1`, [id])) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });
});
