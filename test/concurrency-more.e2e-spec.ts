/**
 * Concurrency on a pool of two connections, part two: every state-changing operation that
 * `concurrency.e2e-spec.ts` does not cover, each with 50 parallel valid requests (no 500, every refusal in the error
 * shape with a code, each batch in bounded time, /health 200 throughout).
 *
 * Covered in concurrency.e2e-spec.ts (50 distinct targets each):
 *   POST /applicants, POST /applications, PUT /applications/:id, POST /applications/:id/submit,
 *   POST /applications/:id/field-visits, POST /applications/:id/decisions (APPROVE at FEDERATION_REVIEW,
 *   EMPLOYMENT_REVIEW, BANK_REVIEW), POST /guarantee-funds/:id/guarantees, POST /loans, POST /loans/:id/disbursement,
 *   POST /loans/:id/extension, POST /loans/:id/repayments, POST /loans/:id/payoff, POST /guarantee-funds/:id/entries.
 *
 * Covered here. "distinct": 50 targets, all succeed (or a few 503 on a busy machine). "one": 50 copies on one
 * target, a natural race, with the number of winners asserted.
 *   users and access:   POST /users (distinct), PATCH /users/:id display name (distinct), PATCH /users/:id roles
 *                       (distinct), POST /users/:id/password-reset (distinct), PATCH /users/:id status DISABLED
 *                       (distinct), POST /auth/password (one user, same current password: exactly 1),
 *                       POST /organisations (distinct), PATCH /organisations/:id (distinct), POST /regions (distinct)
 *   configuration:      POST /loan-policies (distinct codes), POST /loan-policies/:id/retire (distinct),
 *                       POST /lpr-rates (one date: exactly 1), PUT /applications/step-deadlines/:step (four steps,
 *                       all succeed: last write wins)
 *   applicants:         PUT /applicants/:id (distinct), POST /applicants/:id/unmask (distinct)
 *   applications:       POST /applications/:id/withdraw (one: exactly 1), POST /applications/:id/decisions RETURN
 *                       (one: exactly 1), REJECT (one: exactly 1)
 *   loans:              POST /loans/schedule-preview (not state-changing, but a POST: distinct amounts),
 *                       POST /loans/:id/prepayment (one loan, distinct references: all succeed in turn),
 *                       POST /loans/repayments/:id/reversal (one repayment: exactly 1),
 *                       POST /loans/:id/payoff (one loan, distinct references: exactly 1)
 *   disbursements:      POST /disbursements (one confirmation: exactly 1), POST /disbursements/file (one file:
 *                       exactly 1)
 *   guarantee funds:    POST /guarantee-funds (distinct), PUT /guarantee-funds/:id/rules (distinct),
 *                       POST /guarantee-funds/:id/leverage-assessment (distinct), POST …/suspension (distinct),
 *                       POST …/reopening (distinct), POST …/entries/:entryId/reversal (one entry: exactly 1)
 *   compensation:       POST /compensation-claims (one loan: exactly 1), POST …/:id/review (one claim: exactly 1),
 *                       POST …/:id/approval (one claim: exactly 1), POST …/:id/rejection (one claim: exactly 1),
 *                       POST …/:id/recoveries (one claim, distinct references: all succeed in turn)
 *   reconciliation:     POST /bank-accounts (distinct), PUT /bank-accounts/:id/mapping (distinct),
 *                       POST /bank-accounts/:id/statements (distinct files), POST /statement-lines/:id/resolution
 *                       (distinct lines, NOT_OURS; and LINK of one credit to one loan: exactly 1, posted once),
 *                       POST /statement-imports/:id/rerun (one stopped import: exactly 1)
 *
 * Left out: POST /auth/login (argon2 and the per-address limit; the auth suite's 30-parallel test covers it), and
 * the test-only routes of the harness (POST /test-only/db-error).
 */
import * as argon2 from 'argon2';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { FixedClock, LocalDate, startOfBusinessDay } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import { StatementImportRunner } from '@mla/reconciliation';
import { startApi, type ApiHarness } from './support/api-harness';
import { countyPolicy } from './support/policies';
import { batcher, N, pollHealth, range, SMALL_POOL, type BatchRecord } from './support/concurrency';
import { residentId } from './support/workflow';

const TODAY = '2026-12-01';

/** A rural credit cooperative's CSV export (GBK, YYYYMMDD dates, debit and credit columns). */
/** The settlement account of the i-th account registered below: a statement names the account it is for. */
const accountNumberOf = (i: number) => `1502210120001${String(i).padStart(5, '0')}`;

function rccStatement(rows: string[][], accountNumber = accountNumberOf(0)): Buffer {
  const text = [
    '土默特右旗农村信用合作联社 账户交易明细',
    `账号: ${accountNumber} 币种: 人民币`,
    '交易日期,交易时间,摘要,借方发生额,贷方发生额,余额,对方户名,对方账号,流水号,附言',
    ...rows.map((r) => r.join(',')),
  ].join('\r\n');
  return iconv.encode(text, 'gb18030');
}

describe('concurrency on a pool of two connections: the other state-changing operations (e2e)', () => {
  let h: ApiHarness;
  let ds: DataSource;
  const token: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: token[user] });
  let health: { statuses: number[]; stop: () => Promise<void> };
  const batches: BatchRecord[] = [];
  const batch = batcher(batches);
  const seq = range(N);
  /** An active loan of the demo bank, disbursed today (set by the loans test, used by the reconciliation test). */
  let activeLoan: string | undefined;

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`), { env: { ...SMALL_POOL } });
    ds = h.app.get(DataSource);
    for (const user of ['admin', 'officer', 'fedadmin', 'employment', 'guarantee', 'bank']) {
      token[user] = await h.login(user);
    }
    health = pollHealth(h);
  });

  afterAll(async () => {
    await health?.stop();
    await h?.close();
    // CONCURRENCY_REPORT=1 prints each batch's time and answers.
    if (process.env.CONCURRENCY_REPORT)
      console.log(batches.map((b) => `${b.ms} ms ${b.name} ${JSON.stringify(b.statuses)}`).join('\n'));
  });

  // --- Setup builders: the workflow through the API, many applications at a time (not the subject here). ---

  let personSeq = 100;
  /** Registers `n` applicants at once; returns their ids and ID numbers. */
  async function registered(n: number): Promise<{ id: string; idNumber: string }[]> {
    const idNumbers = range(n).map(() => residentId('19880808', String((personSeq += 2))));
    const res = await Promise.all(
      idNumbers.map((idNumber) => h.http.post('/applicants').set(as('officer')).send(applicantBody(idNumber))),
    );
    for (const r of res) expect([r.status, r.body.code]).toEqual([201, undefined]);
    return res.map((r, i) => ({ id: r.body.applicant.id as string, idNumber: idNumbers[i] }));
  }
  const applicants = async (n: number) => (await registered(n)).map((a) => a.id);

  const applicantBody = (idNumber: string, mobile = '13600136000') => ({
    name: '并发乙',
    idNumber,
    mobile,
    regionCode: '150221100201',
    householdType: 'RURAL',
    category: 'RURAL_SELF_EMPLOYED',
    businessKind: 'LIVESTOCK',
    employmentStatus: 'FARMER',
  });

  /** Drafts and submits one application for each applicant; returns their ids (status SUBMITTED). */
  async function submittedApplications(applicantIds: string[], amountYuan: string, method: string) {
    const created = await Promise.all(
      applicantIds.map((applicantId) =>
        h.http
          .post('/applications')
          .set(as('officer'))
          .send({
            applicantId,
            bankOrganisationId: h.demo.organisations.rcc.id,
            amountYuan,
            termMonths: 12,
            purpose: 'LIVESTOCK',
            repaymentMethod: method,
          })
          .expect(201),
      ),
    );
    const ids = created.map((c) => c.body.id as string);
    await Promise.all(ids.map((id) => h.http.post(`/applications/${id}/submit`).set(as('officer')).expect(200)));
    return ids;
  }

  /** Walks `n` applications to APPROVED (dated 2025-01-02, so that loans may be signed in the past). */
  async function approvedApplications(n: number, amountYuan: string, method: string): Promise<string[]> {
    const ids = await submittedApplications(await applicants(n), amountYuan, method);
    await Promise.all(
      ids.map((id) =>
        h.http
          .post(`/applications/${id}/field-visits`)
          .set(as('fedadmin'))
          .send({ visitDate: TODAY, findings: '经营正常' })
          .expect(201),
      ),
    );
    for (const [user, step] of [
      ['fedadmin', 'FEDERATION_REVIEW'],
      ['employment', 'EMPLOYMENT_REVIEW'],
    ]) {
      await Promise.all(
        ids.map((id) =>
          h.http.post(`/applications/${id}/decisions`).set(as(user)).send({ step, decision: 'APPROVE' }).expect(200),
        ),
      );
    }
    for (const id of ids) {
      await h.http
        .post(`/guarantee-funds/${h.demo.fund.id}/guarantees`)
        .set(as('guarantee'))
        .send({ applicationId: id })
        .expect(201);
    }
    await Promise.all(
      ids.map((id) =>
        h.http
          .post(`/applications/${id}/decisions`)
          .set(as('bank'))
          .send({ step: 'BANK_REVIEW', decision: 'APPROVE' })
          .expect(200),
      ),
    );
    await ds.query(
      `UPDATE loan_applications SET step_entered_at = $2 WHERE id = ANY($1::uuid[]) AND status = 'APPROVED'`,
      [ids, startOfBusinessDay(LocalDate.parse('2025-01-02'))],
    );
    return ids;
  }

  let contractSeq = 0;
  /** Signs a loan for the application; disburses it too when `valueDate` is given. Returns id and contract. */
  async function loan(applicationId: string, amountYuan: string, signingDate = TODAY, valueDate?: string) {
    const n = ++contractSeq;
    const contractNumber = `CM-2026-${n}`;
    const signed = await h.http
      .post('/loans')
      .set(as('bank'))
      .send({ applicationId, contractNumber, signingDate, annualRatePercent: '4.35' })
      .expect(201);
    const id = signed.body.id as string;
    if (valueDate) {
      await h.http
        .post(`/loans/${id}/disbursement`)
        .set(as('bank'))
        .send({ valueDate, amountYuan, reference: `CM-D-${n}` })
        .expect(200);
    }
    return { id, contractNumber };
  }

  // --- Users, organisations, regions ---

  it('users, passwords, organisations and regions', async () => {
    const users = (
      await batch(
        'POST /users',
        seq,
        (i) =>
          h.http
            .post('/users')
            .set(as('admin'))
            .send({
              username: `cc.user${i}`,
              displayName: `并发用户${i}`,
              password: `first-pass-${i}-xyz`,
              organisationId: h.demo.organisations.guarantee.id,
              roles: ['GUARANTEE_OPERATOR'],
            }),
        201,
      )
    ).map((x) => x.res.body.id as string);
    await batch(
      'PATCH /users/:id displayName',
      users,
      (id, i) =>
        h.http
          .patch(`/users/${id}`)
          .set(as('admin'))
          .send({ displayName: `改名用户${i}` }),
      200,
    );
    await batch(
      'PATCH /users/:id roles',
      users,
      (id) =>
        h.http
          .patch(`/users/${id}`)
          .set(as('admin'))
          .send({ roles: ['AUDITOR'] }),
      200,
    );
    await batch(
      'POST /users/:id/password-reset',
      users,
      (id, i) =>
        h.http
          .post(`/users/${id}/password-reset`)
          .set(as('admin'))
          .send({ newPassword: `second-pass-${i}-xyz` }),
      204,
    );
    await batch(
      'PATCH /users/:id status DISABLED',
      users,
      (id) => h.http.patch(`/users/${id}`).set(as('admin')).send({ status: 'DISABLED' }),
      200,
    );

    // One user changing her own password fifty times at once with the same current password.
    await h.http
      .post('/users')
      .set(as('admin'))
      .send({
        username: 'cc.self',
        displayName: '自助改密',
        password: 'self-pass-0-xyz',
        organisationId: h.demo.organisations.federation.id,
        roles: ['LOAN_OFFICER'],
      })
      .expect(201);
    const self = await h.login('cc.self', 'self-pass-0-xyz');
    const changed = await batch(
      'POST /auth/password (one user)',
      seq,
      (i) =>
        h.http
          .post('/auth/password')
          .set('Authorization', self)
          .send({ currentPassword: 'self-pass-0-xyz', newPassword: `self-pass-${i + 1}-xyz` }),
      204,
      // The losers: the current password no longer matches, or the token was revoked by the winner's change.
      { exactly: 1, losers: [400, 401] },
    );
    // The one winner's new password is in force (checked on the hash, not by logging in, which would run into the
    // login limit).
    const [{ hash }] = (await ds.query(`SELECT password_hash AS hash FROM users WHERE username = 'cc.self'`)) as {
      hash: string;
    }[];
    const holds = await Promise.all(changed.map((c) => argon2.verify(hash, `self-pass-${c.item + 1}-xyz`)));
    expect(holds.filter(Boolean)).toHaveLength(1);
    await h.http.post('/auth/login').send({ username: 'cc.self', password: 'self-pass-0-xyz' }).expect(401);

    const orgs = (
      await batch(
        'POST /organisations',
        seq,
        (i) =>
          h.http
            .post('/organisations')
            .set(as('admin'))
            .send({ name: `并发乡镇妇联${i}`, kind: 'WOMENS_FEDERATION', regionCode: '150221' }),
        201,
      )
    ).map((x) => x.res.body.id as string);
    await batch(
      'PATCH /organisations/:id',
      orgs,
      (id, i) =>
        h.http
          .patch(`/organisations/${id}`)
          .set(as('admin'))
          .send({ name: `并发乡镇妇女联合会${i}` }),
      200,
    );
    await batch(
      'POST /regions',
      seq,
      (i) =>
        h.http
          .post('/regions')
          .set(as('admin'))
          .send({ code: `150221${200 + i}`, name: `并发镇${i}` }),
      201,
    );
  }, 120_000);

  // --- Configuration: loan policies, LPR, step deadlines ---

  it('loan policies, LPR and step deadlines', async () => {
    const policy = (i: number) =>
      countyPolicy({ code: `CC-POLICY-${i}`, name: `并发政策${i}`, legalBasis: '并发测试' });
    const policies = (
      await batch(
        'POST /loan-policies',
        seq,
        (i) => h.http.post('/loan-policies').set(as('admin')).send(policy(i)),
        201,
      )
    ).map((x) => x.res.body.id as string);
    await batch(
      'POST /loan-policies/:id/retire',
      policies,
      (id) => h.http.post(`/loan-policies/${id}/retire`).set(as('admin')),
      200,
    );
    // Fifty administrators entering the same publication: one is added, the others are told it exists.
    const lpr = { effectiveDate: '2026-11-25', oneYearPercent: '2.95', fiveYearPercent: '3.45' };
    const added = await batch(
      'POST /lpr-rates (one date)',
      seq,
      () => h.http.post('/lpr-rates').set(as('admin')).send(lpr),
      201,
      { exactly: 1 },
    );
    expect(added).toHaveLength(1);
    const steps = ['FEDERATION_REVIEW', 'EMPLOYMENT_REVIEW', 'GUARANTEE_REVIEW', 'BANK_REVIEW'];
    await batch(
      'PUT /applications/step-deadlines/:step',
      seq,
      (i) =>
        h.http
          .put(`/applications/step-deadlines/${steps[i % 4]}`)
          .set(as('admin'))
          .send({ workingDays: 5 + (i % 10) }),
      204,
    );
  }, 120_000);

  // --- Applicants and applications ---

  it('applicants, withdrawals, returns and rejections', async () => {
    const registrations = await registered(N);
    const people = registrations.map((a) => a.id);
    await batch(
      'PUT /applicants/:id',
      people,
      (id, i) =>
        h.http
          .put(`/applicants/${id}`)
          .set(as('officer'))
          .send({ ...applicantBody(registrations[i].idNumber, `1370013${String(7000 + i)}`), idNumber: undefined }),
      200,
    );
    await batch(
      'POST /applicants/:id/unmask',
      people,
      (id) => h.http.post(`/applicants/${id}/unmask`).set(as('officer')).send({ field: 'mobile', reason: '核对电话' }),
      200,
    );

    const [withdrawn, returned, rejected] = await submittedApplications(
      people.slice(0, 3),
      '10000.00',
      'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
    );
    await batch(
      'POST /applications/:id/withdraw (one application)',
      seq,
      () => h.http.post(`/applications/${withdrawn}/withdraw`).set(as('officer')).send({ reason: '申请人改变计划' }),
      200,
      { exactly: 1 },
    );
    await batch(
      'POST /applications/:id/decisions RETURN (one application)',
      seq,
      () =>
        h.http
          .post(`/applications/${returned}/decisions`)
          .set(as('fedadmin'))
          .send({ step: 'FEDERATION_REVIEW', decision: 'RETURN', reason: '请补充材料' }),
      200,
      { exactly: 1 },
    );
    await batch(
      'POST /applications/:id/decisions REJECT (one application)',
      seq,
      () =>
        h.http
          .post(`/applications/${rejected}/decisions`)
          .set(as('fedadmin'))
          .send({ step: 'FEDERATION_REVIEW', decision: 'REJECT', reason: '不符合条件' }),
      200,
      { exactly: 1 },
    );
    const statuses = (await ds.query(`SELECT id, status FROM loan_applications WHERE id = ANY($1::uuid[])`, [
      [withdrawn, returned, rejected],
    ])) as { id: string; status: string }[];
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [withdrawn]: 'WITHDRAWN',
      [returned]: 'RETURNED',
      [rejected]: 'REJECTED',
    });
  }, 120_000);

  // --- Loans: servicing and disbursement confirmations; guarantee funds; compensation ---

  it('loan servicing, disbursement confirmations, guarantee funds and compensation claims', async () => {
    const quarterly = 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY';
    const apps = await approvedApplications(7, '12000.00', quarterly);
    // Two loans signed and disbursed in January that paid nothing since: past the 90-day trigger after the close.
    const [claimLoan, rejectLoan, queued, queuedForFile, reversal, prepaid, paidOff] = await Promise.all([
      loan(apps[0], '12000.00', '2026-01-05', '2026-01-10'),
      loan(apps[1], '12000.00', '2026-01-05', '2026-01-10'),
      loan(apps[2], '12000.00'),
      loan(apps[3], '12000.00'),
      loan(apps[4], '12000.00', TODAY, TODAY),
      loan(apps[5], '12000.00', TODAY, TODAY),
      loan(apps[6], '12000.00', TODAY, TODAY),
    ]);
    await batch(
      'POST /loans/schedule-preview',
      seq,
      (i) =>
        h.http
          .post('/loans/schedule-preview')
          .set(as('bank'))
          .send({
            amountYuan: `${10000 + i * 100}.00`,
            annualRatePercent: '4.35',
            valueDate: TODAY,
            termMonths: 12,
            repaymentMethod: 'EQUAL_PRINCIPAL',
          }),
      200,
    );

    // Fifty confirmations of one queued contract at once: one activates it, the others find it gone from the queue.
    const confirmation = {
      contractNumber: queued.contractNumber,
      amountYuan: '12000.00',
      valueDate: TODAY,
      borrowerAccount: '6228480000000000042',
      bankLoanNumber: 'CC-LN-1',
      reference: 'CC-FK-1',
    };
    await batch(
      'POST /disbursements (one contract)',
      seq,
      () =>
        h.http
          .post('/disbursements')
          .set(as('bank'))
          .send({ confirmations: [confirmation] }),
      200,
      { exactly: 1 },
    );
    const file = iconv.encode(
      [
        '合同号,金额,放款日期,借款人账号,借据号,放款流水号',
        `${queuedForFile.contractNumber},"12,000.00",20261201,6228480000000000059,CC-LN-2,CC-FK-2`,
      ].join('\r\n'),
      'gb18030',
    );
    await batch(
      'POST /disbursements/file (one contract)',
      seq,
      () => h.http.post('/disbursements/file').set(as('bank')).set('Content-Type', 'text/csv').send(file),
      200,
      { exactly: 1 },
    );

    const paid = await h.http
      .post(`/loans/${reversal.id}/repayments`)
      .set(as('bank'))
      .send({ amountYuan: '20.00', valueDate: TODAY, channel: 'TRANSFER', externalReference: 'CC-REV-1' })
      .expect(200);
    await batch(
      'POST /loans/repayments/:id/reversal (one repayment)',
      seq,
      () => h.http.post(`/loans/repayments/${paid.body.id}/reversal`).set(as('bank')).send({ reason: '银行退票' }),
      200,
      { exactly: 1 },
    );
    // Fifty partial prepayments of one loan, each its own reference: they take turns, and all fit.
    const prepayments = await batch(
      'POST /loans/:id/prepayment (one loan)',
      seq,
      (i) =>
        h.http
          .post(`/loans/${prepaid.id}/prepayment`)
          .set(as('bank'))
          .send({
            amountYuan: '100.00',
            valueDate: TODAY,
            channel: 'TRANSFER',
            externalReference: `CC-PP-${i}`,
            mode: 'REAMORTISE',
          }),
      200,
      { atMost: N },
    );
    activeLoan = prepaid.id;
    const afterPrepayments = await h.http.get(`/loans/${prepaid.id}`).set(as('bank')).expect(200);
    expect(afterPrepayments.body.summary.principalOutstandingYuan).toBe((12000 - 100 * prepayments.length).toFixed(2));
    const quote = await h.http.get(`/loans/${paidOff.id}/payoff-quote?date=${TODAY}`).set(as('bank')).expect(200);
    await batch(
      'POST /loans/:id/payoff (one loan)',
      seq,
      (i) =>
        h.http
          .post(`/loans/${paidOff.id}/payoff`)
          .set(as('bank'))
          .send({
            amountYuan: quote.body.totalYuan as string,
            valueDate: TODAY,
            channel: 'TRANSFER',
            externalReference: `CC-PO-${i}`,
          }),
      200,
      { exactly: 1 },
    );

    // Guarantee funds: fifty new funds, each configured, assessed, suspended and reopened.
    const funds = (
      await batch(
        'POST /guarantee-funds',
        seq,
        (i) =>
          h.http
            .post('/guarantee-funds')
            .set(as('guarantee'))
            .send({
              code: `CC${i}`,
              name: `并发担保基金${i}`,
              sponsor: '土默特右旗财政局',
              regionCode: '150221',
              agencyOrganisationId: h.demo.organisations.guarantee.id,
              depositBankName: '土默特右旗农村信用合作联社',
              depositAccountNumber: `15022101200009${String(i).padStart(2, '0')}`,
            }),
        201,
      )
    ).map((x) => x.res.body.id as string);
    await batch(
      'PUT /guarantee-funds/:id/rules',
      funds,
      (id) =>
        h.http.put(`/guarantee-funds/${id}/rules`).set(as('guarantee')).send({ yearlyCompensationCapPercent: '20' }),
      200,
    );
    await batch(
      'POST /guarantee-funds/:id/leverage-assessment',
      funds,
      (id) => h.http.post(`/guarantee-funds/${id}/leverage-assessment`).set(as('guarantee')),
      200,
    );
    await batch(
      'POST /guarantee-funds/:id/suspension',
      funds,
      (id) => h.http.post(`/guarantee-funds/${id}/suspension`).set(as('guarantee')).send({ reason: '年度审计' }),
      200,
    );
    await batch(
      'POST /guarantee-funds/:id/reopening',
      funds,
      (id) => h.http.post(`/guarantee-funds/${id}/reopening`).set(as('guarantee')).send({ reason: '审计完成' }),
      200,
    );
    const entry = await h.http
      .post(`/guarantee-funds/${h.demo.fund.id}/entries`)
      .set(as('guarantee'))
      .send({ kind: 'INTEREST_INCOME', amountYuan: '12.34', valueDate: TODAY, documentReference: 'CC-结息单' })
      .expect(201);
    await batch(
      'POST /guarantee-funds/:id/entries/:entryId/reversal (one entry)',
      seq,
      () =>
        h.http
          .post(`/guarantee-funds/${h.demo.fund.id}/entries/${entry.body.id}/reversal`)
          .set(as('guarantee'))
          .send({ reason: '重复录入' }),
      201,
      { exactly: 1 },
    );

    // Compensation: the nightly close marks the January loans overdue; then one claim filed fifty times at once,
    // reviewed, approved (by a second operator) and rejected fifty times at once, and fifty recoveries.
    await h.app.get(DailyCloseService).run(LocalDate.parse(TODAY));
    const claims = await batch(
      'POST /compensation-claims (one loan)',
      seq,
      () => h.http.post('/compensation-claims').set(as('bank')).send({ loanId: claimLoan.id, note: '逾期超过90天' }),
      201,
      { exactly: 1 },
    );
    const claimId = claims[0].res.body.id as string;
    const other = (
      await h.http.post('/compensation-claims').set(as('bank')).send({ loanId: rejectLoan.id }).expect(201)
    ).body.id as string;
    await batch(
      'POST /compensation-claims/:id/review (one claim)',
      seq,
      () => h.http.post(`/compensation-claims/${claimId}/review`).set(as('guarantee')).send({ note: '材料齐全' }),
      200,
      { exactly: 1 },
    );
    await h.http
      .post('/users')
      .set(as('admin'))
      .send({
        username: 'cc.checker',
        displayName: '担保中心复核',
        password: 'checker-pass-123',
        organisationId: h.demo.organisations.guarantee.id,
        roles: ['GUARANTEE_OPERATOR'],
      })
      .expect(201);
    token.checker = await h.login('cc.checker', 'checker-pass-123');
    await batch(
      'POST /compensation-claims/:id/approval (one claim)',
      seq,
      (i) =>
        h.http
          .post(`/compensation-claims/${claimId}/approval`)
          .set(as('checker'))
          .send({ paymentReference: `CC-ZF-${i}` }),
      200,
      { exactly: 1 },
    );
    await batch(
      'POST /compensation-claims/:id/rejection (one claim)',
      seq,
      () => h.http.post(`/compensation-claims/${other}/rejection`).set(as('guarantee')).send({ reason: '材料不全' }),
      200,
      { exactly: 1 },
    );
    const recoveries = await batch(
      'POST /compensation-claims/:id/recoveries (one claim)',
      seq,
      (i) =>
        h.http
          .post(`/compensation-claims/${claimId}/recoveries`)
          .set(as('bank'))
          .send({ amountYuan: '10.00', valueDate: TODAY, reference: `CC-ZC-${i}` }),
      200,
      { atMost: N },
    );
    const claim = await h.http.get(`/compensation-claims/${claimId}`).set(as('bank')).expect(200);
    expect(claim.body).toMatchObject({
      status: 'PAID',
      recoveredYuan: `${(recoveries.length * 10).toFixed(2)}`,
    });
    expect((await h.http.get(`/loans/${claimLoan.id}`).set(as('bank')).expect(200)).body.status).toBe('COMPENSATED');
  }, 180_000);

  // --- Reconciliation ---

  it('bank accounts, statements, resolutions and a re-run', async () => {
    const accounts = (
      await batch(
        'POST /bank-accounts',
        seq,
        (i) =>
          h.http
            .post('/bank-accounts')
            .set(as('bank'))
            .send({ accountNumber: accountNumberOf(i), name: `结算户${i}`, format: 'CSV' }),
        201,
      )
    ).map((x) => x.res.body.id as string);
    await batch(
      'PUT /bank-accounts/:id/mapping',
      accounts,
      (id) => h.http.put(`/bank-accounts/${id}/mapping`).set(as('bank')).send({ format: 'CSV', mappingPreset: 'RCC' }),
      200,
    );
    const uploads = await batch(
      'POST /bank-accounts/:id/statements',
      accounts,
      (id, i) =>
        h.http
          .post(`/bank-accounts/${id}/statements?fileName=${encodeURIComponent(`cc-${i}.csv`)}`)
          .set(as('bank'))
          .set('Content-Type', 'application/octet-stream')
          .send(
            rccStatement(
              [['20261120', '090000', '转账', '', `${100 + i}.00`, '', '某人', '6222999900001111222', `CC-T${i}`, '']],
              accountNumberOf(i),
            ),
          ),
      202,
    );

    // Fifty credits nobody knows, in one statement: fifty exceptions resolved at once.
    const runner = h.app.get(StatementImportRunner);
    const rows = seq.map((i) => [
      '20261121',
      '100000',
      '转账',
      '',
      `${200 + i}.00`,
      '',
      '某人',
      `62229999000022${String(i).padStart(5, '0')}`,
      `CC-U${i}`,
      '',
    ]);
    const unknown = await h.http
      .post(`/bank-accounts/${accounts[0]}/statements?fileName=unknown.csv`)
      .set(as('bank'))
      .set('Content-Type', 'application/octet-stream')
      .send(rccStatement(rows))
      .expect(202);
    expect((await runner.run(unknown.body.id))!.status).toBe('IMPORTED');
    const lines = (await ds.query(`SELECT id FROM statement_lines WHERE import_id = $1 ORDER BY id`, [
      unknown.body.id,
    ])) as { id: string }[];
    expect(lines).toHaveLength(N);
    await batch(
      'POST /statement-lines/:id/resolution',
      lines.map((l) => l.id),
      (id) =>
        h.http
          .post(`/statement-lines/${id}/resolution`)
          .set(as('bank'))
          .send({ action: 'NOT_OURS', reason: '非本项目款项' }),
      200,
    );

    // One credit nobody matched, linked to a loan by fifty people at once: posted once, the others refused.
    if (activeLoan) {
      const credit = await h.http
        .post(`/bank-accounts/${accounts[0]}/statements?fileName=credit.csv`)
        .set(as('bank'))
        .set('Content-Type', 'application/octet-stream')
        .send(
          rccStatement([['20261201', '110000', '还款', '', '50.00', '', '某人', '6222999900003333444', 'CC-L1', '']]),
        )
        .expect(202);
      expect((await runner.run(credit.body.id))!.status).toBe('IMPORTED');
      const [line] = (await ds.query(`SELECT id FROM statement_lines WHERE import_id = $1`, [credit.body.id])) as {
        id: string;
      }[];
      await batch(
        'POST /statement-lines/:id/resolution LINK (one line)',
        seq,
        () =>
          h.http
            .post(`/statement-lines/${line.id}/resolution`)
            .set(as('bank'))
            .send({ action: 'LINK', reason: '借款人他行账户还款', loanId: activeLoan }),
        200,
        { exactly: 1 },
      );
      const [posted] = (await ds.query(
        `SELECT count(*)::int AS n FROM repayments WHERE loan_id = $1 AND channel = 'STATEMENT_IMPORT'`,
        [activeLoan],
      )) as { n: number }[];
      expect(posted.n).toBe(1);
    }

    // One import stopped midway and quiet for an hour: fifty re-runs at once queue it once (a guarded update on the
    // import's run count); the others are told it is running (409 IMPORT_RUNNING). One job, one audit row.
    const stopped = uploads[1].res.body.id as string;
    await runner.run(stopped);
    await ds.query(
      `UPDATE statement_lines SET outcome = 'PENDING', match_tier = NULL, match_rule = NULL WHERE import_id = $1`,
      [stopped],
    );
    await ds.query(
      `UPDATE statement_imports SET finished_at = NULL, progress_at = now() - interval '1 hour' WHERE id = $1`,
      [stopped],
    );
    const reruns = await batch(
      'POST /statement-imports/:id/rerun (one import)',
      seq,
      () => h.http.post(`/statement-imports/${stopped}/rerun`).set(as('bank')),
      202,
      { exactly: 1, losers: [409] },
    );
    const [queuedRuns] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM outbox_messages WHERE payload->>'importId' = $1) AS jobs,
              (SELECT count(*)::int FROM audit_log WHERE action = 'statement.import_rerun' AND entity_id = $1) AS audits`,
      [stopped],
    )) as { jobs: number; audits: number }[];
    // The upload's own job, then the one re-run.
    expect(reruns).toHaveLength(1);
    expect(queuedRuns).toEqual({ jobs: 2, audits: 1 });
  }, 120_000);

  it('left no connection behind, and /health answered 200 throughout', async () => {
    await h.http.get('/health').expect(200);
    await health.stop();
    expect(health.statuses.length).toBeGreaterThan(0);
    expect(health.statuses.filter((s) => s !== 200)).toEqual([]);
    if (process.env.TEST_LOG_LEVEL) console.log(batches);
  });
});
