import { DataSource } from 'typeorm';
import { AuditEntry } from '@mla/auth';
import { businessDateOf, Clock, residentIdCheckCharacter } from '@mla/core';
import { startApi, type ApiHarness } from './support/api-harness';

/** A valid resident ID: region, birth date, sequence (odd last digit = male), check character. */
function residentId(birth: string, sequence = '102', region = '150221'): string {
  const body = `${region}${birth}${sequence}`;
  return `${body}${residentIdCheckCharacter(body)}`;
}

let seq = 100;
function nextSequence(female = true): string {
  seq += 2;
  return String(female ? seq : seq + 1).padStart(3, '0');
}

describe('applications: 申请 → 初审/推荐 → 资格审核 → 担保审核 → 银行审批 (e2e)', () => {
  let h: ApiHarness;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: tokens[user] });
  /** The business today of the api: a field visit is dated between its application and today. */
  const today = () => h.app.get(Clock).today().toString();

  beforeAll(async () => {
    h = await startApi();
    for (const user of ['admin', 'officer', 'fedadmin', 'employment', 'guarantee', 'bank', 'bank2', 'finance']) {
      tokens[user] = await h.login(user);
    }
    // A second officer and a second employment reviewer, for maker-checker and concurrency.
    for (const [username, org, roles] of [
      ['officer.b', h.demo.organisations.federation.id, ['LOAN_OFFICER']],
      ['employment.b', h.demo.organisations.employment.id, ['EMPLOYMENT_REVIEWER']],
    ] as const) {
      await h.http
        .post('/users')
        .set(as('admin'))
        .send({ username, displayName: username, password: 'second-user-123', organisationId: org, roles })
        .expect(201);
      tokens[username] = await h.login(username, 'second-user-123');
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  const guarantee = (applicationId: string) =>
    h.http.post(`/guarantee-funds/${h.demo.fund.id}/guarantees`).set(as('guarantee')).send({ applicationId });

  async function registerApplicant(overrides: Record<string, unknown> = {}) {
    const res = await h.http
      .post('/applicants')
      .set(as('officer'))
      .send({
        name: '王秀英',
        idNumber: residentId('19880315', nextSequence()),
        mobile: '13800138000',
        regionCode: '150221100201',
        householdType: 'RURAL',
        category: 'RURAL_SELF_EMPLOYED',
        businessKind: 'GREENHOUSE',
        businessDescription: '蔬菜大棚两座',
        employmentStatus: 'FARMER',
        spouseIdNumber: residentId('19860101', nextSequence(false)),
        bankAccount: '6228480402564890018',
        ...overrides,
      });
    if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
    return res.body as { applicant: { id: string; idNumber: string; mobile: string }; warnings: { code: string }[] };
  }

  function draft(applicantId: string, overrides: Record<string, unknown> = {}, user = 'officer') {
    return h.http
      .post('/applications')
      .set(as(user))
      .send({
        applicantId,
        bankOrganisationId: h.demo.organisations.rcc.id,
        amountYuan: '80000.00',
        termMonths: 24,
        purpose: 'GREENHOUSE',
        repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
        ...overrides,
      });
  }

  const decide = (user: string, id: string, step: string, decision = 'APPROVE', reason?: string) =>
    h.http
      .post(`/applications/${id}/decisions`)
      .set(as(user))
      .send({ step, decision, ...(reason ? { reason } : {}) });

  it('walks one application from draft to approved with five different users', async () => {
    const { applicant, warnings } = await registerApplicant();
    expect(warnings).toEqual([]);
    expect(applicant.idNumber).toMatch(/^150221\*{8}\d{3}[\dX]$/);
    expect(applicant.mobile).toBe('138****8000');

    const created = await draft(applicant.id).expect(201);
    expect(created.body).toMatchObject({
      status: 'DRAFT',
      amountYuan: '80000.00',
      number: expect.stringMatching(/^SQ-\d{4}-\d{6}$/),
    });
    expect(created.body.eligibility.length).toBeGreaterThan(5);
    expect(created.body.eligibility.every((c: { outcome: string }) => c.outcome !== 'FAIL')).toBe(true);
    const id = created.body.id as string;

    // 1. officer submits
    const submitted = await h.http.post(`/applications/${id}/submit`).set(as('officer')).expect(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', waitingFor: 'FEDERATION_REVIEW', late: false });
    expect(submitted.body.stepDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // 2. the federation admin visits and recommends (a recommendation needs the visit first)
    const early = await decide('fedadmin', id, 'FEDERATION_REVIEW').expect(422);
    expect(early.body.code).toBe('FIELD_VISIT_REQUIRED');
    // A visit is dated between the application (created today) and today.
    const createdOn = h.app.get(Clock).today();
    for (const visitDate of ['0001-01-01', createdOn.plusDays(-1).toString(), createdOn.plusDays(1).toString()]) {
      const refused = await h.http
        .post(`/applications/${id}/field-visits`)
        .set(as('fedadmin'))
        .send({ visitDate, findings: '日期有误' })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'DATE_OUT_OF_RANGE',
        details: { field: 'visitDate', value: visitDate, min: createdOn.toString(), max: createdOn.toString() },
      });
    }
    expect((await decide('fedadmin', id, 'FEDERATION_REVIEW').expect(422)).body.code).toBe('FIELD_VISIT_REQUIRED');
    await h.http
      .post(`/applications/${id}/field-visits`)
      .set(as('fedadmin'))
      .send({
        visitDate: today(),
        findings: '大棚在建,经营正常',
        attachments: [{ fileName: 'photo.jpg', contentType: 'image/jpeg', sizeBytes: 20480, sha256: 'a'.repeat(64) }],
      })
      .expect(201);
    await decide('fedadmin', id, 'FEDERATION_REVIEW').expect(200);

    // 3. employment bureau, 4. guarantee fund, 5. bank
    await decide('employment', id, 'EMPLOYMENT_REVIEW').expect(200);
    // The guarantee review is not a bare decision: it is approved by issuing a guarantee from a fund.
    const bare = await decide('guarantee', id, 'GUARANTEE_REVIEW').expect(422);
    expect(bare.body.code).toBe('GUARANTEE_REQUIRED');
    await guarantee(id).expect(201);
    const approved = await decide('bank', id, 'BANK_REVIEW').expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', waitingFor: null });

    const history = await h.http.get(`/applications/${id}/history`).set(as('officer')).expect(200);
    expect(history.body.transitions.map((t: { toStatus: string }) => t.toStatus)).toEqual([
      'DRAFT',
      'SUBMITTED',
      'RECOMMENDED',
      'ELIGIBILITY_CONFIRMED',
      'GUARANTEE_APPROVED',
      'APPROVED',
    ]);
    const actors = new Set(history.body.transitions.slice(1).map((t: { actorUserId: string }) => t.actorUserId));
    expect(actors.size).toBe(5);

    // Every transition left an audit row with the status before and after.
    const rows = await h.app
      .get(DataSource)
      .manager.find(AuditEntry, { where: { entityType: 'loan_application', entityId: id }, order: { id: 'ASC' } });
    const moves = rows.filter(
      (r) => r.action !== 'application.created' && r.action !== 'application.field_visit_recorded',
    );
    expect(moves.map((r) => [(r.before as { status: string }).status, (r.after as { status: string }).status])).toEqual(
      [
        ['DRAFT', 'SUBMITTED'],
        ['SUBMITTED', 'RECOMMENDED'],
        ['RECOMMENDED', 'ELIGIBILITY_CONFIRMED'],
        ['ELIGIBILITY_CONFIRMED', 'GUARANTEE_APPROVED'],
        ['GUARANTEE_APPROVED', 'APPROVED'],
      ],
    );
  });

  describe('refusals', () => {
    let id: string;

    beforeAll(async () => {
      const { applicant } = await registerApplicant();
      const created = await draft(applicant.id).expect(201);
      id = created.body.id;
      // officer.b submits what officer created: the last mover is now officer.b.
      await h.http.post(`/applications/${id}/submit`).set(as('officer.b')).expect(200);
    });

    it('refuses self-review', async () => {
      const res = await decide('officer', id, 'FEDERATION_REVIEW').expect(403);
      expect(res.body.code).toBe('SELF_REVIEW');
    });

    it('refuses moving an application twice in a row', async () => {
      const res = await decide('officer.b', id, 'FEDERATION_REVIEW').expect(403);
      expect(res.body.code).toBe('TWICE_IN_A_ROW');
    });

    it('refuses the wrong role', async () => {
      const res = await decide('finance', id, 'FEDERATION_REVIEW').expect(403);
      expect(res.body).toMatchObject({
        code: 'PERMISSION_DENIED',
        details: { permission: 'application:review:federation' },
      });
    });

    it('refuses a bank officer of another bank (the application is not even visible)', async () => {
      await h.http
        .post(`/applications/${id}/field-visits`)
        .set(as('fedadmin'))
        .send({ visitDate: today(), findings: 'ok' })
        .expect(201);
      await decide('fedadmin', id, 'FEDERATION_REVIEW').expect(200);
      await decide('employment', id, 'EMPLOYMENT_REVIEW').expect(200);
      await guarantee(id).expect(201);
      const res = await decide('bank2', id, 'BANK_REVIEW').expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await h.http.get(`/applications/${id}`).set(as('bank2')).expect(404);
      const list = await h.http.get('/applications').set(as('bank2')).expect(200);
      expect(list.body.items).toEqual([]);
      await decide('bank', id, 'BANK_REVIEW', 'RETURN', '请补充经营流水').expect(200);
    });

    const failing: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['over the amount cap', {}, { amountYuan: '300000.01' }, 'AMOUNT_WITHIN_INDIVIDUAL_MAX'],
      ['over age', { idNumber: residentId('19600101', '204') }, {}, 'AGE_BAND'],
      [
        'a spouse with an outstanding loan',
        { otherLoans: [{ holder: 'SPOUSE', kind: 'BUSINESS', outstandingYuan: '50000.00' }] },
        {},
        'OTHER_LOANS',
      ],
      ['a fourth loan', { priorProgrammeLoans: 3 }, {}, 'CUMULATIVE_LOANS'],
    ];
    it.each(failing)(
      'refuses to submit %s (422 naming the rule)',
      async (_, applicantOverrides, applicationOverrides, code) => {
        const { applicant } = await registerApplicant(applicantOverrides);
        const created = await draft(applicant.id, applicationOverrides).expect(201);
        const failed = created.body.eligibility
          .filter((c: { outcome: string }) => c.outcome === 'FAIL')
          .map((c: { code: string }) => c.code);
        expect(failed).toContain(code);
        const res = await h.http.post(`/applications/${created.body.id}/submit`).set(as('officer')).expect(422);
        expect(res.body.code).toBe('NOT_ELIGIBLE');
        expect(res.body.details.failed.map((c: { code: string }) => c.code)).toContain(code);
        const after = await h.http.get(`/applications/${created.body.id}`).set(as('officer')).expect(200);
        expect(after.body.status).toBe('DRAFT');
      },
    );

    it('refuses a second open application for the same person, naming the first', async () => {
      const { applicant } = await registerApplicant();
      const first = await draft(applicant.id).expect(201);
      const second = await draft(applicant.id).expect(409);
      expect(second.body).toMatchObject({ code: 'OPEN_APPLICATION_EXISTS', details: { number: first.body.number } });
      expect(second.body.message).toContain(first.body.number);
    });

    it('refuses registering the same person twice', async () => {
      const idNumber = residentId('19900101', '306');
      await registerApplicant({ idNumber });
      const res = await h.http
        .post('/applicants')
        .set(as('officer'))
        .send({
          name: '重复',
          idNumber,
          mobile: '13900139000',
          regionCode: '150221',
          householdType: 'URBAN',
          businessKind: 'SHOP',
          employmentStatus: 'UNEMPLOYED',
        })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'APPLICANT_EXISTS', details: { field: 'idNumber' } });
      expect(res.body.details.applicantId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("says a person registered in another county is registered elsewhere and whom to ask, and nothing of that county's record", async () => {
      const idNumber = residentId('19900101', '308');
      const { applicant } = await registerApplicant({ idNumber, name: '李秀兰', mobile: '13700137000' });
      const res = await h.http
        .post('/applicants')
        .set('Authorization', await h.login('officer2'))
        .send({
          name: '李秀兰',
          idNumber,
          mobile: '13700137000',
          regionCode: '150222',
          householdType: 'URBAN',
          businessKind: 'SHOP',
          employmentStatus: 'UNEMPLOYED',
        })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'APPLICANT_ALREADY_REGISTERED',
        details: { field: 'idNumber', contact: { regionCode: '150200', regionName: '包头市' } },
      });
      expect(res.body.message).toBe('该人员已在其他妇联登记，请联系包头市（150200）妇联协调');
      // No id, no personal data, not even the other county.
      const text = JSON.stringify(res.body);
      for (const leak of [applicant.id, applicant.mobile, '150221', '土默特右旗', 'applicantId']) {
        expect(text).not.toContain(leak);
      }
      const [{ n }] = (await h.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM applicants WHERE name = '李秀兰'`)) as { n: number }[];
      expect(n).toBe(1);
    });

    it('refuses an ID whose birth date is in the future or before 1900 (422), registering nobody', async () => {
      const today = h.app.get(Clock).today().toString();
      for (const [field, birth] of [
        ['idNumber', '20901231'],
        ['idNumber', '18991231'],
        ['spouseIdNumber', '20901231'],
      ]) {
        const ids =
          field === 'idNumber'
            ? { idNumber: residentId(birth, '310') }
            : { idNumber: residentId('19900101', '312'), spouseIdNumber: residentId(birth, '311') };
        const res = await h.http
          .post('/applicants')
          .set(as('officer'))
          .send({
            name: '生日有误',
            ...ids,
            mobile: '13600136000',
            regionCode: '150221',
            householdType: 'URBAN',
            businessKind: 'SHOP',
            employmentStatus: 'UNEMPLOYED',
          })
          .expect(422);
        expect(res.body).toMatchObject({
          code: 'DATE_OUT_OF_RANGE',
          details: { field: `${field}.birthDate`, min: '1900-01-01', max: today },
        });
      }
      const [{ n }] = (await h.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM applicants WHERE name = '生日有误'`)) as { n: number }[];
      expect(n).toBe(0);
    });

    it('warns, and does not refuse, an odd sex digit', async () => {
      const { warnings } = await registerApplicant({ idNumber: residentId('19900101', '407') });
      expect(warnings.map((w) => w.code)).toEqual(['SEX_DIGIT_MALE']);
    });
  });

  it('lets exactly one of two simultaneous approvals of the same step win (the other gets 409)', async () => {
    const { applicant } = await registerApplicant();
    const { body } = await draft(applicant.id).expect(201);
    await h.http.post(`/applications/${body.id}/submit`).set(as('officer')).expect(200);
    await h.http
      .post(`/applications/${body.id}/field-visits`)
      .set(as('fedadmin'))
      .send({ visitDate: today(), findings: 'ok' })
      .expect(201);
    await decide('fedadmin', body.id, 'FEDERATION_REVIEW').expect(200);
    const results = await Promise.all([
      decide('employment', body.id, 'EMPLOYMENT_REVIEW'),
      decide('employment.b', body.id, 'EMPLOYMENT_REVIEW'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await h.http.get(`/applications/${body.id}`).set(as('officer')).expect(200);
    expect(after.body.status).toBe('ELIGIBILITY_CONFIRMED');
    const history = await h.http.get(`/applications/${body.id}/history`).set(as('officer')).expect(200);
    expect(
      history.body.transitions.filter((t: { toStatus: string }) => t.toStatus === 'ELIGIBILITY_CONFIRMED'),
    ).toHaveLength(1);
  });

  it('gives each role its worklist and lists late steps', async () => {
    const employmentList = await h.http.get('/applications/worklist').set(as('employment')).expect(200);
    expect(employmentList.body.items.every((a: { status: string }) => a.status === 'RECOMMENDED')).toBe(true);
    const guaranteeList = await h.http.get('/applications/worklist').set(as('guarantee')).expect(200);
    expect(guaranteeList.body.items.length).toBeGreaterThan(0);
    expect(guaranteeList.body.items.every((a: { waitingFor: string }) => a.waitingFor === 'GUARANTEE_REVIEW')).toBe(
      true,
    );

    const target = guaranteeList.body.items[0].id as string;
    await h.app
      .get(DataSource)
      .query(`UPDATE loan_applications SET step_due_date = '2020-01-01' WHERE id = $1`, [target]);
    const late = await h.http.get('/applications?late=true').set(as('guarantee')).expect(200);
    expect(late.body.items.map((a: { id: string }) => a.id)).toEqual([target]);
    expect(late.body.items[0].late).toBe(true);
  });

  it('keeps no ID number or phone in clear in the database, and unmasks only with a reason, audited', async () => {
    const idNumber = residentId('19920202', '508');
    const { applicant } = await registerApplicant({
      idNumber,
      mobile: '13712345678',
      bankAccount: '6217000010000000001',
    });
    const [raw] = (await h.app
      .get(DataSource)
      .query(`SELECT * FROM applicants WHERE id = $1`, [applicant.id])) as Record<string, unknown>[];
    const text = JSON.stringify(raw);
    for (const secret of [idNumber, '13712345678', '6217000010000000001', idNumber.slice(6, 14) + idNumber.slice(14)]) {
      expect(text).not.toContain(secret);
    }
    const audit = JSON.stringify(
      await h.app.get(DataSource).query(`SELECT before, after FROM audit_log WHERE entity_id = $1`, [applicant.id]),
    );
    expect(audit).not.toContain(idNumber);
    expect(audit).not.toContain('13712345678');

    await h.http.post(`/applicants/${applicant.id}/unmask`).set(as('officer')).send({ field: 'mobile' }).expect(400);
    await h.http
      .post(`/applicants/${applicant.id}/unmask`)
      .set(as('finance'))
      .send({ field: 'mobile', reason: '核对电话' })
      .expect(403);
    const res = await h.http
      .post(`/applicants/${applicant.id}/unmask`)
      .set(as('officer'))
      .send({ field: 'idNumber', reason: '核对身份' })
      .expect(200);
    expect(res.body.value).toBe(idNumber);
    const rows = await h.app
      .get(DataSource)
      .manager.find(AuditEntry, { where: { requestId: res.headers['x-request-id'] } });
    expect(rows).toEqual([
      expect.objectContaining({ action: 'applicant.pii_unmasked', after: { field: 'idNumber', reason: '核对身份' } }),
    ]);
    const found = await h.http.get(`/applicants?idNumber=${idNumber}`).set(as('officer')).expect(200);
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual([applicant.id]);
  });
});

describe('applications: editing and deadlines (e2e)', () => {
  let h: ApiHarness;
  let officer: string;
  let fedadmin: string;
  let admin: string;

  beforeAll(async () => {
    h = await startApi();
    [officer, fedadmin, admin] = await Promise.all([h.login('officer'), h.login('fedadmin'), h.login('admin')]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets the officer fix a returned application and submit it again; due dates follow the configured working days', async () => {
    const reg = await h.http
      .post('/applicants')
      .set('Authorization', officer)
      .send({
        name: '李梅',
        idNumber: residentId('19900505', '622'),
        mobile: '13600136000',
        regionCode: '150221',
        householdType: 'URBAN',
        category: 'URBAN_REGISTERED_UNEMPLOYED',
        businessKind: 'SHOP',
        employmentStatus: 'UNEMPLOYED',
      })
      .expect(201);
    const base = {
      bankOrganisationId: h.demo.organisations.rcc.id,
      amountYuan: '400000.00',
      termMonths: 36,
      purpose: 'SHOP',
      repaymentMethod: 'EQUAL_INSTALLMENT',
    };
    const created = await h.http
      .post('/applications')
      .set('Authorization', officer)
      .send({ applicantId: reg.body.applicant.id, ...base })
      .expect(201);
    await h.http.post(`/applications/${created.body.id}/submit`).set('Authorization', officer).expect(422);
    const fixed = await h.http
      .put(`/applications/${created.body.id}`)
      .set('Authorization', officer)
      .send({ ...base, amountYuan: '150000.00' })
      .expect(200);
    expect(fixed.body.eligibility.some((c: { outcome: string }) => c.outcome === 'FAIL')).toBe(false);

    await h.http
      .put('/applications/step-deadlines/FEDERATION_REVIEW')
      .set('Authorization', officer)
      .send({ workingDays: 3 })
      .expect(403);
    await h.http
      .put('/applications/step-deadlines/FEDERATION_REVIEW')
      .set('Authorization', admin)
      .send({ workingDays: 3 })
      .expect(204);
    const deadlines = await h.http.get('/applications/step-deadlines').set('Authorization', officer).expect(200);
    expect(deadlines.body).toContainEqual({ step: 'FEDERATION_REVIEW', workingDays: 3 });
    expect(deadlines.body).toContainEqual({ step: 'BANK_REVIEW', workingDays: 10 });

    const submitted = await h.http
      .post(`/applications/${created.body.id}/submit`)
      .set('Authorization', officer)
      .expect(200);
    // Working days by the official calendar, counted from today's business date in Asia/Shanghai (a day ahead of
    // UTC each evening): holidays and make-up working days move it (test/calendar.e2e-spec.ts pins a holiday).
    const today = businessDateOf(new Date()).toString();
    const expected = await h.http
      .get('/calendar/deadline')
      .query({ from: today, workingDays: 3 })
      .set('Authorization', officer)
      .expect(200);
    expect(submitted.body.stepDueDate).toBe(expected.body.date);
    expect(submitted.body.stepDueDate > today).toBe(true);

    const returned = await h.http
      .post(`/applications/${created.body.id}/decisions`)
      .set('Authorization', fedadmin)
      .send({ step: 'FEDERATION_REVIEW', decision: 'RETURN' })
      .expect(400);
    expect(returned.body.code).toBe('REASON_REQUIRED');
    await h.http
      .post(`/applications/${created.body.id}/decisions`)
      .set('Authorization', fedadmin)
      .send({ step: 'FEDERATION_REVIEW', decision: 'RETURN', reason: '请补充营业执照' })
      .expect(200);
    await h.http
      .put(`/applications/${created.body.id}`)
      .set('Authorization', officer)
      .send({ ...base, amountYuan: '120000.00', purposeDetail: '已补充营业执照' })
      .expect(200);
    const again = await h.http
      .post(`/applications/${created.body.id}/submit`)
      .set('Authorization', officer)
      .expect(200);
    expect(again.body).toMatchObject({ status: 'SUBMITTED', amountYuan: '120000.00' });
    const withdrawn = await h.http
      .post(`/applications/${created.body.id}/withdraw`)
      .set('Authorization', officer)
      .send({ reason: '申请人改变计划' })
      .expect(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    await h.http.put(`/applications/${created.body.id}`).set('Authorization', officer).send(base).expect(409);
  });
});
