import { defaultJobOptions } from './job-options';

describe('defaultJobOptions', () => {
  it('bounds the retention of finished jobs by age and count, from the environment', () => {
    expect(
      defaultJobOptions({
        QUEUE_KEEP_COMPLETED: 1000,
        QUEUE_KEEP_COMPLETED_HOURS: 24,
        QUEUE_KEEP_FAILED: 5000,
        QUEUE_KEEP_FAILED_DAYS: 30,
      }),
    ).toEqual({
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 86_400, count: 1000 },
      removeOnFail: { age: 2_592_000, count: 5000 },
    });
  });
});
