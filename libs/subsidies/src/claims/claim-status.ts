import type { LabelCatalogue } from '@mla/core';

/**
 * A claim batch's steps: the bank files it (DRAFT → SUBMITTED), the federation or guarantee agency checks it
 * (初审, INITIAL_REVIEWED), the finance bureau decides every line (FINANCE_REVIEWED) and pays the approved ones
 * (PAID). Transitions are guarded updates (`WHERE status = …`), never a free write.
 */
export enum ClaimBatchStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  INITIAL_REVIEWED = 'INITIAL_REVIEWED',
  FINANCE_REVIEWED = 'FINANCE_REVIEWED',
  PAID = 'PAID',
}

/** A claim line: waiting for the finance decision, approved (its split committed on the budgets), rejected, paid. */
export enum ClaimLineStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  PAID = 'PAID',
}

/** What the calculation's checks left of a line: the full subsidy, a reduced one, or none. */
export enum ClaimLineEligibility {
  FULL = 'FULL',
  REDUCED = 'REDUCED',
  NONE = 'NONE',
}

/** The federation's or guarantee agency's finding on a line at 初审. */
export enum InitialReviewFinding {
  CONFIRMED = 'CONFIRMED',
  QUERIED = 'QUERIED',
}

export const CLAIM_BATCH_STATUSES: readonly ClaimBatchStatus[] = Object.values(ClaimBatchStatus);
export const CLAIM_LINE_STATUSES: readonly ClaimLineStatus[] = Object.values(ClaimLineStatus);

export const CLAIM_BATCH_STATUS_LABELS: LabelCatalogue<ClaimBatchStatus> = {
  [ClaimBatchStatus.DRAFT]: { 'zh-CN': '待银行提交', en: 'Draft (bank to submit)' },
  [ClaimBatchStatus.SUBMITTED]: { 'zh-CN': '待初审', en: 'Submitted (initial review due)' },
  [ClaimBatchStatus.INITIAL_REVIEWED]: { 'zh-CN': '待财政审核', en: 'Initially reviewed (finance review due)' },
  [ClaimBatchStatus.FINANCE_REVIEWED]: { 'zh-CN': '待拨付', en: 'Finance reviewed (payout due)' },
  [ClaimBatchStatus.PAID]: { 'zh-CN': '已拨付', en: 'Paid' },
};

export const CLAIM_LINE_STATUS_LABELS: LabelCatalogue<ClaimLineStatus> = {
  [ClaimLineStatus.PENDING]: { 'zh-CN': '待审核', en: 'Pending' },
  [ClaimLineStatus.APPROVED]: { 'zh-CN': '审核通过', en: 'Approved' },
  [ClaimLineStatus.REJECTED]: { 'zh-CN': '审核不通过', en: 'Rejected' },
  [ClaimLineStatus.PAID]: { 'zh-CN': '已拨付', en: 'Paid' },
};

export const CLAIM_LINE_ELIGIBILITY_LABELS: LabelCatalogue<ClaimLineEligibility> = {
  [ClaimLineEligibility.FULL]: { 'zh-CN': '全额贴息', en: 'Full subsidy' },
  [ClaimLineEligibility.REDUCED]: { 'zh-CN': '部分贴息', en: 'Reduced subsidy' },
  [ClaimLineEligibility.NONE]: { 'zh-CN': '不予贴息', en: 'No subsidy' },
};

export const INITIAL_REVIEW_FINDING_LABELS: LabelCatalogue<InitialReviewFinding> = {
  [InitialReviewFinding.CONFIRMED]: { 'zh-CN': '初审无异议', en: 'Confirmed' },
  [InitialReviewFinding.QUERIED]: { 'zh-CN': '初审有疑问', en: 'Queried' },
};
