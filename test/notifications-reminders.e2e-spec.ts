import { DataSource } from 'typeorm';
import {
  ConsentKind,
  MessageDispatcher,
  MessageSender,
  NotificationChannel,
  NotificationConsentsService,
  NotificationRulesService,
  NotificationsModule,
  RecipientKind,
  ReminderSelectionService,
} from '@mla/notifications';
import { given } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';
import { SmsSink } from './support/sms-sink';

const KEY_ID = 'reminder-key';
const SECRET = 'reminder-secret-0123456789abcdef';

/** The ten business days of the run (Monday 2 to Friday 13 February 2026; no holiday falls in them). */
const DAYS = [
  '2026-02-02',
  '2026-02-03',
  '2026-02-04',
  '2026-02-05',
  '2026-02-06',
  '2026-02-09',
  '2026-02-10',
  '2026-02-11',
  '2026-02-12',
  '2026-02-13',
];

/**
 * Ten business days over a small portfolio with a frozen clock: each morning the selection runs and its messages are
 * sent to a local gateway. Rules: 3 and 1 days before, 1 and 7 days after, quiet hours 21:00–08:00. Loans are signed
 * a month before their first due date: A due Thu 02-05, B due Mon 02-09 (its day-before falls on Sunday: caught up on
 * Monday), C due Wed 02-11 (its borrower opted out), D due Fri 02-13. Weekends have no morning run.
 */
describe('ten business days of repayment reminders', () => {
  let sink: SmsSink;
  let h: ServiceHarness;
  let ds: DataSource;
  const loanOf = new Map<string, string>();
  const seen = new Set<string>();

  const morning = async () => {
    const selected = await h.get(ReminderSelectionService).selectFor();
    const rounds: { id: string; dispatch: number }[] = [];
    await h.get(MessageDispatcher).dispatchDue((rows) => Promise.resolve(void rounds.push(...rows)));
    for (const r of rounds) await h.get(MessageSender).send(r.id, r.dispatch, false);
    return selected;
  };

  /** What reached the gateway since the last look: "<loan> <kind> <offset> <Shanghai time>". */
  const newlyDelivered = async (): Promise<string[]> => {
    const fresh = [...sink.delivered.values()].filter((r) => !seen.has(r.outId));
    fresh.forEach((r) => seen.add(r.outId));
    if (fresh.length === 0) return [];
    const rows = (await ds.query(
      `SELECT id, loan_id AS "loanId", kind, offset_days AS "offset" FROM notification_messages WHERE id = ANY($1)`,
      [fresh.map((r) => r.outId)],
    )) as { id: string; loanId: string; kind: string; offset: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Only reminders (the approvals of the loans' applications were notices of their own, sent the first morning).
    return fresh
      .filter((r) => byId.get(r.outId)!.loanId)
      .map((r) => {
        const m = byId.get(r.outId)!;
        const time = new Date(Date.parse(r.at) + 8 * 3600_000).toISOString().slice(11, 16);
        return `${loanOf.get(m.loanId)} ${m.kind} ${m.offset} ${time}`;
      })
      .sort();
  };

  beforeAll(async () => {
    sink = new SmsSink(KEY_ID, SECRET, () => h.clock.now());
    const url = await sink.start();
    h = await startServices({
      today: '2026-01-05',
      imports: [NotificationsModule],
      env: {
        NOTIFY_CHANNEL: 'sms',
        NOTIFY_SMS_URL: url,
        NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
        NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
        NOTIFY_CATCH_UP_DAYS: '3',
      },
    });
    ds = h.get(DataSource);
    const make = async (name: string, signingDate: string) => {
      h.travelTo(signingDate);
      const { loan } = await given(h).activeLoan({ repaymentMethod: 'EQUAL_INSTALLMENT', termMonths: 12 });
      loanOf.set(loan.id, name);
      return loan;
    };
    await make('A', '2026-01-05');
    await make('B', '2026-01-09');
    const c = await make('C', '2026-01-11');
    await make('D', '2026-01-13');
    const officer = await h.actor('officer');
    await h.get(NotificationConsentsService).record(officer, c.applicantId, {
      channel: NotificationChannel.SMS,
      kind: ConsentKind.OPT_OUT,
      reason: '本人要求不再接收短信',
    });
    h.travelTo('2026-01-20');
    await h.get(NotificationRulesService).create(await h.actor('fedadmin'), {
      regionCode: '150221',
      effectiveFrom: '2026-01-20',
      daysBefore: [3, 1],
      daysAfter: [1, 7],
      recipients: [RecipientKind.BORROWER],
      quietStart: '21:00',
      quietEnd: '08:00',
      dailyCapPerPhone: 10,
    });
  });

  afterAll(async () => {
    await h?.close();
    await sink?.stop();
  });

  it('each installment falls due in the window, a month after its loan was signed', async () => {
    const rows = (await ds.query(
      `SELECT l.id, min(i.due_date)::text AS first FROM loans l JOIN installments i ON i.loan_id = l.id GROUP BY l.id`,
    )) as { id: string; first: string }[];
    expect(Object.fromEntries(rows.map((r) => [loanOf.get(r.id), r.first]))).toEqual({
      A: '2026-02-05',
      B: '2026-02-09',
      C: '2026-02-11',
      D: '2026-02-13',
    });
  });

  it('sends exactly the expected reminders on the expected days, none in quiet hours, none opted out, none twice', async () => {
    const expected: Record<string, string[]> = {
      '2026-02-02': ['A DUE_SOON -3 10:00'],
      '2026-02-03': [],
      // The morning runs at 07:00, inside the quiet hours: nothing goes before 08:00.
      '2026-02-04': ['A DUE_SOON -1 08:00'],
      '2026-02-05': [],
      '2026-02-06': ['A OVERDUE 1 10:00', 'B DUE_SOON -3 10:00'],
      // B's day-before fell on Sunday: caught up on Monday. C's 3-days-before (Sunday) is written but opted out.
      '2026-02-09': ['B DUE_SOON -1 10:00'],
      '2026-02-10': ['B OVERDUE 1 10:00', 'D DUE_SOON -3 10:00'],
      '2026-02-11': [],
      '2026-02-12': ['A OVERDUE 7 10:00', 'D DUE_SOON -1 10:00'],
      '2026-02-13': [],
    };
    const actual: Record<string, string[]> = {};
    for (const day of DAYS) {
      if (day === '2026-02-04') {
        h.clock.set(`${day}T07:00:00+08:00`);
        await morning();
        expect(await newlyDelivered()).toEqual([]);
        h.clock.set(`${day}T08:00:00+08:00`);
        await morning();
      } else {
        h.travelTo(day);
        await morning();
      }
      actual[day] = await newlyDelivered();
      // The same morning run again writes and sends nothing more.
      expect((await morning()).written).toBe(0);
      expect(await newlyDelivered()).toEqual([]);
    }
    expect(actual).toEqual(expected);
    expect(sink.duplicates).toBe(0);
    expect(sink.requests.every((r) => r.signed)).toBe(true);
    const skipped = (await ds.query(
      `SELECT loan_id AS "loanId", offset_days AS "offset" FROM notification_messages
        WHERE status = 'SKIPPED_OPTED_OUT' AND installment_id IS NOT NULL ORDER BY offset_days`,
    )) as { loanId: string; offset: number }[];
    expect(skipped.map((r) => `${loanOf.get(r.loanId)} ${r.offset}`)).toEqual(['C -3', 'C -1', 'C 1']);
  });
});
