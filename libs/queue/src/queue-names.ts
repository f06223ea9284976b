/** Every BullMQ queue. One processor per queue lives in apps/worker. */
export enum QueueName {
  SYSTEM = 'system',
  RECONCILIATION = 'reconciliation',
  /** The nightly close (日终), one business date at a time. */
  DAILY_CLOSE = 'daily-close',
  /** Interest subsidy 贴息 claims: the daily tick and one build per bank, jurisdiction and settlement period. */
  SUBSIDY_CLAIMS = 'subsidy-claims',
  /**
   * Messages to borrowers: the morning selection of reminders, the queuing of messages whose wait is over, one send
   * per message, and the notice of a paid subsidy.
   */
  NOTIFICATIONS = 'notifications',
  /** Statistics: the day's snapshot after each nightly close (and re-computation of days a back-dated posting changed). */
  STATISTICS = 'statistics',
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

/** Jobs of the daily-close queue. */
export enum DailyCloseJob {
  /**
   * The nightly tick (job scheduler, and once at worker boot): queues the close of every business date from the day
   * after the last closed one through today, in order.
   */
  TICK = 'daily-close-tick',
  /** Closes one business date (and any earlier date still open first). */
  CLOSE_DATE = 'close-business-date',
}

/** Jobs of the subsidy-claims queue. */
export enum SubsidyClaimJob {
  /** Daily: after a settlement date, queues one build per bank and jurisdiction with loans accruing in the period. */
  TICK = 'subsidy-claims-tick',
  /** Builds one bank's claim for a jurisdiction and settlement date (idempotent). */
  BUILD = 'build-subsidy-claim',
}

/** Jobs of the notifications queue. */
export enum NotificationJob {
  /** Tell a borrower that the subsidy of a claim line was paid (the line's id only). */
  SUBSIDY_PAID = 'subsidy-paid',
  /** The morning selection (job scheduler, after the nightly close): writes the day's reminders, then queues them. */
  MORNING_TICK = 'notifications-morning-tick',
  /** Queues a send for every message whose time has come (waits for quiet hours or the daily cap that ended). */
  DISPATCH = 'notifications-dispatch',
  /** Sends one message (its id and dispatch round only). */
  SEND_MESSAGE = 'send-message',
  /** Tell whoever must act that a statistics early warning was raised (the warning's id only). */
  WARNING_RAISED = 'warning-raised',
  /** Tell the fund's guarantee operators that a loan passed its compensation trigger (the alert's id only). */
  COMPENSATION_ALERT_OPENED = 'compensation-alert-opened',
}

/** Jobs of the statistics queue. */
export enum StatisticsJob {
  /**
   * Stores the figures of a closed business date (queued by the close), re-computes the stored days a back-dated
   * posting changed, then raises and clears early warnings.
   */
  SNAPSHOT = 'statistics-snapshot',
}

/** Who asked for a queued close: the scheduler's tick or an administrator. */
export type QueuedCloseTrigger = 'SCHEDULED' | 'MANUAL';

/** Payloads carry ids and small values, never personal data. */
export interface JobPayloads {
  [SystemJob.HEARTBEAT]: { requestedAt: string; holdMs?: number };
  [ReconciliationJob.IMPORT_STATEMENT]: { importId: string };
  [ReconciliationJob.DISCARD_STALE_UPLOADS]: { olderThanMinutes: number; resumeQuietMinutes?: number };
  [DailyCloseJob.TICK]: { requestedAt: string };
  [DailyCloseJob.CLOSE_DATE]: { businessDate: string; trigger: QueuedCloseTrigger; requestedByUserId?: string };
  [SubsidyClaimJob.TICK]: { requestedAt: string };
  [SubsidyClaimJob.BUILD]: { bankOrganisationId: string; regionCode: string; settlementDate: string };
  [NotificationJob.SUBSIDY_PAID]: { claimLineId: string; payoutId: string };
  [NotificationJob.MORNING_TICK]: { requestedAt: string };
  [NotificationJob.DISPATCH]: { requestedAt: string };
  [NotificationJob.SEND_MESSAGE]: { messageId: string; dispatch: number };
  [NotificationJob.WARNING_RAISED]: { warningId: string };
  [NotificationJob.COMPENSATION_ALERT_OPENED]: { alertId: string };
  [StatisticsJob.SNAPSHOT]: { businessDate: string };
}

export type JobName = keyof JobPayloads;

/** The jobs of each queue: its processor handles exactly these. */
export interface QueueJobs {
  [QueueName.SYSTEM]: SystemJob;
  [QueueName.RECONCILIATION]: ReconciliationJob;
  [QueueName.DAILY_CLOSE]: DailyCloseJob;
  [QueueName.SUBSIDY_CLAIMS]: SubsidyClaimJob;
  [QueueName.NOTIFICATIONS]: NotificationJob;
  [QueueName.STATISTICS]: StatisticsJob;
}

/** The deterministic job id of a date's close queued by the tick (BullMQ ids may not contain ':'). */
export function dailyCloseJobId(businessDate: string): string {
  return `daily-close-${businessDate}`;
}

/** The deterministic job id of a scheduled claim build (BullMQ ids may not contain ':'). */
export function subsidyClaimJobId(bankOrganisationId: string, regionCode: string, settlementDate: string): string {
  return `subsidy-claims-${bankOrganisationId}-${regionCode}-${settlementDate}`;
}

/** The one notification of a paid claim line. */
export function subsidyPaidJobId(claimLineId: string): string {
  return `subsidy-paid-${claimLineId}`;
}

/** The send of a message in one dispatch round: queued again after a wait or a retry, it gets a new round. */
export function sendMessageJobId(messageId: string, dispatch: number): string {
  return `notify-${messageId}-${dispatch}`;
}

/** The one snapshot job of a closed business date. */
export function statisticsSnapshotJobId(businessDate: string): string {
  return `statistics-snapshot-${businessDate}`;
}

/** The one notification of a raised warning. */
export function warningRaisedJobId(warningId: string): string {
  return `warning-raised-${warningId}`;
}

/** The one notification of an opened compensation alert. */
export function compensationAlertOpenedJobId(alertId: string): string {
  return `compensation-alert-opened-${alertId}`;
}

type Holds<T extends true> = T;
/** Compiles only while every job of every queue has a payload type and every payload type belongs to a queue. */
type _EveryJobHasAPayload = Holds<
  [QueueJobs[QueueName]] extends [JobName] ? ([JobName] extends [QueueJobs[QueueName]] ? true : false) : false
>;

/** The payload of job N. */
export type PayloadOf<N extends JobName> = JobPayloads[N];
