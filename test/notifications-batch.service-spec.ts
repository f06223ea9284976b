import { DataSource } from 'typeorm';
import {
  MessageDispatcher,
  MessageSender,
  NotificationRulesService,
  NotificationsModule,
  RecipientKind,
} from '@mla/notifications';
import { startServices, type ServiceHarness } from './support/service-harness';
import { statusCounts, writePendingMessages } from './support/notification-messages';
import { SmsSink } from './support/sms-sink';

const KEY_ID = 'batch-key';
const SECRET = 'batch-secret-0123456789abcdef';

/**
 * A worker's concurrent sends are claimed and recorded in shared statements: a batch that holds several messages of
 * one phone still keeps the phone's daily cap, a message named twice in one batch is sent once, and a request of an
 * old round is stale.
 */
describe('sends claimed in batches', () => {
  let sink: SmsSink;
  let h: ServiceHarness;
  let ds: DataSource;
  let ruleId: string;

  beforeAll(async () => {
    sink = new SmsSink(KEY_ID, SECRET, () => h.clock.now());
    const url = await sink.start();
    h = await startServices({
      today: '2026-03-02',
      imports: [NotificationsModule],
      env: {
        NOTIFY_CHANNEL: 'sms',
        NOTIFY_SMS_URL: url,
        NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
        NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
        NOTIFY_SEND_BATCH: '50',
      },
    });
    ds = h.get(DataSource);
    const rule = await h.get(NotificationRulesService).create(await h.actor('fedadmin'), {
      regionCode: '150221',
      effectiveFrom: '2026-03-01',
      daysBefore: [3],
      daysAfter: [1],
      recipients: [RecipientKind.BORROWER],
      quietStart: '21:00',
      quietEnd: '08:00',
      dailyCapPerPhone: 2,
    });
    ruleId = rule.id;
  });

  afterAll(async () => {
    await h?.close();
    await sink?.stop();
  });

  const write = async (tag: string, count: number, phones: number): Promise<string[]> => {
    const ids = await writePendingMessages(ds, h.env.config.env.PII_ENCRYPTION_KEY, {
      count,
      applicantId: null,
      regionCode: '150221',
      phone: '13500135000',
      tag,
    });
    // The rule's cap applies; message i goes to phone i mod `phones`.
    await ds.query(
      `UPDATE notification_messages m SET rule_id = $2,
              phone_index = encode(sha256(($3::text || (q.n % $4))::bytea), 'hex')
         FROM unnest($1::uuid[]) WITH ORDINALITY AS q(id, n) WHERE m.id = q.id`,
      [ids, ruleId, tag, phones],
    );
    return ids;
  };

  it('keeps each phone to its daily cap when one batch holds many of its messages', async () => {
    const ids = await write('cap', 30, 3);
    const outcomes = await Promise.all(ids.map((id) => h.get(MessageSender).send(id, 0, false)));
    const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});
    expect(tally).toEqual({ sent: 6, capped: 24 });
    expect(sink.delivered.size).toBe(6);
    expect(await statusCounts(ds)).toEqual({ SENT: 6, WAITING_CAP: 24 });
    const perPhone = (await ds.query(
      `SELECT sent FROM notification_phone_days WHERE business_date = '2026-03-02' ORDER BY phone_index`,
    )) as { sent: number }[];
    expect(perPhone.map((r) => r.sent)).toEqual([2, 2, 2]);
    // The capped wait for the next morning's end of the quiet hours, in a new round.
    const waits = (await ds.query(
      `SELECT DISTINCT not_before AS "notBefore", dispatch FROM notification_messages WHERE status = 'WAITING_CAP'`,
    )) as { notBefore: Date; dispatch: number }[];
    expect(waits).toEqual([{ notBefore: new Date('2026-03-03T00:00:00Z'), dispatch: 1 }]);
  });

  it('sends a message named twice in one batch once, and finds an old round stale', async () => {
    const [id] = await write('twice', 1, 1);
    const outcomes = await Promise.all([
      h.get(MessageSender).send(id, 0, false),
      h.get(MessageSender).send(id, 0, false),
      h.get(MessageSender).send(id, 7, false),
    ]);
    expect(outcomes).toEqual(['sent', 'stale', 'stale']);
    expect(sink.requestsOf(id)).toBe(1);
    expect(await h.get(MessageSender).send(id, 0, false)).toBe('stale');
  });

  it('queues again in a new round a message whose job gave up on a fault of ours, and sends it once', async () => {
    const [stuck, recent] = await write('stuck', 2, 2);
    // Claimed (SENDING) and then left: the job's last attempt failed on the database, say, two hours ago.
    await ds.query(
      `UPDATE notification_messages SET status = 'SENDING', updated_at = now() - $2::interval WHERE id = ANY($1)`,
      [[stuck], '2 hours'],
    );
    await ds.query(`UPDATE notification_messages SET status = 'SENDING', updated_at = now() WHERE id = $1`, [recent]);
    const queued: { id: string; dispatch: number }[] = [];
    await h.get(MessageDispatcher).dispatchDue((rows) => Promise.resolve(void queued.push(...rows)));
    expect(queued.filter((r) => r.id === stuck || r.id === recent)).toEqual([{ id: stuck, dispatch: 1 }]);
    // A job of the old round, should one still run, is stale; the new round's is sent.
    expect(await h.get(MessageSender).send(stuck, 0, false)).toBe('stale');
    expect(await h.get(MessageSender).send(stuck, 1, false)).toBe('sent');
    expect(sink.requestsOf(stuck)).toBe(1);
  });
});
