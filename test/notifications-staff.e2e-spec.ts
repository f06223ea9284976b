import { DataSource } from 'typeorm';
import { Role, UserService } from '@mla/auth';
import { LocalDate, maskPersonName } from '@mla/core';
import { DailyCloseService } from '@mla/loans';
import {
  EnvelopeCipher,
  MessageKind,
  NotificationsModule,
  RecipientKind,
  StaffNoticesService,
  renderTemplate,
} from '@mla/notifications';
import { NotificationJob, compensationAlertOpenedJobId } from '@mla/queue';
import {
  ResponsibleParty,
  StatisticsWarning,
  TargetKind,
  WarningLevel,
  WarningStatus,
  WarningTrend,
} from '@mla/statistics';
import { given, useCasesOf } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * Notices to the staff who must act, through the message rows, once per (subject, user), never to a user without a
 * work mobile: the fund's guarantee operators when the nightly close opens a compensation alert (queued by the close
 * in its transaction), and the users of the responsible party when a statistics warning is raised.
 */
describe('compensation-alert and warning notices to staff', () => {
  let h: ServiceHarness;
  let ds: DataSource;
  let staff: StaffNoticesService;

  const messagesOf = async (kind: MessageKind) =>
    (await ds.query(
      `SELECT recipient_user_id AS "userId", recipient_kind AS "recipientKind", phone_masked AS "phoneMasked",
              amount_fen::text AS "amountFen", envelope_ciphertext AS "envelope", dedupe_key AS "key"
         FROM notification_messages WHERE kind = $1 ORDER BY recipient_user_id`,
      [kind],
    )) as {
      userId: string;
      recipientKind: string;
      phoneMasked: string;
      amountFen: string | null;
      envelope: string;
      key: string;
    }[];

  beforeAll(async () => {
    h = await startServices({ imports: [NotificationsModule], today: '2026-01-02' });
    ds = h.get(DataSource);
    staff = h.get(StaffNoticesService);
    const admin = await h.actor('admin');
    const users = h.get(UserService);
    await users.update(admin, h.demo.users.guarantee.id, { phone: '13912340001' });
    await users.update(admin, h.demo.users.bank.id, { phone: '13912340002' });
    await users.update(admin, h.demo.users.officer.id, { phone: '13912340003' });
    // A second operator of the agency, without a work mobile: not told.
    await users.create(admin, {
      username: 'guarantee-nophone',
      displayName: '无手机经办人',
      password: 'Nophone-Pass-2026!',
      organisationId: h.demo.organisations.guarantee.id,
      roles: [Role.GUARANTEE_OPERATOR],
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('the close that opens a compensation alert queues its notice; the operator with a phone is told once', async () => {
    const g = given(h, useCasesOf(h));
    const fund = await g.fund({ contributionYuan: '1000000.00' });
    const applicationId = await g.approvedApplication({
      amountYuan: '120000.00',
      termMonths: 12,
      repaymentMethod: 'EQUAL_PRINCIPAL',
      fundId: fund.id,
    });
    h.travelTo('2026-01-10');
    const { loan } = await g.activeLoan({ applicationId, signingDate: '2026-01-05', valueDate: '2026-01-10' });
    // Due 2026-02-10 and unpaid: 91 days past due on 2026-05-12, past the fund's trigger (90).
    h.travelTo('2026-05-12');
    await h.get(DailyCloseService).run(LocalDate.parse('2026-05-12'));
    const [alert] = (await ds.query(`SELECT id FROM compensation_alerts WHERE loan_id = $1`, [loan.id])) as {
      id: string;
    }[];
    const outbox = (await ds.query(`SELECT payload, job_id AS "jobId" FROM outbox_messages WHERE job_name = $1`, [
      NotificationJob.COMPENSATION_ALERT_OPENED,
    ])) as unknown[];
    expect(outbox).toEqual([{ payload: { alertId: alert.id }, jobId: compensationAlertOpenedJobId(alert.id) }]);

    expect(await staff.compensationAlertOpened(alert.id)).toEqual({ written: 1 });
    // The job run again (a retry, a redelivery) writes nothing more.
    expect(await staff.compensationAlertOpened(alert.id)).toEqual({ written: 0 });
    const rows = await messagesOf(MessageKind.COMPENSATION_ALERT);
    expect(rows.map((r) => [r.userId, r.recipientKind, r.phoneMasked, r.key])).toEqual([
      [
        h.demo.users.guarantee.id,
        RecipientKind.GUARANTEE_OPERATOR,
        '139****0001',
        `COMPENSATION_ALERT/${alert.id}/${h.demo.users.guarantee.id}`,
      ],
    ]);
    const [owed] = (await ds.query(
      `SELECT sum(principal_due_fen + interest_due_fen + penalty_accrued_fen
                  - principal_paid_fen - interest_paid_fen - penalty_paid_fen)::text AS fen
         FROM installments WHERE loan_id = $1 AND due_date <= '2026-05-12'`,
      [loan.id],
    )) as { fen: string }[];
    // Four installments of 10,000.00 principal each, with their interest and penalty.
    expect(BigInt(owed.fen)).toBeGreaterThan(4_000_000n);
    expect(rows[0].amountFen).toBe(owed.fen);
    const yuan = (Number(owed.fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const { phone, values } = h.get(EnvelopeCipher).open(rows[0].envelope);
    expect(phone).toBe('13912340001');
    expect(values).toEqual({
      contractNumber: loan.contractNumber,
      name: maskPersonName('张红'),
      days: '91',
      amountOverdue: `${yuan}元`,
      fundName: fund.name,
    });
    // An alert that does not exist writes nothing.
    expect(await staff.compensationAlertOpened('00000000-0000-4000-8000-000000000000')).toEqual({ written: 0 });
  });

  it('a raised warning is told once to each user of the responsible party in its region who has a phone', async () => {
    const warning = await ds.getRepository(StatisticsWarning).save({
      kind: TargetKind.PAR30,
      regionCode: '150221',
      year: 2026,
      level: WarningLevel.WARNING,
      status: WarningStatus.OPEN,
      measured: '0.062',
      target: '0.05',
      trend: WarningTrend.WORSENING,
      projectedYearEnd: null,
      responsible: ResponsibleParty.BANK,
      raisedOn: '2026-05-12',
      lastSeenOn: '2026-05-12',
      raisedAt: new Date(),
      clearedOn: null,
      clearedAt: null,
    });
    expect(await staff.warningRaised(warning.id)).toEqual({ written: 1 });
    expect(await staff.warningRaised(warning.id)).toEqual({ written: 0 });
    // The bank officer with a phone; not bank2 (no phone), not the loan officer (another party).
    const rows = await messagesOf(MessageKind.STATISTICS_WARNING);
    expect(rows.map((r) => [r.userId, r.recipientKind, r.key])).toEqual([
      [
        h.demo.users.bank.id,
        RecipientKind.WARNING_RESPONSIBLE,
        `STATISTICS_WARNING/${warning.id}/${h.demo.users.bank.id}`,
      ],
    ]);
    const [region] = (await ds.query(`SELECT name FROM regions WHERE code = '150221'`)) as { name: string }[];
    expect(h.get(EnvelopeCipher).open(rows[0].envelope).values).toEqual({
      regionName: region.name,
      indicator: 'PAR30上限',
      measured: '6.2%',
      target: '5%',
      level: '预警',
    });
    // The template renders it in Chinese.
    const [template] = (await ds.query(
      `SELECT body FROM notification_templates WHERE kind = 'STATISTICS_WARNING' ORDER BY version DESC LIMIT 1`,
    )) as { body: string }[];
    expect(renderTemplate(template.body, h.get(EnvelopeCipher).open(rows[0].envelope).values)).toBe(
      `统计预警：${region.name}PAR30上限当前为6.2%，目标为5%，预警级别：预警。请及时采取措施。`,
    );
    // A cleared warning is not told.
    await ds.query(`UPDATE statistics_warnings SET status = 'CLEARED', cleared_on = '2026-05-13', cleared_at = now()`);
    await ds.query(`DELETE FROM notification_messages WHERE kind = 'STATISTICS_WARNING'`);
    expect(await staff.warningRaised(warning.id)).toEqual({ written: 0 });
  });
});
