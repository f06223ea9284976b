export enum ImportStatus {
  /** The file is arriving (or never finished arriving: such a row says FAILED once the upload is given up). */
  UPLOADING = 'UPLOADING',
  /** Stored; waiting for the import job. */
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  /** Lines stored and matched. */
  IMPORTED = 'IMPORTED',
  /** Nothing was kept; the error says what and where. */
  FAILED = 'FAILED',
}

/** What became of one statement line. */
export enum LineOutcome {
  /** Not matched yet. */
  PENDING = 'PENDING',
  /** Matched to our record (and, for a repayment, posted). */
  MATCHED = 'MATCHED',
  /** Matched by reference, but the amounts differ. */
  AMOUNT_DIFFERS = 'AMOUNT_DIFFERS',
  /** A possible match that a person must confirm. */
  SUGGESTED = 'SUGGESTED',
  /** Nothing of ours: in the bank's books only. */
  BANK_ONLY = 'BANK_ONLY',
  /** The same bank transaction appeared earlier in the statement. */
  DUPLICATE = 'DUPLICATE',
  /** A person marked it as not ours (with a reason). */
  NOT_OURS = 'NOT_OURS',
}

/** Outcomes that wait for a person (the exceptions worklist). */
export const EXCEPTION_OUTCOMES: readonly LineOutcome[] = [
  LineOutcome.AMOUNT_DIFFERS,
  LineOutcome.SUGGESTED,
  LineOutcome.BANK_ONLY,
  LineOutcome.DUPLICATE,
];
