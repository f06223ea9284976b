import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BadInputError } from '@mla/core';
import { QueueErrorCode } from '../errors';
import type { JobName, JobPayloads, QueueName } from '../queue-names';

export interface PendingOutboxMessage {
  id: string;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  jobId: string;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Call inside the use case's transaction. */
  async enqueue<N extends JobName>(
    tx: EntityManager,
    queue: QueueName,
    jobName: N,
    payload: JobPayloads[N],
    jobId?: string,
  ): Promise<string> {
    if (jobId !== undefined && jobId.includes(':')) {
      throw new BadInputError(QueueErrorCode.INVALID_JOB_ID, `job id "${jobId}" must not contain ':'`);
    }
    const rows = (await tx.query(
      `INSERT INTO outbox_messages (queue, job_name, payload, job_id)
       VALUES ($1, $2, $3::jsonb, COALESCE($4, gen_random_uuid()::text)) RETURNING id`,
      [queue, jobName, JSON.stringify(payload), jobId ?? null],
    )) as { id: string }[];
    return rows[0].id;
  }

  /** Many messages of one job in one statement (call inside the use case's transaction); each has its job id. */
  async enqueueMany<N extends JobName>(
    tx: EntityManager,
    queue: QueueName,
    jobName: N,
    messages: { payload: JobPayloads[N]; jobId: string }[],
  ): Promise<number> {
    if (messages.length === 0) return 0;
    const bad = messages.find((m) => m.jobId.includes(':'));
    if (bad) throw new BadInputError(QueueErrorCode.INVALID_JOB_ID, `job id "${bad.jobId}" must not contain ':'`);
    const rows = (await tx.query(
      `INSERT INTO outbox_messages (queue, job_name, payload, job_id)
       SELECT $1, $2, p::jsonb, j FROM unnest($3::text[], $4::text[]) AS x(p, j) RETURNING id`,
      [queue, jobName, messages.map((m) => JSON.stringify(m.payload)), messages.map((m) => m.jobId)],
    )) as { id: string }[];
    return rows.length;
  }

  /**
   * Claims up to `limit` undispatched messages (SKIP LOCKED lets several relays run), hands them to `dispatch`,
   * and marks those that went through; failures keep their row with the error, to be tried again.
   */
  async relayBatch(limit: number, dispatch: (m: PendingOutboxMessage) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const batch = (await tx.query(
        `SELECT id, queue, job_name AS "jobName", payload, job_id AS "jobId"
           FROM outbox_messages WHERE dispatched_at IS NULL
          ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as PendingOutboxMessage[];
      let sent = 0;
      for (const message of batch) {
        try {
          await dispatch(message);
          await tx.query(`UPDATE outbox_messages SET dispatched_at = now(), attempts = attempts + 1 WHERE id = $1`, [
            message.id,
          ]);
          sent += 1;
        } catch (error) {
          await tx.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
            message.id,
            String((error as Error).message ?? error).slice(0, 2000),
          ]);
        }
      }
      return sent;
    });
  }

  async countPending(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL`,
    )) as { n: number }[];
    return rows[0].n;
  }
}
