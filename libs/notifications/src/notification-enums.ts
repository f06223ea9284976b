/** Who a message goes to. */
export enum RecipientKind {
  /** The borrower herself. */
  BORROWER = 'BORROWER',
  /** The federation officer who registered her (her loan officer). */
  LOAN_OFFICER = 'LOAN_OFFICER',
  /** The bank officer who signed her loan. */
  BANK_OFFICER = 'BANK_OFFICER',
  /** The guarantee operator, once the loan reaches its fund's compensation trigger. */
  GUARANTEE_OPERATOR = 'GUARANTEE_OPERATOR',
  /** A user of the party a statistics warning names as the one to act (federation, bank, agency, finance bureau). */
  WARNING_RESPONSIBLE = 'WARNING_RESPONSIBLE',
}

/** How a message is sent. */
export enum NotificationChannel {
  SMS = 'SMS',
}

/** What a message is about; each has its template. */
export enum MessageKind {
  /** Before a due date. */
  DUE_SOON = 'DUE_SOON',
  /** After a missed due date. */
  OVERDUE = 'OVERDUE',
  /** An interest subsidy was paid. */
  SUBSIDY_PAID = 'SUBSIDY_PAID',
  /** An application was approved. */
  APPLICATION_APPROVED = 'APPLICATION_APPROVED',
  /** To an officer: an installment of her borrower falls due soon. */
  OFFICER_DUE_SOON = 'OFFICER_DUE_SOON',
  /** To an officer: an installment of her borrower is overdue. */
  OFFICER_OVERDUE = 'OFFICER_OVERDUE',
  /** To an officer, once a day: the late loans of her region. */
  OFFICER_DIGEST = 'OFFICER_DIGEST',
  /** To the fund's guarantee operators: a loan passed its fund's compensation trigger (代偿预警). */
  COMPENSATION_ALERT = 'COMPENSATION_ALERT',
  /** To whoever must act: a statistics early warning of their region was raised. */
  STATISTICS_WARNING = 'STATISTICS_WARNING',
}

/** A message's life: written before anything is sent, then claimed by one send job at a time. */
export enum MessageStatus {
  /** Written, its send job not queued yet. */
  PENDING = 'PENDING',
  /** Its send job is queued. */
  QUEUED = 'QUEUED',
  /** Held until the quiet hours end. */
  WAITING_QUIET_HOURS = 'WAITING_QUIET_HOURS',
  /** Held until tomorrow: the phone reached its daily cap. */
  WAITING_CAP = 'WAITING_CAP',
  /** A send job holds it (the gateway is being asked). */
  SENDING = 'SENDING',
  /** The gateway accepted it. */
  SENT = 'SENT',
  /** The gateway's receipt says the phone got it. */
  DELIVERED = 'DELIVERED',
  /** The gateway failed for now; the job tries again with backoff. */
  FAILED_RETRYING = 'FAILED_RETRYING',
  /** Refused for good (a bad number, retries used up, a failed receipt): the officer sees it and may retry. */
  FAILED_PERMANENT = 'FAILED_PERMANENT',
  /** Not sent: the borrower opted out of this channel. */
  SKIPPED_OPTED_OUT = 'SKIPPED_OPTED_OUT',
  /** Not sent: nothing owed any more by send time, or no phone. */
  SKIPPED_NOT_NEEDED = 'SKIPPED_NOT_NEEDED',
}

/** Statuses a send job may still act on. */
export const SENDABLE_STATUSES: readonly MessageStatus[] = [
  MessageStatus.PENDING,
  MessageStatus.QUEUED,
  MessageStatus.FAILED_RETRYING,
  // A job re-run after its worker died mid-send: the gateway's idempotency key (the message id) keeps it single.
  MessageStatus.SENDING,
];

/** Statuses the dispatcher queues a send job for (once their time has come). */
export const DISPATCHABLE_STATUSES: readonly MessageStatus[] = [
  MessageStatus.PENDING,
  MessageStatus.WAITING_QUIET_HOURS,
  MessageStatus.WAITING_CAP,
];

/** Why a message failed (stored, shown to the officer in Chinese). */
export enum MessageFailureCode {
  /** The gateway refused the phone number. */
  INVALID_PHONE = 'INVALID_PHONE',
  /** The gateway refused the request (4xx other than the number). */
  GATEWAY_REJECTED = 'GATEWAY_REJECTED',
  /** The gateway answered 5xx. */
  GATEWAY_ERROR = 'GATEWAY_ERROR',
  /** The gateway did not answer in time or could not be reached. */
  GATEWAY_TIMEOUT = 'GATEWAY_TIMEOUT',
  /** The delivery receipt said the phone did not get it. */
  NOT_DELIVERED = 'NOT_DELIVERED',
  /** The borrower's record has no usable phone. */
  NO_PHONE = 'NO_PHONE',
}

/** A borrower's say on a channel. */
export enum ConsentKind {
  /** She agrees to receive messages on this channel. */
  CONSENT = 'CONSENT',
  /** She asked not to receive messages on this channel. */
  OPT_OUT = 'OPT_OUT',
}
