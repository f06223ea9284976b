import { Role } from '../users/role';

export enum Permission {
  REGION_READ = 'region:read',
  REGION_MANAGE = 'region:manage',
  ORGANISATION_READ = 'organisation:read',
  ORGANISATION_MANAGE = 'organisation:manage',
  USER_READ = 'user:read',
  USER_MANAGE = 'user:manage',
  AUDIT_READ = 'audit:read',
  /** See personal data (ID numbers, phones, accounts) unmasked; always with a reason, always audited. */
  PII_UNMASK = 'pii:unmask',
  POLICY_READ = 'policy:read',
  /** Loan policies and the LPR table: configuration that every later calculation reads. */
  POLICY_MANAGE = 'policy:manage',
  APPLICANT_READ = 'applicant:read',
  APPLICANT_MANAGE = 'applicant:manage',
  APPLICATION_READ = 'application:read',
  /** Draft, submit, withdraw (the applicant's officer). */
  APPLICATION_PREPARE = 'application:prepare',
  /** 初审/推荐 with the field visit. */
  APPLICATION_REVIEW_FEDERATION = 'application:review:federation',
  /** 资格审核. */
  APPLICATION_REVIEW_EMPLOYMENT = 'application:review:employment',
  /** 担保审核. */
  APPLICATION_REVIEW_GUARANTEE = 'application:review:guarantee',
  /** 银行审批. */
  APPLICATION_REVIEW_BANK = 'application:review:bank',
  LOAN_READ = 'loan:read',
  /** Sign the loan contract (bank). */
  LOAN_SIGN = 'loan:sign',
  /** Record disbursements and repayments. */
  LOAN_SERVICE = 'loan:service',
  /** Record post-loan follow-ups (回访, 就业核查) and withdraw a wrong one (federation loan officers). */
  LOAN_FOLLOW_UP = 'loan:follow-up',
  /** Record a contact with a borrower about her loan (call, visit, text message): follow-up and collection. */
  LOAN_CONTACT_RECORD = 'loan:contact',
  /** The call list: late and due-soon loans of the scope with the borrower's masked phone and the last contact. */
  COLLECTION_READ = 'collection:read',
  /** The job queues: the dashboard, each queue's failed jobs, and retrying them (system administrators). */
  QUEUE_MANAGE = 'queue:manage',
  /** Guarantee funds: their figures, ledgers, statements and guarantees. */
  FUND_READ = 'guarantee-fund:read',
  /** Set up a fund and its rules (leverage, risk share, trigger, ceiling, alerts); suspend and reopen it. */
  FUND_MANAGE = 'guarantee-fund:manage',
  /** Book ledger entries (contributions, interest income, adjustments) and reverse them. */
  FUND_BOOK = 'guarantee-fund:book',
  COMPENSATION_READ = 'compensation:read',
  /** File a compensation claim for an overdue guaranteed loan (bank). */
  COMPENSATION_FILE = 'compensation:file',
  /** Review, approve (pay) or reject compensation claims, maker-checker (guarantee fund). */
  COMPENSATION_DECIDE = 'compensation:decide',
  /** Record what was recovered from the borrower after compensation (追偿). */
  RECOVERY_RECORD = 'compensation:recovery',
  /** Bank accounts, their statements, matching results and reconciliation reports. */
  RECONCILIATION_READ = 'reconciliation:read',
  /** Register a bank's statement accounts and their column mappings; upload statements (bank). */
  STATEMENT_IMPORT = 'reconciliation:import',
  /** Resolve exceptions: link, split, mark as not ours, post a correction (bank and federation). */
  RECONCILIATION_RESOLVE = 'reconciliation:resolve',
  /** Re-run a statement import that stopped (its bank's officers, and system admins). */
  STATEMENT_RERUN = 'reconciliation:rerun',
  /** The nightly close's runs: dates, status, figures, durations. */
  DAILY_CLOSE_READ = 'daily-close:read',
  /** Start the nightly close of a date by hand (queued). */
  DAILY_CLOSE_RUN = 'daily-close:run',
  /** Loans flagged past their fund's compensation trigger by the nightly close (guarantee operator, bank). */
  COMPENSATION_ALERT_READ = 'compensation:alert:read',
  /** The working calendar: holidays and make-up working days by year. */
  CALENDAR_READ = 'calendar:read',
  /** Enter or remove official calendar days (a State Council notice the bundled calendar lacks). */
  CALENDAR_MANAGE = 'calendar:manage',
  /** The yearly subsidy budgets of each funding level: their entries and balances (finance bureau, auditors). */
  SUBSIDY_BUDGET_READ = 'subsidy-budget:read',
  /** Book a level's yearly allocation and its top-ups, and reverse them (finance bureau). */
  SUBSIDY_BUDGET_MANAGE = 'subsidy-budget:manage',
  /** Subsidy claim batches and their lines (banks their own bank's; others their jurisdiction's). */
  SUBSIDY_CLAIM_READ = 'subsidy-claim:read',
  /** File a bank's subsidy claim: submit a batch, ask for a supplementary claim of corrected lines (bank). */
  SUBSIDY_CLAIM_PREPARE = 'subsidy-claim:prepare',
  /** The initial review 初审 of a submitted claim, with a finding per line (federation, guarantee agency). */
  SUBSIDY_CLAIM_INITIAL_REVIEW = 'subsidy-claim:initial-review',
  /** Approve or reject claim lines, committing their budget shares (finance bureau). */
  SUBSIDY_CLAIM_DECIDE = 'subsidy-claim:decide',
  /** Pay a batch's approved lines 拨付 from the budgets (finance bureau). */
  SUBSIDY_PAYOUT = 'subsidy-claim:pay',
  /** Reminder rules, templates, consents and the messages sent (their region's). */
  NOTIFICATION_READ = 'notification:read',
  /** Reminder rules per region and message templates: new versions (system administrators, federation admins). */
  NOTIFICATION_CONFIGURE = 'notification:configure',
  /** Record or withdraw a borrower's consent or opt-out per channel (her officer). */
  NOTIFICATION_CONSENT = 'notification:consent',
  /** Send again a message that failed for good (the officer, after checking the number). */
  NOTIFICATION_RETRY = 'notification:retry',
  /** Statistics: figures, formulas, reports, targets and warnings (banks their own bank's; others their region's). */
  STATISTICS_READ = 'statistics:read',
  /** Set a region's yearly targets and thresholds (federation, finance bureau, administrators). */
  STATISTICS_TARGET_MANAGE = 'statistics:target:manage',
}

const EVERYONE_READS = [
  Permission.REGION_READ,
  Permission.ORGANISATION_READ,
  Permission.USER_READ,
  Permission.POLICY_READ,
  Permission.APPLICANT_READ,
  Permission.APPLICATION_READ,
  Permission.LOAN_READ,
  Permission.FUND_READ,
  Permission.COMPENSATION_READ,
  Permission.RECONCILIATION_READ,
  Permission.CALENDAR_READ,
  Permission.STATISTICS_READ,
];

/** The role → permission matrix: the one table that says who may do what (scope is decided beside it). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.LOAN_OFFICER]: [
    ...EVERYONE_READS,
    Permission.PII_UNMASK,
    Permission.APPLICANT_MANAGE,
    Permission.APPLICATION_PREPARE,
    Permission.APPLICATION_REVIEW_FEDERATION,
    Permission.LOAN_SERVICE,
    Permission.LOAN_FOLLOW_UP,
    Permission.LOAN_CONTACT_RECORD,
    Permission.COLLECTION_READ,
    Permission.RECONCILIATION_RESOLVE,
    Permission.NOTIFICATION_READ,
    Permission.NOTIFICATION_CONSENT,
    Permission.NOTIFICATION_RETRY,
  ],
  [Role.FEDERATION_ADMIN]: [
    ...EVERYONE_READS,
    Permission.PII_UNMASK,
    Permission.APPLICANT_MANAGE,
    Permission.APPLICATION_PREPARE,
    Permission.APPLICATION_REVIEW_FEDERATION,
    Permission.LOAN_CONTACT_RECORD,
    Permission.COLLECTION_READ,
    Permission.SUBSIDY_CLAIM_READ,
    Permission.SUBSIDY_CLAIM_INITIAL_REVIEW,
    Permission.NOTIFICATION_READ,
    Permission.NOTIFICATION_CONFIGURE,
    Permission.NOTIFICATION_CONSENT,
    Permission.NOTIFICATION_RETRY,
    Permission.STATISTICS_TARGET_MANAGE,
  ],
  [Role.EMPLOYMENT_REVIEWER]: [...EVERYONE_READS, Permission.PII_UNMASK, Permission.APPLICATION_REVIEW_EMPLOYMENT],
  [Role.GUARANTEE_OPERATOR]: [
    ...EVERYONE_READS,
    Permission.APPLICATION_REVIEW_GUARANTEE,
    Permission.FUND_MANAGE,
    Permission.FUND_BOOK,
    Permission.COMPENSATION_DECIDE,
    Permission.RECOVERY_RECORD,
    Permission.COMPENSATION_ALERT_READ,
    Permission.SUBSIDY_CLAIM_READ,
    Permission.SUBSIDY_CLAIM_INITIAL_REVIEW,
  ],
  [Role.BANK_OFFICER]: [
    ...EVERYONE_READS,
    Permission.PII_UNMASK,
    Permission.APPLICATION_REVIEW_BANK,
    Permission.LOAN_SIGN,
    Permission.LOAN_SERVICE,
    Permission.LOAN_CONTACT_RECORD,
    Permission.COLLECTION_READ,
    Permission.COMPENSATION_FILE,
    Permission.RECOVERY_RECORD,
    Permission.STATEMENT_IMPORT,
    Permission.RECONCILIATION_RESOLVE,
    Permission.STATEMENT_RERUN,
    Permission.COMPENSATION_ALERT_READ,
    Permission.SUBSIDY_CLAIM_READ,
    Permission.SUBSIDY_CLAIM_PREPARE,
  ],
  [Role.FINANCE_REVIEWER]: [
    ...EVERYONE_READS,
    Permission.SUBSIDY_BUDGET_READ,
    Permission.SUBSIDY_BUDGET_MANAGE,
    Permission.SUBSIDY_CLAIM_READ,
    Permission.SUBSIDY_CLAIM_DECIDE,
    Permission.SUBSIDY_PAYOUT,
    Permission.STATISTICS_TARGET_MANAGE,
  ],
  [Role.AUDITOR]: [
    ...EVERYONE_READS,
    Permission.AUDIT_READ,
    Permission.DAILY_CLOSE_READ,
    Permission.COMPENSATION_ALERT_READ,
    Permission.SUBSIDY_BUDGET_READ,
    Permission.SUBSIDY_CLAIM_READ,
  ],
  [Role.SYSTEM_ADMIN]: [
    ...EVERYONE_READS,
    Permission.REGION_MANAGE,
    Permission.ORGANISATION_MANAGE,
    Permission.USER_MANAGE,
    Permission.AUDIT_READ,
    Permission.POLICY_MANAGE,
    Permission.FUND_MANAGE,
    Permission.STATEMENT_RERUN,
    Permission.DAILY_CLOSE_READ,
    Permission.DAILY_CLOSE_RUN,
    Permission.CALENDAR_MANAGE,
    Permission.NOTIFICATION_READ,
    Permission.NOTIFICATION_CONFIGURE,
    Permission.QUEUE_MANAGE,
    Permission.STATISTICS_TARGET_MANAGE,
  ],
};
