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

  it('honours firstDueDate and installmentMultipleFen in the preview and at signing, and refuses bad values with the field', async () => {
    type Row = { dueDate: string; principalYuan: string; interestYuan: string; totalYuan: string };
    const figures = (r: Row) => [r.dueDate, r.principalYuan, r.interestYuan, r.totalYuan];
    const preview = (body: object) =>
      h.http
        .post('/loans/schedule-preview')
        .set('Authorization', officer)
        .send({
          amountYuan: '50000.00',
          annualRatePercent: '6',
          valueDate: '2024-01-15',
          termMonths: 12,
          repaymentMethod: 'EQUAL_INSTALLMENT',
          ...body,
        });
    // 等额本息 50,000 @ 6%: 4,303.32 to the fen, 4,300.00 to 10 yuan; a 1-month-10-day first period.
    const res = await preview({ firstDueDate: '2024-02-25', conventions: { installmentMultipleFen: 1000 } }).expect(
      200,
    );
    const rows = res.body.rows as Row[];
    expect(rows).toHaveLength(12);
    expect(figures(rows[0])).toEqual(['2024-02-25', '4050.00', '333.33', '4383.33']);
    expect(figures(rows[1])).toEqual(['2024-03-25', '4070.25', '229.75', '4300.00']);
    expect(rows.slice(1, 11).every((r) => r.totalYuan === '4300.00')).toBe(true);
    expect(figures(rows[11])).toEqual(['2025-01-25', '4319.38', '21.60', '4340.98']);
    expect(res.body).toMatchObject({ totalPrincipalYuan: '50000.00', totalInterestYuan: '1724.31' });
    expect(res.body.conventions).toMatchObject({ installmentMultipleFen: 1000, installmentRounding: 'HALF_UP' });
    const plain = await preview({}).expect(200);
    expect(plain.body.conventions.installmentMultipleFen).toBe(1);
    expect(figures(plain.body.rows[0] as Row)).toEqual(['2024-02-15', '4053.32', '250.00', '4303.32']);

    for (const [body, code, field] of [
      [{ firstDueDate: '2024-01-15' }, 'INVALID_SCHEDULE_INPUT', 'firstDueDate'],
      [{ firstDueDate: '2024-03-16' }, 'INVALID_SCHEDULE_INPUT', 'firstDueDate'],
      [{ repaymentMethod: 'BULLET', firstDueDate: '2024-02-15' }, 'INVALID_SCHEDULE_INPUT', 'firstDueDate'],
      [
        { repaymentMethod: 'EQUAL_PRINCIPAL', conventions: { installmentMultipleFen: 1000 } },
        'INVALID_SCHEDULE_CONVENTION',
        'conventions.installmentMultipleFen',
      ],
      [
        { amountYuan: '1000.00', conventions: { installmentMultipleFen: 1_000_000 } },
        'INVALID_SCHEDULE_CONVENTION',
        'conventions.installmentMultipleFen',
      ],
    ] as const) {
      const bad = await preview(body).expect(400);
      expect(bad.body).toMatchObject({ code, details: { field } });
    }
    for (const [body, field] of [
      [{ firstDueDate: '2024-02-30' }, 'firstDueDate'],
      [{ conventions: { installmentMultipleFen: 0 } }, 'conventions.installmentMultipleFen'],
      [{ conventions: { installmentMultipleFen: '1000' } }, 'conventions.installmentMultipleFen'],
      [{ conventions: { installmentMultipleFen: 10.5 } }, 'conventions.installmentMultipleFen'],
      [{ conventions: { daycount: 'ACT_365' } }, 'conventions.daycount'],
    ] as const) {
      const bad = await preview(body).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details).toEqual([expect.objectContaining({ field })]);
    }

    // Signing stores both; the schedule built at disbursement honours them.
    const applicationId = await approvedApplication(h, '80000.00', 12, 'EQUAL_INSTALLMENT');
    const sign = (body: object) =>
      h.http
        .post('/loans')
        .set('Authorization', bank)
        .send({
          applicationId,
          contractNumber: 'TYR-CONV-1',
          signingDate: '2026-11-20',
          annualRatePercent: '4.50',
          conventions: { installmentMultipleFen: 1000 },
          ...body,
        });
    for (const firstDueDate of ['2026-11-20', '2027-01-21']) {
      const bad = await sign({ firstDueDate }).expect(400);
      expect(bad.body).toMatchObject({ code: 'INVALID_SCHEDULE_INPUT', details: { field: 'firstDueDate' } });
    }
    const tooCoarse = await sign({ firstDueDate: '2026-12-20', conventions: { installmentMultipleFen: 1_000_000 } });
    expect(tooCoarse.status).toBe(400);
    expect(tooCoarse.body.details).toEqual({ field: 'conventions.installmentMultipleFen' });
    const signed = await sign({ firstDueDate: '2026-12-20' }).expect(201);
    expect(signed.body).toMatchObject({ firstDueDate: '2026-12-20', conventions: { installmentMultipleFen: 1000 } });
    const id = signed.body.id as string;
    const disbursed = await h.http
      .post(`/loans/${id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-11-21', amountYuan: '80000.00', reference: 'RCC-CONV-1' })
      .expect(200);
    const schedule = disbursed.body.schedule as (Row & { periodStart: string; days: number })[];
    expect(schedule).toHaveLength(12);
    // 80,000 @ 4.5%: 6,830.28 rounds to 6,830.00; the 29-day first period repays a regular month of principal
    // (6,830.00 − 300.00) with 29 days' interest (80,000 × 4.5% × 29 / 360 = 290.00).
    expect(schedule[0]).toMatchObject({ periodStart: '2026-11-21', days: 29 });
    expect(figures(schedule[0])).toEqual(['2026-12-20', '6530.00', '290.00', '6820.00']);
    expect(figures(schedule[1])).toEqual(['2027-01-20', '6554.49', '275.51', '6830.00']);
    expect(schedule.slice(1, 11).every((r) => r.totalYuan === '6830.00')).toBe(true);
    expect(figures(schedule[11])).toEqual(['2027-11-20', '6807.92', '25.53', '6833.45']);
    const principal = schedule.reduce((sum, r) => sum + Math.round(Number(r.principalYuan) * 100), 0);
    expect(principal).toBe(8_000_000);
    expect(disbursed.body).toMatchObject({ maturityDate: '2027-11-20', firstDueDate: '2026-12-20' });
    const [stored] = (await h.app
      .get(DataSource)
      .query(`SELECT first_due_date::text AS d, conventions->>'installmentMultipleFen' AS m FROM loans WHERE id = $1`, [
        id,
      ])) as { d: string; m: string }[];
    expect(stored).toEqual({ d: '2026-12-20', m: '1000' });

    // An extension before the first due date rebuilds from the stored first due date: its day survives.
    const extended = await h.http
      .post(`/loans/${id}/extension`)
      .set('Authorization', bank)
      .send({ months: 6, reason: '养殖周期延长' })
      .expect(200);
    expect(extended.body.maturityDate).toBe('2028-05-20');
    const live = (extended.body.schedule as (Row & { status: string })[]).filter((r) => r.status !== 'SUPERSEDED');
    expect(live).toHaveLength(18);
    expect(live.map((r) => r.dueDate.slice(8))).toEqual(new Array(18).fill('20'));
    expect(live[0].dueDate).toBe('2026-12-20');
    expect(live.slice(1, 17).every((r) => r.totalYuan === live[1].totalYuan && r.totalYuan.endsWith('0.00'))).toBe(
      true,
    );
    expect(live.reduce((sum, r) => sum + Math.round(Number(r.principalYuan) * 100), 0)).toBe(8_000_000);

    // A value date on or after the stored first due date is refused at disbursement, naming the field.
    const lateApplication = await approvedApplication(h, '80000.00', 12, 'EQUAL_INSTALLMENT');
    const late = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({
        applicationId: lateApplication,
        contractNumber: 'TYR-CONV-2',
        signingDate: '2026-11-20',
        annualRatePercent: '4.50',
        firstDueDate: '2026-11-22',
      })
      .expect(201);
    const refused = await h.http
      .post(`/loans/${late.body.id as string}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-11-22', amountYuan: '80000.00', reference: 'RCC-CONV-2' })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_SCHEDULE_INPUT', details: { field: 'firstDueDate' } });
  });
});
