import { DataSource } from 'typeorm';
import { signRequest } from '@mla/notifications';
import { startApi, type ApiHarness } from './support/api-harness';
import { writePendingMessages } from './support/notification-messages';

const KEY_ID = 'receipt-key';
const SECRET = 'receipt-secret-0123456789abcdef';

/** The gateway's delivery receipts over HTTP: a signed receipt updates the message; a bad signature is refused. */
describe('POST /notifications/receipts', () => {
  let h: ApiHarness;
  let ds: DataSource;
  let sentId: string;

  const post = (body: object, secret = SECRET) => {
    const raw = JSON.stringify(body);
    return h.http
      .post('/notifications/receipts')
      .set({ ...signRequest(KEY_ID, secret, 'POST', '/notifications/receipts', raw, Date.now()) })
      .set('content-type', 'application/json')
      .send(raw);
  };
  const statusOf = async (id: string) =>
    (
      (await ds.query(`SELECT status, receipt_status AS "receipt" FROM notification_messages WHERE id = $1`, [id])) as {
        status: string;
        receipt: string | null;
      }[]
    )[0];

  beforeAll(async () => {
    h = await startApi(undefined, {
      env: {
        NOTIFY_CHANNEL: 'sms',
        NOTIFY_SMS_URL: 'http://127.0.0.1:9/sms/send',
        NOTIFY_SMS_ACCESS_KEY_ID: KEY_ID,
        NOTIFY_SMS_ACCESS_KEY_SECRET: SECRET,
      },
    });
    ds = h.app.get(DataSource);
    [sentId] = await writePendingMessages(ds, h.env.config.env.PII_ENCRYPTION_KEY, {
      count: 1,
      applicantId: null,
      regionCode: '150221100201',
      phone: '13500135000',
      tag: 'receipt',
    });
    await ds.query(`UPDATE notification_messages SET status = 'SENT', gateway_message_id = 'biz-1' WHERE id = $1`, [
      sentId,
    ]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a wrongly signed receipt is refused (401) and changes nothing', async () => {
    const res = await post({ receipts: [{ outId: sentId, status: 'DELIVERED' }] }, 'another-secret-0123456789');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('RECEIPT_SIGNATURE_INVALID');
    const unsigned = await h.http.post('/notifications/receipts').send({ receipts: [] });
    expect(unsigned.status).toBe(401);
    expect(await statusOf(sentId)).toEqual({ status: 'SENT', receipt: null });
  });

  it('a signed receipt marks the message delivered, and the same receipt again changes nothing more', async () => {
    const res = await post({ receipts: [{ outId: sentId, status: 'DELIVERED', reportedAt: '2026-01-02T02:00:00Z' }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 1 });
    expect(await statusOf(sentId)).toEqual({ status: 'DELIVERED', receipt: 'DELIVERED' });
    const again = await post({ receipts: [{ bizId: 'biz-1', status: 'DELIVERED' }] });
    expect(again.status).toBe(200);
    expect(await statusOf(sentId)).toEqual({ status: 'DELIVERED', receipt: 'DELIVERED' });
  });
});
