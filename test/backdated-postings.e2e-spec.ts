import { DataSource } from 'typeorm';
import { AuditEntry } from '@mla/auth';
import { FixedClock } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

interface Pending {
  id: string;
  status: string;
  contractNumber: string;
  borrowerName: string;
  makerName: string;
  repaymentId: string | null;
  duplicate: boolean;
}

/**
 * A repayment recorded by hand and dated more than BACKDATE_APPROVAL_DAYS (30 here, the default) before today waits
 * for a second person: the bank officer records it with a reason, the federation's loan officer approves or rejects.
 */
describe('back-dated repayments need a reason and a second person (e2e)', () => {
  const TODAY = '2026-06-15';
  let h: ApiHarness;
  let bank: string;
  let officer: string;
  let loanId: string;

  const record = (body: Record<string, string>, token = bank) =>
    h.http
      .post(`/loans/${loanId}/repayments`)
      .set('Authorization', token)
      .send({ channel: 'BANK_COUNTER', ...body });
  const posted = async () =>
    (await h.http.get(`/loans/${loanId}/repayments`).set('Authorization', bank).expect(200)).body as {
      externalReference: string;
      valueDate: string;
    }[];

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    [bank, officer] = await Promise.all([h.login('bank'), h.login('officer')]);
    const applicationId = await approvedApplication(h, '120000.00', 12, 'EQUAL_PRINCIPAL');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: 'TYR-BACK-1', signingDate: '2026-01-05', annualRatePercent: '4.35' })
      .expect(201);
    loanId = signed.body.id;
    await h.http
      .post(`/loans/${loanId}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate: '2026-01-10', amountYuan: '120000.00', reference: 'D-BACK-1' })
      .expect(200);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('posts at once within 30 days (2026-05-16 is the oldest such date)', async () => {
    const res = await record({ amountYuan: '100.00', valueDate: '2026-05-16', externalReference: 'RCPT-IN-WINDOW' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'POSTED', valueDate: '2026-05-16', duplicate: false });
  });

  it('refuses one dated further back without a reason (422 naming reason), storing nothing', async () => {
    const res = await record({ amountYuan: '10435.00', valueDate: '2026-05-15', externalReference: 'RCPT-OLD-1' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'BACKDATE_REASON_REQUIRED',
      details: { field: 'reason', valueDate: '2026-05-15', oldestPostedAtOnce: '2026-05-16', backdateApprovalDays: 30 },
    });
    const blank = await record({
      amountYuan: '10435.00',
      valueDate: '2026-02-10',
      externalReference: 'RCPT-OLD-1',
      reason: '   ',
    });
    expect(blank.body.code).toBe('BACKDATE_REASON_REQUIRED');
    const [{ n }] = (await h.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM backdated_posting_requests WHERE loan_id = $1`, [loanId])) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });

  it('holds a back-dated one (202); the maker cannot approve it; another officer approves it and it posts once', async () => {
    const body = {
      amountYuan: '10435.00',
      valueDate: '2026-02-10',
      externalReference: 'RCPT-OLD-1',
      reason: '借款人2月柜台还款，回单今日补录',
    };
    const held = await record(body);
    expect(held.status).toBe(202);
    const request = held.body as Pending;
    expect(request).toMatchObject({
      status: 'PENDING',
      contractNumber: 'TYR-BACK-1',
      borrowerName: '张*',
      makerName: '李娜(农信社)',
      amountYuan: '10435.00',
      valueDate: '2026-02-10',
      reason: body.reason,
      repaymentId: null,
      duplicate: false,
    });
    expect((await posted()).map((r) => r.externalReference)).not.toContain('RCPT-OLD-1');
    // A retry of the same request answers with the same request.
    const again = await record(body).expect(202);
    expect(again.body).toMatchObject({ id: request.id, duplicate: true });
    // The same reference for other figures is refused.
    const other = await record({ ...body, amountYuan: '1.00' }).expect(409);
    expect(other.body).toMatchObject({ code: 'REFERENCE_REUSED', details: { field: 'externalReference' } });

    const own = await h.http
      .post(`/backdated-postings/${request.id}/approval`)
      .set('Authorization', bank)
      .send({})
      .expect(403);
    expect(own.body.code).toBe('BACKDATED_POSTING_SELF_DECISION');
    const noRight = await h.http
      .post(`/backdated-postings/${request.id}/approval`)
      .set('Authorization', await h.login('guarantee'))
      .send({})
      .expect(403);
    expect(noRight.body.code).toBe('PERMISSION_DENIED');
    await h.http
      .post(`/backdated-postings/${request.id}/approval`)
      .set('Authorization', await h.login('bank2'))
      .send({})
      .expect(404);

    const approved = await h.http
      .post(`/backdated-postings/${request.id}/approval`)
      .set('Authorization', officer)
      .send({ note: '回单已核对' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      checkerName: '王芳(信贷专干)',
      decisionReason: '回单已核对',
    });
    expect(approved.body.repaymentId).toEqual(expect.any(String));
    const twice = await h.http
      .post(`/backdated-postings/${request.id}/approval`)
      .set('Authorization', officer)
      .send({})
      .expect(409);
    expect(twice.body).toMatchObject({
      code: 'BACKDATED_POSTING_DECIDED',
      details: { status: 'APPROVED', repaymentId: approved.body.repaymentId },
    });
    // The maker sending it again now gets the posting, not a new request.
    const retried = await record(body).expect(200);
    expect(retried.body).toMatchObject({ id: approved.body.repaymentId, duplicate: true });
    expect((await posted()).filter((r) => r.externalReference === 'RCPT-OLD-1')).toHaveLength(1);
    const loan = await h.http.get(`/loans/${loanId}`).set('Authorization', bank).expect(200);
    expect(loan.body.schedule[0]).toMatchObject({ status: 'PAID', principalPaidYuan: '10000.00' });
  });

  it('rejects with a reason: nothing is posted, and it cannot be approved afterwards', async () => {
    const held = await record({
      amountYuan: '398.75',
      valueDate: '2026-03-10',
      externalReference: 'RCPT-OLD-2',
      reason: '补录3月利息',
    }).expect(202);
    const id = (held.body as Pending).id;
    const reasonless = await h.http
      .post(`/backdated-postings/${id}/rejection`)
      .set('Authorization', officer)
      .send({})
      .expect(400);
    expect(reasonless.body.details).toBeDefined();
    const rejected = await h.http
      .post(`/backdated-postings/${id}/rejection`)
      .set('Authorization', officer)
      .send({ reason: '回单日期与银行流水不符' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      decisionReason: '回单日期与银行流水不符',
      repaymentId: null,
    });
    const late = await h.http
      .post(`/backdated-postings/${id}/approval`)
      .set('Authorization', officer)
      .send({})
      .expect(409);
    expect(late.body).toMatchObject({ code: 'BACKDATED_POSTING_DECIDED', details: { status: 'REJECTED' } });
    expect((await posted()).map((r) => r.externalReference)).not.toContain('RCPT-OLD-2');
  });

  it('still refuses a value date before the disbursement, reason or not', async () => {
    const res = await record({
      amountYuan: '10.00',
      valueDate: '2026-01-09',
      externalReference: 'RCPT-OLD-3',
      reason: '补录',
    }).expect(422);
    expect(res.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'valueDate', min: '2026-01-10' } });
  });

  it('lists pending requests first, with contract number, masked name, maker and status; only within scope', async () => {
    await record({
      amountYuan: '362.50',
      valueDate: '2026-04-10',
      externalReference: 'RCPT-OLD-4',
      reason: '补录4月利息',
    }).expect(202);
    const list = await h.http.get('/backdated-postings').set('Authorization', officer).expect(200);
    const items = list.body.items as (Pending & { externalReference: string })[];
    // Pending first; the decided ones after it (newest first: with the frozen clock they were asked at one instant).
    expect(items.map((i) => [i.externalReference, i.status])[0]).toEqual(['RCPT-OLD-4', 'PENDING']);
    expect(items.slice(1).map((i) => [i.externalReference, i.status])).toEqual(
      expect.arrayContaining([
        ['RCPT-OLD-2', 'REJECTED'],
        ['RCPT-OLD-1', 'APPROVED'],
      ]),
    );
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ contractNumber: 'TYR-BACK-1', borrowerName: '张*', makerName: '李娜(农信社)' });
    const firstPage = await h.http.get('/backdated-postings?limit=1').set('Authorization', officer).expect(200);
    const secondPage = await h.http
      .get(`/backdated-postings?limit=2&cursor=${firstPage.body.nextCursor as string}`)
      .set('Authorization', officer)
      .expect(200);
    expect(secondPage.body.nextCursor).toBeNull();
    expect([...firstPage.body.items, ...secondPage.body.items].map((i: { id: string }) => i.id)).toEqual(
      items.map((i) => i.id),
    );
    const pendingOnly = await h.http.get('/backdated-postings?status=PENDING').set('Authorization', bank).expect(200);
    expect(pendingOnly.body.items).toHaveLength(1);
    const otherBank = await h.http
      .get('/backdated-postings')
      .set('Authorization', await h.login('bank2'))
      .expect(200);
    expect(otherBank.body.items).toEqual([]);
    await h.http
      .get(`/backdated-postings/${items[0].id}`)
      .set('Authorization', await h.login('bank2'))
      .expect(404);
  });

  it('audits every step', async () => {
    const audit = await h.app
      .get(DataSource)
      .manager.find(AuditEntry, { where: { entityType: 'loan', entityId: loanId }, order: { id: 'ASC' } });
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('repayment.backdated'))).toEqual([
      'repayment.backdated_requested',
      'repayment.backdated_approved',
      'repayment.backdated_requested',
      'repayment.backdated_rejected',
      'repayment.backdated_requested',
    ]);
    const approvedAt = actions.indexOf('repayment.backdated_approved');
    expect(actions.slice(approvedAt - 1, approvedAt + 1)).toEqual([
      'repayment.regular_posted',
      'repayment.backdated_approved',
    ]);
  });
});
