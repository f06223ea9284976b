import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { HouseholdType, EmploymentStatus } from '@mla/applicants';
import { MessageStatus, NotificationMessagesService, NotificationsModule } from '@mla/notifications';
import { NotificationJob, QueueName, redisConnectionOptions } from '@mla/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/bootstrap';
import { waitFor } from './support/free-port';
import { useCasesOf } from './support/given';
import { writePendingMessages } from './support/notification-messages';
import { startServices, type ServiceHarness } from './support/service-harness';
import { SmsSink } from './support/sms-sink';

const KEY_ID = 'test-key';
const SECRET = 'test-secret-0123456789abcdef';

/**
 * The SMS channel against a local gateway (a real HTTP server): 500 then 200 delivers once; a slow answer past the
 * timeout is asked again with the same key and delivered once; 400 (a bad number) fails for good, shows on the
 * officer's list with its reason, and a retry sends it; 5xx every time uses up the attempts and fails for good.
 */
describe('sending reminders through the SMS gateway', () => {
  let sink: SmsSink;
  let h: ServiceHarness;
  let ds: DataSource;
  let worker: RunningWorker;
  let queue: Queue;
  let applicantId: string;
  let tag = 0;

  const row = async (id: string) =>
    (
      (await ds.query(
        `SELECT status, attempts, last_error_code AS "lastErrorCode", gateway_message_id AS "gatewayMessageId"
           FROM notification_messages WHERE id = $1`,
        [id],
      )) as { status: string; attempts: number; lastErrorCode: string | null; gatewayMessageId: string | null }[]
    )[0];
  const oneMessage = async () =>
    (
      await writePendingMessages(ds, h.env.config.env.PII_ENCRYPTION_KEY, {
        count: 1,
        applicantId,
        regionCode: '150221100201',
        phone: '13500135000',
        tag: `g${++tag}`,
      })
    )[0];
  const dispatch = () => queue.add(NotificationJob.DISPATCH, { requestedAt: 'test' });
  const settled = (id: string, status: string) =>
    waitFor(`message ${status}`, async () => (await row(id)).status === status, 20_000);

  beforeAll(async () => {
    sink = new SmsSink(KEY_ID, SECRET);
    const url = await sink.start();
    h = await startServices({
      imports: [NotificationsModule],
      env: {
        NOTIFY_CHANNEL: 'sms',
        NOTIFY_SMS_URL: url,
        NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
        NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
        NOTIFY_SMS_TIMEOUT_MS: '300',
        NOTIFY_SEND_ATTEMPTS: '4',
        NOTIFY_RETRY_DELAY_MS: '50',
      },
    });
    ds = h.get(DataSource);
    const applicant = await useCasesOf(h).registerApplicant(await h.actor('officer'), {
      name: '张红',
      idNumber: '150221198707070021',
      mobile: '13500135000',
      regionCode: '150221100201',
      householdType: HouseholdType.RURAL,
      category: 'RURAL_SELF_EMPLOYED',
      businessKind: 'LIVESTOCK',
      employmentStatus: EmploymentStatus.FARMER,
    });
    applicantId = applicant.id;
    worker = await startWorker(h.env.config, h.clock);
    const e = h.env.config.env;
    queue = new Queue(QueueName.NOTIFICATIONS, {
      connection: redisConnectionOptions(e.REDIS_URL),
      prefix: e.QUEUE_PREFIX,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await h?.close();
    await sink?.stop();
  });

  it('a 500 then a 200 delivers the message once, with the gateway id stored', async () => {
    sink.behaviour = (_r, nth) => ({ status: nth === 1 ? 500 : 200 });
    const id = await oneMessage();
    await dispatch();
    await settled(id, MessageStatus.SENT);
    expect(sink.requestsOf(id)).toBe(2);
    expect(sink.requests.every((r) => r.signed && r.phone === '13500135000')).toBe(true);
    expect(await row(id)).toEqual({
      status: 'SENT',
      attempts: 2,
      lastErrorCode: null,
      gatewayMessageId: sink.delivered.get(id)!.bizId,
    });
    expect(sink.duplicates).toBe(0);
  });

  it('an answer slower than the timeout is asked again with the same key and delivered once', async () => {
    sink.behaviour = (_r, nth) => ({ status: 200, delayMs: nth === 1 ? 1000 : 0 });
    const id = await oneMessage();
    await dispatch();
    await settled(id, MessageStatus.SENT);
    expect(sink.requestsOf(id)).toBe(2);
    expect([...sink.delivered.keys()].filter((k) => k === id)).toHaveLength(1);
    expect((await row(id)).gatewayMessageId).toBe(sink.delivered.get(id)!.bizId);
  });

  it('a 400 (bad number) fails for good, shows on the officer’s list, and a retry sends it', async () => {
    sink.behaviour = () => ({ status: 400, code: 'MOBILE_NUMBER_ILLEGAL' });
    const id = await oneMessage();
    await dispatch();
    await settled(id, MessageStatus.FAILED_PERMANENT);
    expect(sink.requestsOf(id)).toBe(1);
    expect(sink.delivered.has(id)).toBe(false);
    const messages = h.get(NotificationMessagesService);
    const officer = await h.actor('officer');
    const page = await messages.list(officer, { status: [MessageStatus.FAILED_PERMANENT] });
    expect(page.items.map((i) => [i.message.id, i.maskedName, i.message.phoneMasked, i.message.lastErrorCode])).toEqual(
      [[id, '张*', '135****5000', 'INVALID_PHONE']],
    );
    sink.behaviour = () => ({ status: 200 });
    await messages.retry(officer, id);
    await settled(id, MessageStatus.SENT);
    expect(sink.delivered.has(id)).toBe(true);
    await expect(messages.retry(officer, id)).rejects.toMatchObject({ code: 'MESSAGE_NOT_RETRYABLE' });
  });

  it('5xx on every attempt uses up the attempts and fails for good', async () => {
    sink.behaviour = () => ({ status: 503 });
    const id = await oneMessage();
    await dispatch();
    await settled(id, MessageStatus.FAILED_PERMANENT);
    expect(await row(id)).toMatchObject({ attempts: 4, lastErrorCode: 'GATEWAY_ERROR' });
    expect(sink.requestsOf(id)).toBe(4);
  });
});
