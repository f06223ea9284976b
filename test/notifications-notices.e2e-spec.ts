import { DataSource } from 'typeorm';
import { LocalDate } from '@mla/core';
import { UserService } from '@mla/auth';
import {
  EnvelopeCipher,
  MessageKind,
  NoticesService,
  NotificationRulesService,
  OfficerDigestService,
  NotificationsModule,
  RecipientKind,
  ReminderSelectionService,
} from '@mla/notifications';
import {
  ClaimBatchStatus,
  ClaimLineEligibility,
  ClaimLineStatus,
  SubsidyClaimBatch,
  SubsidyClaimLine,
  SubsidyPayout,
} from '@mla/subsidies';
import { given } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * Notices that are not reminders go through the same message rows, exactly once: the subsidy paid on a claim line
 * (name, amount in yuan, date, payout reference), and the approval of an application (written in the approving
 * transaction).
 */
describe('subsidy-paid and application-approved notices', () => {
  let h: ServiceHarness;
  let ds: DataSource;

  const messagesOf = async (kind: MessageKind) =>
    (await ds.query(
      `SELECT id, applicant_id AS "applicantId", claim_line_id AS "claimLineId", amount_fen::text AS "amountFen",
              envelope_ciphertext AS "envelope", status
         FROM notification_messages WHERE kind = $1`,
      [kind],
    )) as { id: string; applicantId: string; claimLineId: string | null; amountFen: string; envelope: string }[];

  beforeAll(async () => {
    h = await startServices({ imports: [NotificationsModule] });
    ds = h.get(DataSource);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the approval of an application writes one notice to its borrower', async () => {
    const applicationId = await given(h).approvedApplication();
    const [approved] = (await ds.query(`SELECT applicant_id AS "applicantId" FROM loan_applications WHERE id = $1`, [
      applicationId,
    ])) as { applicantId: string }[];
    const rows = await messagesOf(MessageKind.APPLICATION_APPROVED);
    expect(rows.map((r) => r.applicantId)).toEqual([approved.applicantId]);
    const { phone, values } = h.get(EnvelopeCipher).open(rows[0].envelope);
    expect(phone).toBe('13500135000');
    expect(values).toEqual({ name: '张红', bank: h.demo.organisations.rcc.name });
    // Written once: the notice of another step of the same application is not written again.
    expect(await h.get(NoticesService).applicationApproved(ds.manager, applicationId)).toBe(0);
  });

  it('a paid claim line writes one notice with the amount in yuan, the date and the payout reference', async () => {
    const { loan } = await given(h).activeLoan();
    const batch = await ds.getRepository(SubsidyClaimBatch).save({
      bankOrganisationId: h.demo.organisations.rcc.id,
      regionCode: '150221',
      periodStart: '2025-12-21',
      periodEnd: '2026-03-20',
      settlementDate: '2026-03-20',
      sequence: 1,
      status: ClaimBatchStatus.PAID,
      lineCount: 1,
      loansLentInPeriod: 0,
      lentInPeriodFen: 0n,
      openingBalanceFen: 0n,
      closingBalanceFen: 0n,
      requestedFen: 97_625n,
      claimDueOn: '2026-03-25',
      preparedByUserId: null,
      preparedByUsername: 'system',
    });
    const payout = await ds.getRepository(SubsidyPayout).save({
      batchId: batch.id,
      paymentReference: '土财拨〔2026〕12号',
      paymentDate: '2026-04-10',
      lineCount: 1,
      amountFen: 97_625n,
      paidByUserId: null,
      paidByUsername: 'finance',
    });
    const line = await ds.getRepository(SubsidyClaimLine).save({
      batchId: batch.id,
      loanId: loan.id,
      contractNumber: loan.contractNumber,
      applicantId: loan.applicantId,
      periodStart: '2025-12-21',
      periodEnd: '2026-03-20',
      settlementDate: '2026-03-20',
      calculation: {},
      principalFen: 8_000_000n,
      interestCollectedFen: 195_250n,
      subsidyFen: 97_625n,
      centralFen: 0n,
      provincialFen: 0n,
      cityFen: 0n,
      countyFen: 97_625n,
      eligibility: ClaimLineEligibility.FULL,
      status: ClaimLineStatus.PAID,
      payoutId: payout.id,
    });
    const notices = h.get(NoticesService);
    expect(await notices.subsidyPaid(line.id, payout.id)).toEqual({ written: 1 });
    // The job run again (a retry, a redelivery) writes nothing more.
    expect(await notices.subsidyPaid(line.id, payout.id)).toEqual({ written: 0 });
    const rows = await messagesOf(MessageKind.SUBSIDY_PAID);
    expect(rows.map((r) => [r.claimLineId, r.applicantId, r.amountFen])).toEqual([
      [line.id, loan.applicantId, '97625'],
    ]);
    expect(h.get(EnvelopeCipher).open(rows[0].envelope).values).toEqual({
      name: '张红',
      contractNumber: loan.contractNumber,
      amountPaid: '976.25元',
      paidDate: '2026年4月10日',
      paymentReference: '土财拨〔2026〕12号',
    });
    // A line that payout did not pay gets no notice.
    expect(await notices.subsidyPaid(line.id, batch.id)).toEqual({ written: 0 });
  });

  it('a rule that names the loan officer tells her on her work mobile; the borrower’s message gives that number', async () => {
    const admin = await h.actor('admin');
    const officerId = h.demo.users.officer.id;
    const updated = await h.get(UserService).update(admin, officerId, { phone: '13912345678' });
    expect(updated.phoneMasked).toBe('139****5678');
    const [stored] = (await ds.query(`SELECT phone_ciphertext AS c FROM users WHERE id = $1`, [officerId])) as {
      c: string;
    }[];
    expect(stored.c).not.toContain('13912345678');
    await expect(h.get(UserService).update(admin, officerId, { phone: '12345' })).rejects.toMatchObject({
      code: 'INVALID_MOBILE',
    });

    const { loan } = await given(h).activeLoan();
    const [{ first }] = (await ds.query(`SELECT min(due_date)::text AS first FROM installments WHERE loan_id = $1`, [
      loan.id,
    ])) as { first: string }[];
    await h.get(NotificationRulesService).create(await h.actor('fedadmin'), {
      regionCode: '150221',
      effectiveFrom: h.clock.today().toString(),
      daysBefore: [3],
      daysAfter: [1],
      // The bank's officer has no work mobile in the demo: no message to her is written.
      recipients: [RecipientKind.BORROWER, RecipientKind.LOAN_OFFICER, RecipientKind.BANK_OFFICER],
      dailyCapPerPhone: 5,
    });
    h.travelTo(LocalDate.parse(first).plusDays(-3).toString());
    await h.get(ReminderSelectionService).selectFor();
    const rows = (await ds.query(
      `SELECT kind, recipient_kind AS "recipient", recipient_user_id AS "userId", phone_masked AS "masked",
              envelope_ciphertext AS "envelope"
         FROM notification_messages WHERE loan_id = $1 ORDER BY recipient_kind`,
      [loan.id],
    )) as { kind: string; recipient: string; userId: string | null; masked: string; envelope: string }[];
    expect(rows.map((r) => [r.kind, r.recipient, r.userId, r.masked])).toEqual([
      [MessageKind.DUE_SOON, RecipientKind.BORROWER, null, '135****5000'],
      [MessageKind.OFFICER_DUE_SOON, RecipientKind.LOAN_OFFICER, officerId, '139****5678'],
    ]);
    const cipher = h.get(EnvelopeCipher);
    const borrower = cipher.open(rows[0].envelope);
    expect([borrower.phone, borrower.values.name, borrower.values.officerPhone]).toEqual([
      '13500135000',
      '张红',
      '13912345678',
    ]);
    const officer = cipher.open(rows[1].envelope);
    expect([officer.phone, officer.values.name, officer.values.contractNumber]).toEqual([
      '13912345678',
      '张*',
      loan.contractNumber,
    ]);
  });

  it('each loan officer with a mobile gets one digest a day of the late loans of her region', async () => {
    const officerId = h.demo.users.officer.id;
    const [{ first, owed }] = (await ds.query(
      `SELECT min(due_date)::text AS first,
              sum(principal_due_fen + interest_due_fen) FILTER (WHERE due_date = (SELECT min(due_date) FROM installments))::text AS owed
         FROM installments`,
    )) as { first: string; owed: string }[];
    const digests = h.get(OfficerDigestService);
    h.travelTo(first);
    // On the due date nothing is late yet.
    expect(await digests.writeFor()).toEqual({ digests: 0 });
    h.travelTo(LocalDate.parse(first).plusDays(10).toString());
    expect(await digests.writeFor()).toEqual({ digests: 1 });
    expect(await digests.writeFor()).toEqual({ digests: 0 });
    const rows = (await ds.query(
      `SELECT recipient_user_id AS "userId", amount_fen::text AS "amount", envelope_ciphertext AS "envelope"
         FROM notification_messages WHERE kind = $1`,
      [MessageKind.OFFICER_DIGEST],
    )) as { userId: string; amount: string; envelope: string }[];
    expect(rows.map((r) => [r.userId, r.amount])).toEqual([[officerId, owed]]);
    const { phone, values } = h.get(EnvelopeCipher).open(rows[0].envelope);
    expect(phone).toBe('13912345678');
    expect(values.lateCount).toBe('2');
    expect(values.worstLoans).toMatch(/^张\* [\d,.]+元（逾期10天）；张\* [\d,.]+元（逾期10天）$/);
  });
});
