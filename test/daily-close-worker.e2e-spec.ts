import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DailyCloseJob, QueueName, redisConnectionOptions } from '@mla/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/bootstrap';
import { waitFor } from './support/free-port';
import { given, useCasesOf } from './support/given';
import { startServices, type ServiceHarness } from './support/service-harness';

/**
 * The nightly close as the worker's job, with the clock the test moves: the worker, started, closes the dates missed
 * while it was down (each once, oldest first, each its own job), and a second job for a closed date changes nothing.
 * One loan disbursed 2026-01-10, nothing repaid (overdue from 2026-02-10, so every close accrues penalty).
 */
describe('the nightly close in the worker', () => {
  let h: ServiceHarness;
  let ds: DataSource;
  let queue: Queue;
  let worker: RunningWorker | undefined;

  const runs = async () =>
    (await ds.query(
      `SELECT business_date AS "date", status, trigger, attempts, id FROM daily_close_runs ORDER BY started_at`,
    )) as { date: string; status: string; trigger: string; attempts: number; id: string }[];
  const closed = async (date: string) => (await runs()).some((r) => r.date === date && r.status === 'SUCCEEDED');
  const penaltyFen = async () =>
    ((await ds.query(`SELECT sum(penalty_accrued_fen)::text AS p FROM installments`)) as { p: string }[])[0].p;

  beforeAll(async () => {
    h = await startServices({ today: '2026-01-02', env: { DAILY_CLOSE_CATCH_UP_ON_BOOT: 'true' } });
    ds = h.get(DataSource);
    const g = given(h, useCasesOf(h));
    const fund = await g.fund({ contributionYuan: '1000000.00' });
    const applicationId = await g.approvedApplication({
      amountYuan: '120000.00',
      termMonths: 12,
      repaymentMethod: 'EQUAL_PRINCIPAL',
      fundId: fund.id,
    });
    h.travelTo('2026-01-10');
    await g.activeLoan({ applicationId, signingDate: '2026-01-05', valueDate: '2026-01-10' });
    const e = h.env.config.env;
    queue = new Queue(QueueName.DAILY_CLOSE, {
      connection: redisConnectionOptions(e.REDIS_URL),
      prefix: e.QUEUE_PREFIX,
    });
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await h?.close();
  });

  it('registers the nightly tick in the business time zone and, with no run ever, closes today only', async () => {
    h.travelTo('2026-03-01');
    worker = await startWorker(h.env.config, h.clock);
    expect(await queue.getJobSchedulers()).toEqual([
      expect.objectContaining({ key: 'daily-close', pattern: '30 0 * * *', tz: 'Asia/Shanghai' }),
    ]);
    await waitFor('the close of 2026-03-01', () => closed('2026-03-01'));
    await worker.close();
    worker = undefined;
    expect(await runs()).toEqual([expect.objectContaining({ date: '2026-03-01', trigger: 'SCHEDULED', attempts: 1 })]);
  });

  it('after three days down, closes each missed date once, in order, each as its own job', async () => {
    h.travelTo('2026-03-04');
    worker = await startWorker(h.env.config, h.clock);
    await waitFor('the close of 2026-03-04', () => closed('2026-03-04'));
    expect((await runs()).map(({ date, status, trigger, attempts }) => ({ date, status, trigger, attempts }))).toEqual(
      ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'].map((date) => ({
        date,
        status: 'SUCCEEDED',
        trigger: 'SCHEDULED',
        attempts: 1,
      })),
    );
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) {
      const job = await queue.getJob(`daily-close-${date}`);
      expect({ date, state: await job?.getState(), data: job?.data }).toEqual({
        date,
        state: 'completed',
        data: { businessDate: date, trigger: 'SCHEDULED' },
      });
    }
  });

  it('a second job for a closed date changes nothing: same run, no new figures, no more penalty', async () => {
    const before = { runs: await runs(), penalty: await penaltyFen() };
    const job = await queue.add(
      DailyCloseJob.CLOSE_DATE,
      { businessDate: '2026-03-04', trigger: 'SCHEDULED' },
      { jobId: 'daily-close-2026-03-04-again' },
    );
    await waitFor('the second job', async () => (await job.getState()) === 'completed');
    const done = await queue.getJob('daily-close-2026-03-04-again');
    expect(done?.returnvalue).toMatchObject({ runId: before.runs[3].id, status: 'SUCCEEDED' });
    expect(await runs()).toEqual(before.runs);
    expect(await penaltyFen()).toBe(before.penalty);
  });
});
