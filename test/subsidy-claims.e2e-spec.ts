import ExcelJS from 'exceljs';
import { FixedClock } from '@mla/core';
import { SubsidyClaimBuilder } from '@mla/subsidies';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

/**
 * Subsidy claims over HTTP for one loan of Q1 2025 (200,000.00 at 4.35%, value date 2025-01-10, interest of
 * 1,691.67 for its 70 days paid on 20 March; 50% subsidised): the bank sees and submits its own batch, the federation reviews it,
 * the finance bureau approves within its budget and pays, and the lists read in yuan with masked names.
 */
describe('subsidy claims (e2e)', () => {
  let h: ApiHarness;
  const clock = new FixedClock('2025-01-10T04:00:00Z');
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });

  beforeAll(async () => {
    h = await startApi(clock);
    for (const user of ['bank', 'bank2', 'fedadmin', 'finance', 'officer']) token[user] = await h.login(user);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('runs a batch from the bank to the payout and refuses bad steps clearly', async () => {
    const applicationId = await approvedApplication(h, '200000.00', 12);
    const signed = await h.http
      .post('/loans')
      .set(as('bank'))
      .send({ applicationId, contractNumber: 'TYR-SUB-0001', signingDate: '2025-01-05', annualRatePercent: '4.35' })
      .expect(201);
    const loanId = signed.body.id as string;
    await h.http
      .post(`/loans/${loanId}/disbursement`)
      .set(as('bank'))
      .send({ valueDate: '2025-01-10', amountYuan: '200000.00', reference: 'SUB-DISB-1' })
      .expect(200);
    clock.set('2025-03-20T04:00:00Z');
    await h.http
      .post(`/loans/${loanId}/repayments`)
      .set(as('bank'))
      .send({ amountYuan: '1691.67', valueDate: '2025-03-20', channel: 'TRANSFER', externalReference: 'SUB-Q1' })
      .expect(200);

    clock.set('2025-03-21T04:00:00Z');
    const { batch } = await h.app.get(SubsidyClaimBuilder).build(h.demo.organisations.rcc.id, '150221', '2025-03-20');

    const mine = await h.http.get('/subsidy-claims').set(as('bank')).expect(200);
    expect(mine.body).toEqual({
      items: [
        expect.objectContaining({
          id: batch.id,
          bankName: '土默特右旗农村信用合作联社',
          regionName: '土默特右旗',
          settlementDate: '2025-03-20',
          lineCount: 1,
          requestedYuan: '845.84',
          approvedYuan: '0.00',
          claimDueOn: expect.stringMatching(/^2025-04-\d\d$/),
          status: 'DRAFT',
        }),
      ],
      nextCursor: null,
    });
    expect((await h.http.get('/subsidy-claims').set(as('bank2')).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
    });
    // A period whose settlement date has not come: refused in plain words, nothing written.
    const batches = async () => (await h.http.get('/subsidy-claims').set(as('bank')).expect(200)).body as object;
    const before = await batches();
    const early = await h.http
      .post('/subsidy-claims/supplementary')
      .set(as('bank'))
      .send({ regionCode: '150221', settlementDate: '2025-06-20' })
      .expect(422);
    expect(early.body).toMatchObject({
      code: 'PERIOD_NOT_SETTLED',
      message: '贴息期间尚未到结息日2025-06-20，不能申报',
    });
    expect(await batches()).toEqual(before);
    const badCursor = await h.http.get('/subsidy-claims?cursor=abc').set(as('bank')).expect(400);
    expect(badCursor.body.code).toBe('INVALID_CURSOR');
    await h.http.get(`/subsidy-claims/${batch.id}`).set(as('bank2')).expect(404);

    await h.http.post(`/subsidy-claims/${batch.id}/submission`).set(as('finance')).expect(403);
    await h.http.post(`/subsidy-claims/${batch.id}/submission`).set(as('bank')).expect(201);
    await h.http
      .post(`/subsidy-claims/${batch.id}/initial-review`)
      .set(as('fedadmin'))
      .send({ findings: [] })
      .expect(201);

    const detail = await h.http.get(`/subsidy-claims/${batch.id}`).set(as('finance')).expect(200);
    const line = detail.body.lines[0] as Record<string, string>;
    expect(line).toMatchObject({
      contractNumber: 'TYR-SUB-0001',
      borrowerName: '张*',
      principalYuan: '200000.00',
      interestCollectedYuan: '1691.67',
      subsidyYuan: '845.84',
      status: 'PENDING',
      initialFinding: 'CONFIRMED',
    });

    const approve = () =>
      h.http.post(`/subsidy-claims/${batch.id}/lines/${line.id}/approval`).set(as('finance')).send({});
    const noBudget = await approve().expect(422);
    expect(noBudget.body.code).toBe('BUDGET_NOT_ALLOCATED');
    for (const fundingLevel of ['CENTRAL', 'PROVINCIAL', 'COUNTY']) {
      await h.http
        .post('/subsidy-budgets/entries')
        .set(as('finance'))
        .send({ fiscalYear: 2025, fundingLevel, kind: 'ALLOCATION', amountYuan: '10000.00', valueDate: '2025-03-21' })
        .expect(201);
    }
    const approved = await approve().expect(201);
    expect(approved.body.batch).toMatchObject({ status: 'FINANCE_REVIEWED', approvedYuan: '845.84' });
    const twice = await approve().expect(409);
    expect(twice.body.code).toBe('LINE_ALREADY_DECIDED');
    expect(twice.body.message).toBe('贴息申报明细已审核（审核通过），不能重复审核');

    // Taking the approval back (a reason is required) releases the commitment; approving again books it again.
    const revoke = (reason?: string) =>
      h.http
        .post(`/subsidy-claims/${batch.id}/lines/${line.id}/approval-revocation`)
        .set(as('finance'))
        .send(reason === undefined ? {} : { reason });
    expect((await revoke().expect(400)).body.code).toBe('VALIDATION_FAILED');
    const revoked = await revoke('借款人身份待核实').expect(201);
    expect(revoked.body.batch).toMatchObject({ status: 'INITIAL_REVIEWED', approvedYuan: '0.00' });
    expect(revoked.body.lines[0]).toMatchObject({ status: 'PENDING' });
    const notApproved = await revoke('再次撤销').expect(409);
    expect(notApproved.body).toMatchObject({
      code: 'LINE_NOT_APPROVED',
      message: '该申报明细未审核通过，不能撤销审核',
    });
    await approve().expect(201);

    const payout = await h.http
      .post(`/subsidy-claims/${batch.id}/payout`)
      .set(as('finance'))
      .send({ paymentReference: '土财拨〔2025〕7号', paymentDate: '2025-03-21' })
      .expect(201);
    expect(payout.body).toMatchObject({ lineCount: 1, amountYuan: '845.84', paidByUsername: 'finance' });
    const afterPayout = await revoke('拨付后撤销').expect(409);
    expect(afterPayout.body.code).toBe('LINE_PAID_NOT_REVOCABLE');
    expect(afterPayout.body.message).toBe('该申报明细已拨付，不能撤销审核');

    // The year's settlement by funding source: the budgets, the release undone, the payout per period and bank.
    const settlement = await h.http.get('/subsidy-settlements/2025').set(as('finance')).expect(200);
    expect(settlement.body.totals).toMatchObject({
      allottedYuan: '30000.00',
      committedYuan: '845.84',
      releasedYuan: '0.00',
      paidYuan: '845.84',
      outstandingYuan: '0.00',
      availableYuan: '29154.16',
    });
    expect(settlement.body.byPeriod).toEqual([
      expect.objectContaining({ settlementDate: '2025-03-20', paidYuan: '845.84' }),
    ]);
    expect(settlement.body.byBank).toEqual([
      expect.objectContaining({ bankName: '土默特右旗农村信用合作联社', paidYuan: '845.84' }),
    ]);
    await h.http.get('/subsidy-settlements/2025').set(as('bank')).expect(403);
    await h.http.get('/subsidy-settlements/20x5').set(as('finance')).expect(400);
    const outside = await h.http.get('/subsidy-settlements/2025?regionCode=150222').set(as('finance')).expect(422);
    expect(outside.body.code).toBe('REGION_OUTSIDE_SCOPE');
    const workbook = await h.http
      .get('/subsidy-settlements/2025/workbook')
      .set(as('finance'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const settled = new ExcelJS.Workbook();
    await settled.xlsx.load(workbook.body as ArrayBuffer);
    const total = (settled.getWorksheet('清算汇总')!.getRow(6).values as unknown[]).slice(1);
    expect(total.slice(2, 4)).toEqual(['合计', 30000]);
    expect(total[9]).toBe(845.84);

    const notice = await h.http
      .get(`/subsidy-claims/${batch.id}/public-notice`)
      .set(as('finance'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(notice.body as ArrayBuffer);
    const row = (wb.getWorksheet('贴息公示')!.getRow(3).values as unknown[]).slice(1);
    expect(row[2]).toBe('张*');
    expect(row[3]).toMatch(/^1502\*{10}\d{3}[\dX]$/);
    expect(row[6]).toBe(845.84);
  });
});
