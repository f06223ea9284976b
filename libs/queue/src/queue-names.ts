/** Every BullMQ queue. One processor per queue lives in apps/worker. */
export enum QueueName {
  SYSTEM = 'system',
}

/** Jobs of the system queue. */
export enum SystemJob {
  /** Proves the worker is alive and consuming: records the time it ran. */
  HEARTBEAT = 'heartbeat',
}

/** Payloads carry ids and small values, never personal data. */
export interface JobPayloads {
  [SystemJob.HEARTBEAT]: { requestedAt: string; holdMs?: number };
}

export type JobName = keyof JobPayloads;
