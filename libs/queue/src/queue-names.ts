/** Every BullMQ queue. One processor per queue lives in apps/worker. */
export enum QueueName {
  SYSTEM = 'system',
  RECONCILIATION = 'reconciliation',
}

/** Jobs of the system queue. */
export enum SystemJob {
  /** Proves the worker is alive and consuming: records the time it ran. */
  HEARTBEAT = 'heartbeat',
}

/** Jobs of the reconciliation queue. */
export enum ReconciliationJob {
  /** Parses a stored statement file, stores its lines, and matches them. */
  IMPORT_STATEMENT = 'import-statement',
  /**
   * The hourly statement housekeeping: gives up uploads that stopped arriving (their chunks go, their rows say
   * FAILED), purges raw files past their retention, and resumes imports whose job is gone.
   */
  DISCARD_STALE_UPLOADS = 'discard-stale-uploads',
}

/** Payloads carry ids and small values, never personal data. */
export interface JobPayloads {
  [SystemJob.HEARTBEAT]: { requestedAt: string; holdMs?: number };
  [ReconciliationJob.IMPORT_STATEMENT]: { importId: string };
  [ReconciliationJob.DISCARD_STALE_UPLOADS]: { olderThanMinutes: number; resumeQuietMinutes?: number };
}

export type JobName = keyof JobPayloads;

/** The jobs of each queue: its processor handles exactly these. */
export interface QueueJobs {
  [QueueName.SYSTEM]: SystemJob;
  [QueueName.RECONCILIATION]: ReconciliationJob;
}

type Holds<T extends true> = T;
/** Compiles only while every job of every queue has a payload type and every payload type belongs to a queue. */
type _EveryJobHasAPayload = Holds<
  [QueueJobs[QueueName]] extends [JobName] ? ([JobName] extends [QueueJobs[QueueName]] ? true : false) : false
>;

/** The payload of job N. */
export type PayloadOf<N extends JobName> = JobPayloads[N];
