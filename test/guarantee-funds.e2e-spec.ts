import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import {
  ApplicantService,
  ApplicationDraftingService,
  ApplicationReviewService,
  EmploymentStatus,
  HouseholdType,
  LoanPurpose,
  ReviewStep,
} from '@mla/applicants';
import { SessionService, type Actor } from '@mla/auth';
import { FixedClock, LocalDate } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import { startApi, type ApiHarness } from './support/api-harness';
import { binaryBody } from './support/binary';
import { approvedApplication, eligibleApplication, residentId } from './support/workflow';

/** Business "today" of this suite: 2026-12-01 in Asia/Shanghai, fixed so that days past due never drift. */
const TODAY = '2026-12-01';

interface Figures {
  depositYuan: string;
  liabilityYuan: string;
  capacityYuan: string;
  availableYuan: string;
  leverage: string;
  leverageUsedPercent: string | null;
  compensationPaidYuan: string;
  recoveriesYuan: string;
  guaranteesIssuedYuan: string;
  compensationRateOfIssuedPercent: string | null;
  compensationRateOfOutstandingPercent: string | null;
  recoveryRatePercent: string | null;
  alertState: string;
  alerts: string[];
}

describe('guarantee funds: leverage, guarantees, compensation and recovery (e2e)', () => {
  let h: ApiHarness;
  let token: Record<string, string>;
  const as = (user: string) => ({ Authorization: token[user] });

  beforeAll(async () => {
    // Repayments of 2025 are replayed at once: they post without the second person back-dating needs otherwise.
    h = await startApi(new FixedClock(`${TODAY}T04:00:00Z`), { env: { BACKDATE_APPROVAL_DAYS: '3650' } });
    token = {};
    for (const user of ['admin', 'auditor', 'officer', 'fedadmin', 'employment', 'guarantee', 'bank', 'bank2']) {
      token[user] = await h.login(user);
    }
    // A second guarantee operator for the checker step.
    await h.http
      .post('/users')
      .set(as('admin'))
      .send({
        username: 'guarantee.b',
        displayName: '担保中心复核',
        password: 'second-user-123',
        organisationId: h.demo.organisations.guarantee.id,
        roles: ['GUARANTEE_OPERATOR'],
      })
      .expect(201);
    token['guarantee.b'] = await h.login('guarantee.b', 'second-user-123');
  });

  afterAll(async () => {
    await h?.close();
  });

  let fundSeq = 0;
  /** A fund of the county with one contribution; rules from `rules`. */
  async function fund(contributionYuan: string, rules: Record<string, unknown> = {}, regionCode = '150221') {
    fundSeq += 1;
    const created = await h.http
      .post('/guarantee-funds')
      .set(as('guarantee'))
      .send({
        code: `F${fundSeq}`,
        name: `测试担保基金${fundSeq}`,
        sponsor: '土默特右旗财政局',
        regionCode,
        agencyOrganisationId: h.demo.organisations.guarantee.id,
        depositBankName: '土默特右旗农村信用合作联社',
        depositAccountNumber: `1502210120000${fundSeq}`,
        ...rules,
      })
      .expect(201);
    const id = created.body.id as string;
    await h.http
      .post(`/guarantee-funds/${id}/entries`)
      .set(as('guarantee'))
      .send({
        kind: 'CONTRIBUTION',
        amountYuan: contributionYuan,
        valueDate: '2026-01-05',
        documentReference: '财政拨款',
      })
      .expect(201);
    return id;
  }

  const figures = async (fundId: string) =>
    (await h.http.get(`/guarantee-funds/${fundId}`).set(as('guarantee')).expect(200)).body.figures as Figures;
  const issue = (fundId: string, applicationId: string, user = 'guarantee') =>
    h.http.post(`/guarantee-funds/${fundId}/guarantees`).set(as(user)).send({ applicationId });

  it('the banner: a 500,000 fund at 5× admits 2,500,000 of guarantees and refuses the next yuan', async () => {
    const banner = await fund('500000.00');
    expect(await figures(banner)).toMatchObject({
      depositYuan: '500000.00',
      leverage: '5.00',
      capacityYuan: '2500000.00',
      availableYuan: '2500000.00',
      liabilityYuan: '0.00',
    });
    for (let i = 0; i < 10; i++) {
      const id = await eligibleApplication(h, '250000.00', 12);
      const res = await issue(banner, id).expect(201);
      expect(res.body).toMatchObject({
        status: 'ACTIVE',
        amountYuan: '250000.00',
        applicationStatus: 'GUARANTEE_APPROVED',
      });
      expect(res.body.contractNumber).toMatch(/^F\d+-DB-2026-\d{5}$/);
    }
    const full = await figures(banner);
    expect(full).toMatchObject({
      liabilityYuan: '2500000.00',
      availableYuan: '0.00',
      leverageUsedPercent: '100.00',
      alertState: 'ALERT',
      alerts: ['LEVERAGE_HIGH'],
    });
    const oneYuan = await eligibleApplication(h, '1.00', 12);
    const refused = await issue(banner, oneYuan).expect(422);
    expect(refused.body).toMatchObject({
      code: 'CAPACITY_EXCEEDED',
      details: { availableYuan: '0.00', requestedYuan: '1.00', capacityYuan: '2500000.00' },
    });
    // Nothing half-written: the application still waits for the guarantee review.
    const app = await h.http.get(`/applications/${oneYuan}`).set(as('guarantee')).expect(200);
    expect(app.body.status).toBe('ELIGIBILITY_CONFIRMED');
    // Another 0.20 of deposit (×5 = 1.00) makes room for exactly that yuan.
    await h.http
      .post(`/guarantee-funds/${banner}/entries`)
      .set(as('guarantee'))
      .send({ kind: 'INTEREST_INCOME', amountYuan: '0.20', valueDate: '2026-06-21' })
      .expect(201);
    await issue(banner, oneYuan).expect(201);
    // Full to the fen: the deposit may not fall by one fen more (the liability would exceed 5× the deposit).
    const fall = await h.http
      .post(`/guarantee-funds/${banner}/entries`)
      .set(as('guarantee'))
      .send({ kind: 'ADJUSTMENT', amountYuan: '-0.01', valueDate: '2026-06-30', memo: '银行手续费' })
      .expect(422);
    expect(fall.body.code).toBe('CAPACITY_EXCEEDED');
    const noReason = await h.http
      .post(`/guarantee-funds/${banner}/entries`)
      .set(as('guarantee'))
      .send({ kind: 'ADJUSTMENT', amountYuan: '100.00', valueDate: '2026-06-30' })
      .expect(400);
    expect(noReason.body.details).toEqual({ field: 'memo' });
    // A booking is dated from the programme's floor (2000-01-01) to today; a refused one writes nothing.
    const entries = async () =>
      (await h.http.get(`/guarantee-funds/${banner}/entries?limit=200`).set(as('guarantee')).expect(200)).body
        .items as unknown[];
    const booked = await entries();
    for (const valueDate of ['0001-01-01', '1999-12-31', '2026-12-02', '9999-12-31']) {
      const refused = await h.http
        .post(`/guarantee-funds/${banner}/entries`)
        .set(as('guarantee'))
        .send({ kind: 'CONTRIBUTION', amountYuan: '100.00', valueDate })
        .expect(422);
      expect(refused.body).toMatchObject({
        code: 'DATE_OUT_OF_RANGE',
        details: { field: 'valueDate', value: valueDate, min: '2000-01-01', max: TODAY },
      });
    }
    expect(await entries()).toEqual(booked);
    const reversed = await h.http
      .get(`/guarantee-funds/${banner}/statement?from=${TODAY}&to=2026-11-30`)
      .set(as('guarantee'))
      .expect(400);
    expect(reversed.body).toMatchObject({ code: 'INVALID_DATE_RANGE', details: { field: 'to', min: TODAY } });
  });

  // 200 applications walked through five use cases each before the race: slow on a shared, busy machine.
  it('under concurrency the cap is never crossed: 200 requests at room for 100 give exactly 100 guarantees', async () => {
    const target = await fund('200000.00'); // 5× → 1,000,000 = 100 × 10,000
    const session = h.app.get(SessionService);
    const actor = async (user: string): Promise<Actor> => session.authenticate(token[user].slice('Bearer '.length));
    const [officer, fedadmin, employment] = await Promise.all(['officer', 'fedadmin', 'employment'].map(actor));
    const applicants = h.app.get(ApplicantService);
    const drafting = h.app.get(ApplicationDraftingService);
    const review = h.app.get(ApplicationReviewService);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const { applicant } = await applicants.register(officer, {
        name: `并发${i}`,
        idNumber: residentId('19900101', String(100 + i * 2)),
        mobile: '13600136000',
        regionCode: '150221100201',
        householdType: HouseholdType.RURAL,
        category: 'RURAL_SELF_EMPLOYED',
        businessKind: 'LIVESTOCK',
        employmentStatus: EmploymentStatus.FARMER,
      });
      const app = await drafting.create(officer, {
        applicantId: applicant.id,
        bankOrganisationId: h.demo.organisations.rcc.id,
        amountYuan: '10000.00',
        termMonths: 12,
        purpose: LoanPurpose.LIVESTOCK,
        repaymentMethod: 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
      });
      await drafting.submit(officer, app.id);
      await review.recordFieldVisit(fedadmin, app.id, { visitDate: TODAY, findings: '正常' });
      await review.decide(fedadmin, app.id, ReviewStep.FEDERATION_REVIEW, 'APPROVE');
      await review.decide(employment, app.id, ReviewStep.EMPLOYMENT_REVIEW, 'APPROVE');
      ids.push(app.id);
    }
    const results = await Promise.all(ids.map((id) => issue(target, id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    expect(statuses.filter((s) => s === 422)).toHaveLength(100);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'CAPACITY_EXCEEDED')).toBe(true);
    // The ledger balances: one reserve per guarantee, liability exactly at the cap, applications moved once.
    const ds = h.app.get(DataSource);
    const [ledger] = (await ds.query(
      `SELECT count(*)::int AS reserves, SUM(amount_fen)::text AS liability FROM guarantee_fund_entries
        WHERE fund_id = $1 AND kind = 'RESERVE'`,
      [target],
    )) as { reserves: number; liability: string }[];
    expect(ledger).toEqual({ reserves: 100, liability: '100000000' });
    const [guarantees] = (await ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT contract_number)::int AS numbers FROM guarantees WHERE fund_id = $1`,
      [target],
    )) as { n: number; numbers: number }[];
    expect(guarantees).toEqual({ n: 100, numbers: 100 });
    const [moved] = (await ds.query(
      `SELECT count(*)::int AS n FROM loan_applications WHERE id = ANY($1::uuid[]) AND status = 'GUARANTEE_APPROVED'`,
      [ids],
    )) as { n: number }[];
    expect(moved.n).toBe(100);
    expect(await figures(target)).toMatchObject({ liabilityYuan: '1000000.00', availableYuan: '0.00' });
  }, 180_000);

  it('refuses a suspended fund and a loan outside the fund region, and releases a guarantee not taken up', async () => {
    const county = await fund('100000.00');
    const elsewhere = await fund('100000.00', {}, '150221101'); // another township of the county
    const id = await eligibleApplication(h, '50000.00', 12);
    const outside = await issue(elsewhere, id).expect(422);
    expect(outside.body.code).toBe('OUTSIDE_FUND_REGION');

    await h.http
      .post(`/guarantee-funds/${county}/suspension`)
      .set(as('guarantee'))
      .send({ reason: '年度审计' })
      .expect(200);
    const suspended = await issue(county, id).expect(422);
    expect(suspended.body).toMatchObject({ code: 'FUND_SUSPENDED', details: { reason: '年度审计' } });
    expect(suspended.body.message).toBe('该担保基金已暂停办理新的担保（原因：年度审计）');
    await h.http
      .post(`/guarantee-funds/${county}/reopening`)
      .set(as('guarantee'))
      .send({ reason: '审计完成' })
      .expect(200);

    await issue(county, id).expect(201);
    expect((await figures(county)).liabilityYuan).toBe('50000.00');
    // The bank returns the application: the guarantee is cancelled and its liability released.
    await h.http
      .post(`/applications/${id}/decisions`)
      .set(as('bank'))
      .send({ step: 'BANK_REVIEW', decision: 'RETURN', reason: '请补充经营流水' })
      .expect(200);
    expect((await figures(county)).liabilityYuan).toBe('0.00');
    const list = await h.http.get(`/guarantee-funds/${county}/guarantees`).set(as('guarantee')).expect(200);
    expect(list.body.items.map((g: { status: string }) => g.status)).toEqual(['CANCELLED']);
  });

  it("raises the leverage to 10× when last year's loans were repaid at maturity at 90% or more", async () => {
    const good = await fund('20000.00'); // 5× → 100,000; 10× → 200,000
    const applicationId = await approvedApplication(h, '60000.00', 12, 'EQUAL_PRINCIPAL', good);
    const signed = await h.http
      .post('/loans')
      .set(as('bank'))
      .send({ applicationId, contractNumber: 'LEV-1', signingDate: '2025-01-05', annualRatePercent: '4.35' })
      .expect(201);
    const loan = (
      await h.http
        .post(`/loans/${signed.body.id}/disbursement`)
        .set(as('bank'))
        .send({ valueDate: '2025-01-10', amountYuan: '60000.00', reference: 'D-LEV-1' })
        .expect(200)
    ).body as { id: string; schedule: { dueDate: string; principalYuan: string; interestYuan: string }[] };
    expect((await figures(good)).leverage).toBe('5.00');
    // Every installment of 2025 paid on its due date: 100% repaid at maturity.
    for (const row of loan.schedule.filter((r) => r.dueDate < '2026-01-01')) {
      const amount = (Math.round(Number(row.principalYuan) * 100) + Math.round(Number(row.interestYuan) * 100)) / 100;
      await h.http
        .post(`/loans/${loan.id}/repayments`)
        .set(as('bank'))
        .send({
          amountYuan: amount.toFixed(2),
          valueDate: row.dueDate,
          channel: 'TRANSFER',
          externalReference: `LEV-${row.dueDate}`,
        })
        .expect(200);
    }
    // The year's assessment was taken at the first read and is kept; re-taking it sees the repayments entered since.
    expect((await figures(good)).leverage).toBe('5.00');
    const reassessed = await h.http
      .post(`/guarantee-funds/${good}/leverage-assessment`)
      .set(as('guarantee'))
      .expect(200);
    expect(reassessed.body).toMatchObject({
      leverage: '10.00',
      raised: true,
      assessedYear: 2025,
      repaymentRatePercent: '100.00',
    });
    const raised = (await h.http.get(`/guarantee-funds/${good}`).set(as('guarantee')).expect(200)).body.figures;
    expect(raised).toMatchObject({
      leverage: '10.00',
      leverageRaised: true,
      lastYearRepaymentRatePercent: '100.00',
      capacityYuan: '200000.00',
      liabilityYuan: '5000.00', // one installment (2026-01-10) of principal still outstanding
    });
    // Without a raised multiple the fund keeps its baseline whatever the rate.
    await h.http.put(`/guarantee-funds/${good}/rules`).set(as('guarantee')).send({ raisedLeverage: null }).expect(200);
    expect((await figures(good)).leverage).toBe('5.00');
  });

  describe('a scripted year: contributions, guarantees, repayments, a compensation, a recovery, reversals', () => {
    let year: string;
    let loanA: string; // current: pays its first installment
    let loanB: string; // defaults: compensated, then partly recovered
    let loanC: string; // paid off early
    let claimId: string;
    let repaymentA: string;

    const sign = async (
      applicationId: string,
      contractNumber: string,
      signingDate: string,
      valueDate: string,
      amountYuan: string,
    ) => {
      const signed = await h.http
        .post('/loans')
        .set(as('bank'))
        .send({ applicationId, contractNumber, signingDate, annualRatePercent: '4.35' })
        .expect(201);
      await h.http
        .post(`/loans/${signed.body.id}/disbursement`)
        .set(as('bank'))
        .send({ valueDate, amountYuan, reference: `D-${contractNumber}` })
        .expect(200);
      return signed.body.id as string;
    };

    beforeAll(async () => {
      // Capital 1,000,000; a yearly compensation ceiling of 5% (50,000) to begin with.
      year = await fund('1000000.00', { yearlyCompensationCapPercent: '5', fundSharePercent: '80' });
      await h.http
        .post(`/guarantee-funds/${year}/entries`)
        .set(as('guarantee'))
        .send({ kind: 'INTEREST_INCOME', amountYuan: '3250.00', valueDate: '2026-06-21', documentReference: '结息单' })
        .expect(201);
      loanA = await sign(
        await approvedApplication(h, '120000.00', 12, 'EQUAL_PRINCIPAL', year),
        'YR-A',
        '2026-10-10',
        '2026-10-15',
        '120000.00',
      );
      loanB = await sign(
        await approvedApplication(h, '80000.00', 12, 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY', year),
        'YR-B',
        '2026-01-05',
        '2026-01-10',
        '80000.00',
      );
      loanC = await sign(
        await approvedApplication(h, '50000.00', 12, 'EQUAL_PRINCIPAL', year),
        'YR-C',
        '2026-03-01',
        '2026-03-01',
        '50000.00',
      );
    });

    it('reserves each guarantee and releases liability as principal is repaid, and again on a reversal', async () => {
      expect(await figures(year)).toMatchObject({ liabilityYuan: '250000.00', guaranteesIssuedYuan: '250000.00' });
      // Loan A: 120,000 equal principal → 10,000 principal + 435.00 interest (Oct 15 → Nov 15).
      const paid = await h.http
        .post(`/loans/${loanA}/repayments`)
        .set(as('bank'))
        .send({ amountYuan: '10435.00', valueDate: '2026-11-15', channel: 'TRANSFER', externalReference: 'YR-A-1' })
        .expect(200);
      repaymentA = paid.body.id;
      expect((await figures(year)).liabilityYuan).toBe('240000.00');
      await h.http
        .post(`/loans/repayments/${repaymentA}/reversal`)
        .set(as('bank'))
        .send({ reason: '银行退票' })
        .expect(200);
      expect((await figures(year)).liabilityYuan).toBe('250000.00');
      await h.http
        .post(`/loans/${loanA}/repayments`)
        .set(as('bank'))
        // A day late: one day of penalty on 10,000.00 first (10,000 × 4.35% × 1.5 / 360 = 1.81), then the rest.
        .send({ amountYuan: '10436.81', valueDate: '2026-11-16', channel: 'TRANSFER', externalReference: 'YR-A-2' })
        .expect(200);
      expect((await figures(year)).liabilityYuan).toBe('240000.00');
    });

    it('releases the rest when a loan is paid off', async () => {
      const quote = await h.http.get(`/loans/${loanC}/payoff-quote?date=${TODAY}`).set(as('bank')).expect(200);
      // Loan C has paid nothing since March; the payoff clears principal, interest and penalty at once.
      await h.http
        .post(`/loans/${loanC}/payoff`)
        .set(as('bank'))
        .send({
          amountYuan: quote.body.totalYuan,
          valueDate: TODAY,
          channel: 'TRANSFER',
          externalReference: 'YR-C-PAYOFF',
        })
        .expect(200);
      expect((await figures(year)).liabilityYuan).toBe('190000.00');
      const list = await h.http.get(`/guarantees?loanId=${loanC}`).set(as('guarantee')).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ status: 'RELEASED', endedOn: TODAY })]);
    });

    it('refuses a claim before the trigger, beyond the yearly ceiling, and twice for one loan', async () => {
      // The nightly close of today marks what is overdue (loan A paid its installment; loan B nothing).
      await h.app.get(DailyCloseService).run(LocalDate.parse(TODAY));
      const early = await h.http.post('/compensation-claims').set(as('bank')).send({ loanId: loanA }).expect(422);
      expect(early.body).toMatchObject({ code: 'BEFORE_TRIGGER', details: { triggerDays: 90 } });
      // Loan B has paid nothing since 2026-01-10: its 2026-03-20 interest is 256 days late.
      const ceiling = await h.http.post('/compensation-claims').set(as('bank')).send({ loanId: loanB }).expect(422);
      expect(ceiling.body).toMatchObject({
        code: 'YEARLY_CEILING',
        details: { ceilingYuan: '50000.00', paidYuan: '0.00' },
      });
      await h.http
        .put(`/guarantee-funds/${year}/rules`)
        .set(as('guarantee'))
        .send({ yearlyCompensationCapPercent: '20' })
        .expect(200);
      const filed = await h.http
        .post('/compensation-claims')
        .set(as('bank'))
        .send({ loanId: loanB, note: '逾期超过90天' })
        .expect(201);
      claimId = filed.body.id;
      // 80,000 principal + the interest due on 03-20, 06-20 and 09-20; the fund pays 80% of that.
      expect(filed.body).toMatchObject({
        status: 'FILED',
        daysPastDue: expect.any(Number),
        principalOutstandingYuan: '80000.00',
        compensationBasis: 'PRINCIPAL_AND_INTEREST',
        fundSharePercent: '80.00',
      });
      expect(filed.body.daysPastDue).toBeGreaterThan(90);
      const interest = filed.body.interestOverdueYuan as string;
      const covered = (Math.round(Number(interest) * 100) + 8_000_000) / 100;
      expect(filed.body.coveredYuan).toBe(covered.toFixed(2));
      expect(filed.body.fundPaysYuan).toBe((Math.round(covered * 80) / 100).toFixed(2));
      const twice = await h.http.post('/compensation-claims').set(as('bank')).send({ loanId: loanB }).expect(409);
      expect(twice.body).toMatchObject({ code: 'CLAIM_EXISTS', details: { number: filed.body.number } });
    });

    it('bank officers see only claims of their bank', async () => {
      const mine = await h.http.get('/compensation-claims').set(as('bank')).expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(claimId);
      const other = await h.http.get('/compensation-claims').set(as('bank2')).expect(200);
      expect(other.body.items).toEqual([]);
      await h.http.get(`/compensation-claims/${claimId}`).set(as('bank2')).expect(404);
      await h.http
        .post(`/compensation-claims/${claimId}/recoveries`)
        .set(as('bank2'))
        .send({ amountYuan: '1.00', valueDate: TODAY, reference: 'X' })
        .expect(404);
      await h.http.post('/compensation-claims').set(as('bank2')).send({ loanId: loanA }).expect(404);
      await h.http.post(`/compensation-claims/${claimId}/review`).set(as('bank')).send({}).expect(403);
      await h.http.get(`/guarantee-funds/${year}`).set(as('bank')).expect(404);
    });

    it('pays with maker-checker: the reviewer cannot also approve; the loan becomes COMPENSATED', async () => {
      await h.http
        .post(`/compensation-claims/${claimId}/approval`)
        .set(as('guarantee'))
        .send({ paymentReference: 'P-1' })
        .expect(409);
      await h.http
        .post(`/compensation-claims/${claimId}/review`)
        .set(as('guarantee'))
        .send({ note: '材料齐全' })
        .expect(200);
      const same = await h.http
        .post(`/compensation-claims/${claimId}/approval`)
        .set(as('guarantee'))
        .send({ paymentReference: 'DBZX-ZF-2026-031' })
        .expect(403);
      expect(same.body.code).toBe('SAME_PERSON');
      const paid = await h.http
        .post(`/compensation-claims/${claimId}/approval`)
        .set(as('guarantee.b'))
        .send({ paymentReference: 'DBZX-ZF-2026-031' })
        .expect(200);
      expect(paid.body).toMatchObject({ status: 'PAID', paidOn: TODAY });
      const loan = await h.http.get(`/loans/${loanB}`).set(as('bank')).expect(200);
      expect(loan.body.status).toBe('COMPENSATED');
      const f = await figures(year);
      expect(f).toMatchObject({
        liabilityYuan: '110000.00', // loan A's 110,000 outstanding; B released by the compensation, C repaid
        compensationPaidYuan: paid.body.fundPaysYuan,
      });
      const guarantees = await h.http.get(`/guarantees?loanId=${loanB}`).set(as('bank')).expect(200);
      expect(guarantees.body.items[0].status).toBe('COMPENSATED');
      const late = await h.http
        .post(`/loans/${loanB}/repayments`)
        .set(as('bank'))
        .send({ amountYuan: '100.00', valueDate: TODAY, channel: 'TRANSFER', externalReference: 'YR-B-LATE' })
        .expect(409);
      expect(late.body.code).toBe('LOAN_NOT_REPAYABLE');
    });

    it('books recoveries in the same shares, once per reference, never beyond what was compensated', async () => {
      const first = await h.http
        .post(`/compensation-claims/${claimId}/recoveries`)
        .set(as('bank'))
        .send({ amountYuan: '10000.00', valueDate: TODAY, reference: 'ZC-001' })
        .expect(200);
      expect(first.body).toMatchObject({
        duplicate: false,
        recoveredYuan: '10000.00',
        entry: { amountYuan: '8000.00' },
      });
      const again = await h.http
        .post(`/compensation-claims/${claimId}/recoveries`)
        .set(as('bank'))
        .send({ amountYuan: '10000.00', valueDate: TODAY, reference: 'ZC-001' })
        .expect(200);
      expect(again.body).toMatchObject({ duplicate: true, entry: { id: first.body.entry.id } });
      const tooMuch = await h.http
        .post(`/compensation-claims/${claimId}/recoveries`)
        .set(as('guarantee'))
        .send({ amountYuan: '900000.00', valueDate: TODAY, reference: 'ZC-002' })
        .expect(422);
      expect(tooMuch.body.code).toBe('RECOVERY_TOO_LARGE');
      // Dated from the compensation payment (today) to today.
      for (const valueDate of ['0001-01-01', '2026-11-30', '2026-12-02']) {
        const refused = await h.http
          .post(`/compensation-claims/${claimId}/recoveries`)
          .set(as('bank'))
          .send({ amountYuan: '100.00', valueDate, reference: `ZC-DATE-${valueDate}` })
          .expect(422);
        expect(refused.body).toMatchObject({
          code: 'DATE_OUT_OF_RANGE',
          details: { field: 'valueDate', value: valueDate, min: TODAY, max: TODAY },
        });
      }
      const claim = await h.http.get(`/compensation-claims/${claimId}`).set(as('auditor')).expect(200);
      expect(claim.body).toMatchObject({ recoveredYuan: '10000.00', recoveredToFundYuan: '8000.00' });
    });

    it('corrects by reversing entries only, and the ledger balances to the fen', async () => {
      const page = await h.http.get(`/guarantee-funds/${year}/entries?limit=200`).set(as('guarantee')).expect(200);
      const interest = page.body.items.find((e: { kind: string }) => e.kind === 'INTEREST_INCOME');
      await h.http
        .post(`/guarantee-funds/${year}/entries/${interest.id}/reversal`)
        .set(as('guarantee'))
        .send({ reason: '结息单重复录入' })
        .expect(201);
      const twice = await h.http
        .post(`/guarantee-funds/${year}/entries/${interest.id}/reversal`)
        .set(as('guarantee'))
        .send({ reason: 'again' })
        .expect(409);
      expect(twice.body.code).toBe('ALREADY_REVERSED');
      const reserve = page.body.items.find((e: { kind: string }) => e.kind === 'RESERVE');
      const notByHand = await h.http
        .post(`/guarantee-funds/${year}/entries/${reserve.id}/reversal`)
        .set(as('guarantee'))
        .send({ reason: 'x' })
        .expect(409);
      expect(notByHand.body.code).toBe('NOT_REVERSIBLE');

      const f = await figures(year);
      const claim = (await h.http.get(`/compensation-claims/${claimId}`).set(as('guarantee')).expect(200)).body;
      const fen = (y: string) => BigInt(Math.round(Number(y) * 100));
      // deposit = contribution + interest − interest (reversed) − compensation + recovery share
      expect(fen(f.depositYuan)).toBe(100_000_000n + 325_000n - 325_000n - fen(claim.fundPaysYuan) + 800_000n);
      // liability = what loan A still owes; B and C hold nothing
      const a = (await h.http.get(`/loans/${loanA}`).set(as('bank')).expect(200)).body;
      expect(f.liabilityYuan).toBe(a.summary.principalOutstandingYuan);
      expect(f).toMatchObject({ recoveriesYuan: '8000.00' });
      expect(f.recoveryRatePercent).not.toBeNull();

      // The statement of the year: opening + every entry = closing, and the same as the figures.
      const st = (
        await h.http
          .get(`/guarantee-funds/${year}/statement?from=2026-01-01&to=${TODAY}`)
          .set(as('auditor'))
          .expect(200)
      ).body;
      expect(st.opening).toEqual({ depositYuan: '0.00', liabilityYuan: '0.00' });
      const sum = (account: string) =>
        st.entries
          .filter((e: { account: string }) => e.account === account)
          .reduce((s: bigint, e: { amountYuan: string }) => s + fen(e.amountYuan), 0n);
      expect(sum('DEPOSIT')).toBe(fen(st.closing.depositYuan));
      expect(sum('LIABILITY')).toBe(fen(st.closing.liabilityYuan));
      expect(st.closing).toEqual({ depositYuan: f.depositYuan, liabilityYuan: f.liabilityYuan });
      expect(st.movements).toMatchObject({
        CONTRIBUTION: '1000000.00',
        INTEREST_INCOME: '0.00',
        RECOVERY_RECEIVED: '8000.00',
      });
      // Every entry names who booked it and what caused it.
      for (const e of st.entries as {
        kind: string;
        bookedBy: string;
        guaranteeId: string | null;
        documentReference: string | null;
      }[]) {
        expect(e.bookedBy).toBeTruthy();
        if (['RESERVE', 'RELEASE_REPAYMENT', 'RELEASE_END', 'COMPENSATION_PAID', 'RECOVERY_RECEIVED'].includes(e.kind))
          expect(e.guaranteeId).toBeTruthy();
      }
    });

    it('exports the statement as XLSX with the same closing balances', async () => {
      const res = await h.http
        .get(`/guarantee-funds/${year}/statement?from=2026-01-01&to=${TODAY}&format=xlsx`)
        .set(as('guarantee'))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
      const ws = wb.worksheets[0];
      const last = ws.getRow(ws.rowCount);
      expect(last.getCell(4).value).toBe('Closing 期末');
      const f = await figures(year);
      expect(Number(last.getCell(6).value).toFixed(2)).toBe(f.depositYuan);
      expect(Number(last.getCell(7).value).toFixed(2)).toBe(f.liabilityYuan);
    });

    it('audits every operation and keeps the ledger append-only', async () => {
      const ds = h.app.get(DataSource);
      const [counts] = (await ds.query(
        `SELECT (SELECT count(*)::int FROM guarantee_fund_entries WHERE fund_id = $1) AS entries,
                (SELECT count(*)::int FROM audit_log WHERE entity_type = 'guarantee_fund' AND entity_id = $1::text
                    AND action LIKE 'guarantee_fund.entry_%') AS entry_audits`,
        [year],
      )) as { entries: number; entry_audits: number }[];
      expect(counts.entries).toBeGreaterThan(8);
      expect(counts.entry_audits).toBe(counts.entries);
      const actions = (
        (await ds.query(
          `SELECT DISTINCT action FROM audit_log WHERE action LIKE 'guarantee%' OR action LIKE 'compensation%'`,
        )) as {
          action: string;
        }[]
      ).map((r) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'guarantee_fund.created',
          'guarantee_fund.rules_changed',
          'guarantee_fund.suspended',
          'guarantee_fund.reopened',
          'guarantee.issued',
          'guarantee.cancelled',
          'guarantee.released',
          'guarantee.compensated',
          'compensation_claim.filed',
          'compensation_claim.reviewed',
          'compensation_claim.paid',
          'guarantee_fund.entry_recovery_received',
          'guarantee_fund.entry_reversal',
        ]),
      );
      await expect(
        ds.query(`UPDATE guarantee_fund_entries SET amount_fen = 1 WHERE fund_id = $1`, [year]),
      ).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM guarantee_fund_entries WHERE fund_id = $1`, [year])).rejects.toThrow(
        /append-only/,
      );
    });
  });
});
