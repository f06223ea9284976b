import { DataSource } from 'typeorm';
import { FixedClock, LocalDate, Money } from '@mla/core';
import { CallListContactSources, ContactKind, ContactOutcome, LateLoansDigestService } from '@mla/loans';
import { startApi, type ApiHarness } from './support/api-harness';
import { approvedApplication } from './support/workflow';

interface Row {
  number: number;
  dueDate: string;
  principalYuan: string;
  interestYuan: string;
  totalYuan: string;
}

interface Line {
  loanId: string;
  contractNumber: string;
  borrowerName: string;
  maskedMobile: string;
  bankName: string;
  dueNowYuan: string;
  daysLate: number;
  nextDueDate: string | null;
  nextDueYuan: string | null;
  lastContact: { kind: string; at: string; outcome: string; officerName: string | null } | null;
  failedReminderAt: string | null;
}

const fen = (yuan: string) => Money.ofYuan(yuan).fen;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * A small portfolio on a frozen day (2026-06-15), figures worked out here from each loan's schedule and the contract's
 * penalty terms (4.35 % a year, +50 %, on overdue principal, ACT/360, no grace):
 *   A  12,000.00 equal principal, disbursed 2026-01-10: February paid, March to June unpaid → late since 03-10;
 *   B   6,000.00 equal principal, disbursed 2026-05-20: first installment due 06-20 → due soon;
 *   C   6,000.00 equal principal, disbursed 2026-06-01: first due 07-01 → listed only when asked for 20 days ahead.
 */
describe('follow-up contacts and the call list (e2e)', () => {
  const TODAY = '2026-06-15';
  let h: ApiHarness;
  let bank: string;
  let officer: string;
  const loans: Record<string, { id: string; rows: Row[] }> = {};

  const open = async (key: string, amountYuan: string, signingDate: string, valueDate: string) => {
    const applicationId = await approvedApplication(h, amountYuan, 12, 'EQUAL_PRINCIPAL');
    const signed = await h.http
      .post('/loans')
      .set('Authorization', bank)
      .send({ applicationId, contractNumber: `CALL-${key}`, signingDate, annualRatePercent: '4.35' })
      .expect(201);
    await h.http
      .post(`/loans/${signed.body.id}/disbursement`)
      .set('Authorization', bank)
      .send({ valueDate, amountYuan, reference: `D-CALL-${key}` })
      .expect(200);
    const loan = await h.http.get(`/loans/${signed.body.id}`).set('Authorization', bank).expect(200);
    loans[key] = { id: signed.body.id, rows: loan.body.schedule as Row[] };
  };
  const callList = (token: string, query = '') =>
    h.http.get(`/collections/call-list${query}`).set('Authorization', token);

  beforeAll(async () => {
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`));
    [bank, officer] = await Promise.all([h.login('bank'), h.login('officer')]);
    await open('A', '12000.00', '2026-01-05', '2026-01-10');
    await open('B', '6000.00', '2026-05-15', '2026-05-20');
    await open('C', '6000.00', '2026-05-28', '2026-06-01');
    const february = loans.A.rows[0];
    await h.http
      .post(`/loans/${loans.A.id}/repayments`)
      .set('Authorization', bank)
      .send({
        amountYuan: february.totalYuan,
        valueDate: february.dueDate,
        channel: 'BANK_COUNTER',
        externalReference: 'CALL-A-FEB',
        reason: '补录二月还款',
      })
      .expect((res) => expect([200, 202]).toContain(res.status));
    // Dated more than 30 days back, it waits for a second person: the officer approves it.
    const pending = await h.http.get('/backdated-postings?status=PENDING').set('Authorization', bank).expect(200);
    for (const p of pending.body.items as { id: string }[]) {
      await h.http.post(`/backdated-postings/${p.id}/approval`).set('Authorization', officer).send({}).expect(200);
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('contacts', () => {
    it('records a call with a promise to pay, audited, and lists it newest first with the officer', async () => {
      const first = await h.http
        .post(`/loans/${loans.A.id}/contacts`)
        .set('Authorization', officer)
        .send({ kind: 'PHONE_CALL', outcome: 'NOT_REACHED', contactedAt: '2026-06-12T09:00:00+08:00' })
        .expect(201);
      expect(first.body).toMatchObject({ kind: 'PHONE_CALL', outcome: 'NOT_REACHED', officerName: '王芳(信贷专干)' });
      const second = await h.http
        .post(`/loans/${loans.A.id}/contacts`)
        .set('Authorization', officer)
        .send({
          kind: 'VISIT',
          outcome: 'PROMISED_TO_PAY',
          contactedAt: '2026-06-14T15:30:00+08:00',
          promisedDate: '2026-06-20',
          promisedAmountYuan: '3000.00',
          note: '上门走访，本人承诺下周还款',
        })
        .expect(201);
      expect(second.body).toMatchObject({
        promisedDate: '2026-06-20',
        promisedAmountYuan: '3000.00',
        contactedAt: '2026-06-14T07:30:00.000Z',
      });
      const page1 = await h.http.get(`/loans/${loans.A.id}/contacts?limit=1`).set('Authorization', bank).expect(200);
      expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([second.body.id]);
      const page2 = await h.http
        .get(`/loans/${loans.A.id}/contacts?limit=1&cursor=${page1.body.nextCursor as string}`)
        .set('Authorization', bank)
        .expect(200);
      expect(page2.body).toMatchObject({ items: [{ id: first.body.id }], nextCursor: null });
      const audit = (await h.app
        .get(DataSource)
        .query(`SELECT after FROM audit_log WHERE action = 'loan.contact_recorded' AND entity_id = $1`, [
          loans.A.id,
        ])) as { after: { contactId: string; outcome: string } }[];
      expect(audit.map((a) => a.after.contactId).sort()).toEqual([first.body.id, second.body.id].sort());
    });

    it('refuses bad input, a promise with another outcome, dates out of range; stores nothing', async () => {
      const post = (body: object, token = officer) =>
        h.http.post(`/loans/${loans.A.id}/contacts`).set('Authorization', token).send(body);
      const bad = await post({ kind: 'FAX', outcome: 'MAYBE', contactedAt: 'yesterday' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'contactedAt',
        'kind',
        'outcome',
      ]);
      const promise = await post({ kind: 'PHONE_CALL', outcome: 'REACHED', promisedDate: '2026-06-20' });
      expect(promise.status).toBe(422);
      expect(promise.body).toMatchObject({
        code: 'CONTACT_PROMISE_WITHOUT_PROMISE',
        details: { field: 'promisedDate' },
      });
      const future = await post({ kind: 'PHONE_CALL', outcome: 'REACHED', contactedAt: '2026-06-16T09:00:00+08:00' });
      expect(future.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'contactedAt', max: TODAY } });
      const early = await post({ kind: 'PHONE_CALL', outcome: 'REACHED', contactedAt: '2026-01-01T09:00:00+08:00' });
      expect(early.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { min: '2026-01-05' } });
      const far = await post({ kind: 'VISIT', outcome: 'PROMISED_TO_PAY', promisedDate: '2026-12-31' });
      expect(far.body).toMatchObject({ code: 'DATE_OUT_OF_RANGE', details: { field: 'promisedDate' } });
      // The employment reviewer may read loans but not record contacts; another county's officer cannot see the loan.
      const employment = await post({ kind: 'PHONE_CALL', outcome: 'REACHED' }, await h.login('employment'));
      expect(employment.status).toBe(403);
      const otherCounty = await post({ kind: 'PHONE_CALL', outcome: 'REACHED' }, await h.login('officer2'));
      expect(otherCounty.status).toBe(404);
      const [{ n }] = (await h.app.get(DataSource).query(`SELECT count(*)::int AS n FROM loan_contacts`)) as {
        n: number;
      }[];
      expect(n).toBe(2);
    });

    it('keeps the record append-only in the database', async () => {
      await expect(h.app.get(DataSource).query(`UPDATE loan_contacts SET note = 'x'`)).rejects.toThrow(/append-only/);
      await expect(h.app.get(DataSource).query(`DELETE FROM loan_contacts`)).rejects.toThrow(/append-only/);
    });
  });

  describe('the call list', () => {
    const penaltyFen = (principalFen: bigint, daysLate: number) => {
      // round_half_up(fenDays × 0.0435 × 1.5 / 360)
      const numerator = principalFen * BigInt(daysLate) * 435n * 15n;
      const denominator = 360n * 10_000n * 10n;
      return (2n * numerator + denominator) / (2n * denominator);
    };

    it('lists the late and the due-soon loans with figures worked out by hand, in one request', async () => {
      const res = await callList(officer).expect(200);
      const lines = res.body.items as Line[];
      expect(lines.map((l) => l.contractNumber)).toEqual(['CALL-A', 'CALL-B']);
      const [a, b] = lines;

      const overdue = loans.A.rows.filter((r) => r.dueDate < TODAY && r.number > 1);
      expect(overdue.map((r) => r.dueDate)).toEqual(['2026-03-10', '2026-04-10', '2026-05-10', '2026-06-10']);
      let expected = 0n;
      for (const r of overdue) {
        expected +=
          fen(r.principalYuan) + fen(r.interestYuan) + penaltyFen(fen(r.principalYuan), days(r.dueDate, TODAY));
      }
      const next = loans.A.rows[5];
      expect(a).toMatchObject({
        loanId: loans.A.id,
        borrowerName: '张*',
        maskedMobile: '135****5000',
        bankName: h.demo.organisations.rcc.name,
        daysLate: 97,
        dueNowYuan: Money.ofFen(expected).toYuanString(),
        nextDueDate: next.dueDate,
        nextDueYuan: next.totalYuan,
        lastContact: { kind: 'VISIT', outcome: 'PROMISED_TO_PAY', officerName: '王芳(信贷专干)' },
        failedReminderAt: null,
      });
      expect(JSON.stringify(res.body)).not.toContain('13500135000');

      // The servicing ledger (the loan's own summary) agrees to the fen.
      const summary = (await h.http.get(`/loans/${loans.A.id}`).set('Authorization', bank).expect(200)).body.summary;
      expect({ dueNow: a.dueNowYuan, daysLate: a.daysLate }).toEqual({
        dueNow: summary.overdueYuan,
        daysLate: summary.daysPastDue,
      });

      expect(b).toMatchObject({
        daysLate: 0,
        dueNowYuan: '0.00',
        nextDueDate: '2026-06-20',
        nextDueYuan: loans.B.rows[0].totalYuan,
        lastContact: null,
      });
    });

    it('takes the due-soon window from the query, and pages by a cursor', async () => {
      const wide = await callList(officer, '?dueWithinDays=20').expect(200);
      expect((wide.body.items as Line[]).map((l) => l.contractNumber)).toEqual(['CALL-A', 'CALL-B', 'CALL-C']);
      const first = await callList(officer, '?dueWithinDays=20&limit=2').expect(200);
      const rest = await callList(
        officer,
        `?dueWithinDays=20&limit=2&cursor=${first.body.nextCursor as string}`,
      ).expect(200);
      expect([...first.body.items, ...rest.body.items].map((l: Line) => l.contractNumber)).toEqual([
        'CALL-A',
        'CALL-B',
        'CALL-C',
      ]);
      expect(rest.body.nextCursor).toBeNull();
      expect((await callList(officer, '?dueWithinDays=61')).status).toBe(400);
      expect((await callList(officer, '?cursor=bm9uc2Vuc2U')).body.code).toBe('INVALID_CURSOR');
    });

    it('shows only the scope: the bank its loans, another bank or county nothing; others may not read it', async () => {
      expect((await callList(bank).expect(200)).body.items).toHaveLength(2);
      expect((await callList(await h.login('bank2')).expect(200)).body.items).toEqual([]);
      expect((await callList(await h.login('officer2')).expect(200)).body.items).toEqual([]);
      expect((await callList(await h.login('finance'))).status).toBe(403);
      expect((await h.http.get('/collections/call-list')).status).toBe(401);
    });
  });

  describe('costs and extensions', () => {
    it('answers a page in the same few statements whatever its length (no query per loan)', async () => {
      const manager = h.app.get(DataSource).manager;
      const spy = jest.spyOn(manager, 'query');
      try {
        await callList(officer).expect(200);
        const two = spy.mock.calls.length;
        spy.mockClear();
        const wide = await callList(officer, '?dueWithinDays=20').expect(200);
        expect(wide.body.items).toHaveLength(3);
        expect(spy.mock.calls.length).toBe(two);
        expect(two).toBeLessThanOrEqual(5);
      } finally {
        spy.mockRestore();
      }
    });

    it('shows a reminder that failed for good as the last contact and the failed reminder', async () => {
      const db = h.app.get(DataSource);
      const [template] = (await db.query(
        `SELECT id, version FROM notification_templates ORDER BY created_at LIMIT 1`,
      )) as { id: string; version: number }[];
      await db.query(
        `INSERT INTO notification_messages (dedupe_key, kind, recipient_kind, channel, region_code, loan_id,
                applicant_id, template_id, template_version, scheduled_date, status, not_before, sent_at, last_error_code)
         SELECT 'call-list-test-' || l.id, 'DUE_SOON', 'BORROWER', 'SMS', l.region_code, l.id, l.applicant_id,
                $2, $3, '2026-06-14', 'FAILED_PERMANENT', '2026-06-14T01:00:00Z', '2026-06-14T02:00:00Z', 'INVALID_PHONE'
           FROM loans l WHERE l.id = $1`,
        [loans.B.id, template.id, template.version],
      );
      const b = ((await callList(officer).expect(200)).body.items as Line[]).find((l) => l.loanId === loans.B.id);
      expect(b).toMatchObject({
        lastContact: { kind: 'SMS', outcome: 'NOT_REACHED', officerName: null, at: '2026-06-14T02:00:00.000Z' },
        failedReminderAt: '2026-06-14T02:00:00.000Z',
      });
    });

    it('merges the reminders another context registers: a later one is the last contact, a failed one is shown', async () => {
      h.app.get(CallListContactSources).register({
        name: 'test-reminders',
        latestFor: (_tx, loanIds) =>
          Promise.resolve(
            new Map(
              loanIds
                .filter((id) => id === loans.B.id || id === loans.A.id)
                .map((id) => {
                  const at = new Date(id === loans.B.id ? '2026-06-15T01:00:00Z' : '2026-06-01T01:00:00Z');
                  const failed = { kind: ContactKind.SMS, at, outcome: ContactOutcome.NOT_REACHED, failed: true };
                  return [id, { latest: failed }] as const;
                }),
            ),
          ),
      });
      const lines = (await callList(officer).expect(200)).body.items as Line[];
      const a = lines.find((l) => l.loanId === loans.A.id);
      const b = lines.find((l) => l.loanId === loans.B.id);
      // A: the officer's visit (06-14) is later than the reminder (06-01); the failed reminder is still shown.
      expect(a).toMatchObject({
        lastContact: { kind: 'VISIT', officerName: '王芳(信贷专干)' },
        failedReminderAt: '2026-06-01T01:00:00.000Z',
      });
      expect(b).toMatchObject({
        lastContact: { kind: 'SMS', outcome: 'NOT_REACHED', officerName: null, at: '2026-06-15T01:00:00.000Z' },
        failedReminderAt: '2026-06-15T01:00:00.000Z',
      });
    });

    it("counts for each officer's digest what is late in her region", async () => {
      const digest = await h.app.get(LateLoansDigestService).lateLoansByOfficer(LocalDate.parse(TODAY));
      const a = (await callList(officer).expect(200)).body.items[0] as Line;
      const mine = digest.find((d) => d.displayName === '王芳(信贷专干)');
      expect(mine).toEqual({
        userId: h.demo.users.officer.id,
        displayName: '王芳(信贷专干)',
        regionCode: expect.any(String),
        lateLoans: 1,
        dueNowFen: Money.ofYuan(a.dueNowYuan).fen,
        maxDaysLate: 97,
        notContacted: 0,
      });
      expect(digest.find((d) => d.displayName === '赵丽(固阳信贷专干)')).toMatchObject({ lateLoans: 0, dueNowFen: 0n });
      // Before anyone called: on 2026-06-11 the loan was late (since 03-10) and no contact had been recorded yet.
      const earlier = await h.app.get(LateLoansDigestService).lateLoansByOfficer(LocalDate.parse('2026-06-11'));
      expect(earlier.find((d) => d.displayName === '王芳(信贷专干)')).toMatchObject({
        lateLoans: 1,
        maxDaysLate: 93,
        notContacted: 1,
      });
    });
  });
});
