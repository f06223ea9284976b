import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { Clock } from '@mla/core';
import { NotificationMessageRepository, type DispatchRow } from './message.repository';

/** Adds the send jobs of these messages (deterministic ids: adding one twice adds it once). */
export type EnqueueSends = (rows: DispatchRow[]) => Promise<void>;

const BATCH = 2000;

/**
 * Queues a send job for every message whose time has come (written today, or its wait for the quiet hours or the
 * daily cap over), then marks it queued; first, a message whose job is gone (left sending or waiting for a retry
 * longer than NOTIFY_STUCK_AFTER_MINUTES) is put in a new round. A crash between the two leaves the row waiting: the next run adds the same
 * job ids again, which BullMQ ignores, and a send job that already ran finds its row moved on.
 */
@Injectable()
export class MessageDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly messages: NotificationMessageRepository,
    private readonly config: AppConfig,
  ) {}

  async dispatchDue(enqueue: EnqueueSends): Promise<number> {
    const now = this.clock.now();
    // Rows whose job gave up on a fault of ours (not the gateway's: that is a permanent failure, shown to the officer).
    // Their last change is the database's time, so the wait is measured by the real clock.
    const stuckBefore = new Date(Date.now() - this.config.env.NOTIFY_STUCK_AFTER_MINUTES * 60_000);
    await this.messages.requeueStuck(this.dataSource.manager, stuckBefore, now);
    let total = 0;
    for (;;) {
      const rows = await this.messages.dispatchable(this.dataSource.manager, now, BATCH);
      if (rows.length === 0) break;
      await enqueue(rows);
      await this.messages.markQueued(this.dataSource.manager, rows);
      total += rows.length;
      if (rows.length < BATCH) break;
    }
    return total;
  }
}
