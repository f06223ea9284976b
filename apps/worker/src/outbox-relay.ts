import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OutboxRepository, QueueName } from '@mla/queue';

const POLL_MS = 1000;
const BATCH = 100;

/** Moves committed outbox rows to BullMQ (jobId from the row, so a relay retried after a crash adds nothing twice). */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly queues: Map<string, Queue>;

  constructor(
    private readonly outbox: OutboxRepository,
    @InjectQueue(QueueName.SYSTEM) system: Queue,
    @InjectQueue(QueueName.RECONCILIATION) reconciliation: Queue,
    @InjectQueue(QueueName.DAILY_CLOSE) dailyClose: Queue,
    @InjectQueue(QueueName.SUBSIDY_CLAIMS) subsidyClaims: Queue,
    @InjectQueue(QueueName.NOTIFICATIONS) notifications: Queue,
    @InjectQueue(QueueName.STATISTICS) statistics: Queue,
  ) {
    this.queues = new Map([
      [QueueName.SYSTEM, system],
      [QueueName.RECONCILIATION, reconciliation],
      [QueueName.DAILY_CLOSE, dailyClose],
      [QueueName.SUBSIDY_CLAIMS, subsidyClaims],
      [QueueName.NOTIFICATIONS, notifications],
      [QueueName.STATISTICS, statistics],
    ]);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.relayOnce()
        .catch((error: unknown) => this.logger.error(error as Error))
        .finally(() => (this.running = undefined));
    }, POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; returns how many messages went out. */
  async relayOnce(): Promise<void> {
    let sent: number;
    do {
      sent = await this.outbox.relayBatch(BATCH, async (m) => {
        const queue = this.queues.get(m.queue);
        if (!queue) throw new Error(`No queue named ${m.queue}`);
        await queue.add(m.jobName, m.payload, { jobId: m.jobId });
      });
    } while (sent === BATCH);
  }
}
