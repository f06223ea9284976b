import { DataSource } from 'typeorm';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

/**
 * Seen in the field: a loan signed seven months before its application was approved, and disbursed before that.
 * A loan's own events keep their order (approval ≤ signing ≤ disbursement ≤ today); each refusal names the field
 * and the limiting date.
 */
describe('the order of a loan’s dates: approval, signing, disbursement (e2e)', () => {
  const TODAY = '2026-06-15';
  const APPROVED = '2026-03-02';
  let h: ApiHarness;
  let bank: string;
  let applicationId: string;

  const sign = (signingDate: string, contractNumber = 'TYR-ORDER-1') =>
    h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber, signingDate, annualRatePercent: '4.00' });

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    bank = await h.login('bank');
    applicationId = await approvedApplication(h, '80000.00', 12, undefined, undefined, APPROVED);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('refuses a contract signed seven months before the approval, naming signingDate and the approval date', async () => {
    const res = await sign('2025-08-02').expect(422);
    expect(res.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: {
        field: 'signingDate',
        value: '2025-08-02',
        min: APPROVED,
        minReason: 'the approval of the application',
        max: TODAY,
      },
    });
    expect(res.body.message).toContain(APPROVED);
    // The day before the approval is refused too; nothing was written.
    await sign('2026-03-01').expect(422);
    expect(
      await h.app.get(DataSource).query(`SELECT id FROM loans WHERE application_id = $1`, [applicationId]),
    ).toEqual([]);
  });

  it('refuses a signing date ahead of today (Asia/Shanghai), naming today', async () => {
    const res = await sign('2026-06-16').expect(422);
    expect(res.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'signingDate', max: TODAY, maxReason: 'today' },
    });
  });

  it('signs on the approval date, then refuses a disbursement before the signing or ahead of today', async () => {
    const signed = await sign(APPROVED).expect(201);
    const id = signed.body.id as string;
    const disburse = (valueDate: string) =>
      h.http
        .post(`/loans/${id}/disbursement`)
        .set('Authorization', bank)
        .send({ valueDate, amountYuan: '80000.00', reference: `RCC-ORDER-${valueDate}` });

    const early = await disburse('2026-03-01').expect(422);
    expect(early.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'valueDate', value: '2026-03-01', min: APPROVED, minReason: 'the signing date' },
    });
    const ahead = await disburse('2026-06-16').expect(422);
    expect(ahead.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'valueDate', max: TODAY, maxReason: 'today' },
    });
    const confirmation = await h.http
      .post('/disbursements')
      .set('Authorization', bank)
      .send({
        confirmations: [
          {
            contractNumber: 'TYR-ORDER-1',
            valueDate: '2026-02-28',
            amountYuan: '80000.00',
            reference: 'RCC-ORDER-CONFIRM',
            borrowerAccount: '6228480000000000018',
          },
        ],
      })
      .expect(422);
    // The bank's confirmation path keeps the same order, and says which confirmation was refused.
    expect(confirmation.body).toMatchObject({
      code: 'DATE_OUT_OF_RANGE',
      details: { field: 'valueDate', min: APPROVED, index: 0, contractNumber: 'TYR-ORDER-1' },
    });
    const loan = await h.http.get(`/loans/${id}`).set('Authorization', bank).expect(200);
    expect(loan.body).toMatchObject({ status: 'SIGNED', valueDate: null });

    // On the signing date itself it goes through.
    await disburse(APPROVED).expect(200);
  });
});
