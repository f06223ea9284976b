import { UnrecoverableError, type Job } from 'bullmq';
import { type QueueName, ReconciliationJob, SystemJob, dispatchJob, type JobHandlers } from '@mla/queue';

const job = (name: string, data: unknown = {}): Job => ({ name, data, queueName: 'system', id: '1' }) as Job;

describe('dispatchJob', () => {
  const handlers: JobHandlers<QueueName.SYSTEM> = {
    [SystemJob.HEARTBEAT]: async (j) => ({ requestedAt: j.data.requestedAt }),
  };

  it('runs the handler of the job’s name with its payload', async () => {
    await expect(dispatchJob(handlers, job(SystemJob.HEARTBEAT, { requestedAt: 'now' }))).resolves.toEqual({
      requestedAt: 'now',
    });
  });

  it('fails a job whose name has no handler once, without retries', async () => {
    await expect(dispatchJob(handlers, job('rebuild-everything'))).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(dispatchJob(handlers, job('toString'))).rejects.toThrow('Unknown job toString on queue system');
  });

  it('needs a handler for every job of the queue (checked by the compiler)', () => {
    // @ts-expect-error: DISCARD_STALE_UPLOADS has no handler
    const missing: JobHandlers<QueueName.RECONCILIATION> = {
      [ReconciliationJob.IMPORT_STATEMENT]: async () => undefined,
    };
    expect(Object.keys(missing)).toEqual([ReconciliationJob.IMPORT_STATEMENT]);
  });
});
