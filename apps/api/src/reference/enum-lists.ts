import {
  APPLICATION_STATUS_LABELS,
  BORROWER_SUB_FLAG_LABELS,
  EMPLOYMENT_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LOAN_PURPOSE_LABELS,
  REVIEW_DECISION_LABELS,
  REVIEW_STEP_LABELS,
} from '@mla/applicants';
import { ORGANISATION_KIND_LABELS, PERMISSION_LABELS, ROLE_LABELS } from '@mla/auth';
import { CALENDAR_DAY_KIND_LABELS, CALENDAR_DAY_ORIGIN_LABELS } from '@mla/calendar';
import type { LabelCatalogue } from '@mla/core';
import {
  CLAIM_STATUS_LABELS,
  COMPENSATION_ALERT_STATUS_LABELS,
  COMPENSATION_BASIS_LABELS,
  ENTRY_KIND_LABELS,
  FUND_STATUS_LABELS,
  GUARANTEE_STATUS_LABELS,
  LEDGER_ACCOUNT_LABELS,
} from '@mla/guarantee-funds';
import {
  BORROWER_CATEGORY_LABELS,
  ELIGIBILITY_RULE_LABELS,
  EMPLOYER_KIND_LABELS,
  OTHER_LOAN_KIND_LABELS,
  PENALTY_BASIS_LABELS,
  REPAYMENT_METHOD_LABELS,
  SUBSIDY_PAYEE_LABELS,
  SUBSIDY_PAYMENT_MODE_LABELS,
  SUBSIDY_RULE_KIND_LABELS,
} from '@mla/loan-policies';
import {
  BACKDATED_POSTING_STATUS_LABELS,
  DAILY_CLOSE_RUN_STATUS_LABELS,
  DAILY_CLOSE_TRIGGER_LABELS,
  INSTALLMENT_STATUS_LABELS,
  LOAN_STATUS_LABELS,
  PREPAYMENT_MODE_LABELS,
  REPAYMENT_CHANNEL_LABELS,
  REPAYMENT_KIND_LABELS,
  REPAYMENT_STATUS_LABELS,
} from '@mla/loans';
import {
  IMPORT_STATUS_LABELS,
  LINE_OUTCOME_LABELS,
  MAPPING_PRESET_LABELS,
  RESOLUTION_ACTION_LABELS,
  STATEMENT_FORMAT_LABELS,
} from '@mla/reconciliation';
import {
  BUDGET_ENTRY_KIND_LABELS,
  CLAIM_BATCH_STATUS_LABELS,
  CLAIM_LINE_ELIGIBILITY_LABELS,
  CLAIM_LINE_STATUS_LABELS,
  FUNDING_LEVEL_LABELS,
  INITIAL_REVIEW_FINDING_LABELS,
} from '@mla/subsidies';
import { SUBSIDY_CHECK_LABELS, SUBSIDY_CHECK_REASON_LABELS } from '@mla/subsidies';

/**
 * The fixed lists users see, by the name the console asks for. Each context owns its labels (typed by its enum,
 * so a new value without a label does not compile); this is only the index. Values are listed in the order the
 * context declares them.
 */
export const ENUM_LISTS = {
  LoanStatus: LOAN_STATUS_LABELS,
  InstallmentStatus: INSTALLMENT_STATUS_LABELS,
  RepaymentMethod: REPAYMENT_METHOD_LABELS,
  RepaymentChannel: REPAYMENT_CHANNEL_LABELS,
  RepaymentKind: REPAYMENT_KIND_LABELS,
  RepaymentStatus: REPAYMENT_STATUS_LABELS,
  PrepaymentMode: PREPAYMENT_MODE_LABELS,
  PenaltyBasis: PENALTY_BASIS_LABELS,
  DailyCloseRunStatus: DAILY_CLOSE_RUN_STATUS_LABELS,
  DailyCloseTrigger: DAILY_CLOSE_TRIGGER_LABELS,
  BackdatedPostingStatus: BACKDATED_POSTING_STATUS_LABELS,
  CompensationAlertStatus: COMPENSATION_ALERT_STATUS_LABELS,
  ApplicationStatus: APPLICATION_STATUS_LABELS,
  ReviewStep: REVIEW_STEP_LABELS,
  ReviewDecision: REVIEW_DECISION_LABELS,
  LoanPurpose: LOAN_PURPOSE_LABELS,
  HouseholdType: HOUSEHOLD_TYPE_LABELS,
  EmploymentStatus: EMPLOYMENT_STATUS_LABELS,
  BorrowerSubFlag: BORROWER_SUB_FLAG_LABELS,
  BorrowerCategory: BORROWER_CATEGORY_LABELS,
  EmployerKind: EMPLOYER_KIND_LABELS,
  OtherLoanKind: OTHER_LOAN_KIND_LABELS,
  SubsidyRuleKind: SUBSIDY_RULE_KIND_LABELS,
  SubsidyPaymentMode: SUBSIDY_PAYMENT_MODE_LABELS,
  SubsidyPayee: SUBSIDY_PAYEE_LABELS,
  SubsidyCheck: SUBSIDY_CHECK_LABELS,
  SubsidyCheckReason: SUBSIDY_CHECK_REASON_LABELS,
  EligibilityRule: ELIGIBILITY_RULE_LABELS,
  FundStatus: FUND_STATUS_LABELS,
  CompensationBasis: COMPENSATION_BASIS_LABELS,
  LedgerAccount: LEDGER_ACCOUNT_LABELS,
  LedgerEntryKind: ENTRY_KIND_LABELS,
  GuaranteeStatus: GUARANTEE_STATUS_LABELS,
  ClaimStatus: CLAIM_STATUS_LABELS,
  StatementImportStatus: IMPORT_STATUS_LABELS,
  StatementLineOutcome: LINE_OUTCOME_LABELS,
  StatementFormat: STATEMENT_FORMAT_LABELS,
  StatementMappingPreset: MAPPING_PRESET_LABELS,
  ResolutionAction: RESOLUTION_ACTION_LABELS,
  OrganisationKind: ORGANISATION_KIND_LABELS,
  Role: ROLE_LABELS,
  Permission: PERMISSION_LABELS,
  CalendarDayKind: CALENDAR_DAY_KIND_LABELS,
  CalendarDayOrigin: CALENDAR_DAY_ORIGIN_LABELS,
  FundingLevel: FUNDING_LEVEL_LABELS,
  SubsidyBudgetEntryKind: BUDGET_ENTRY_KIND_LABELS,
  SubsidyClaimBatchStatus: CLAIM_BATCH_STATUS_LABELS,
  SubsidyClaimLineStatus: CLAIM_LINE_STATUS_LABELS,
  SubsidyClaimLineEligibility: CLAIM_LINE_ELIGIBILITY_LABELS,
  InitialReviewFinding: INITIAL_REVIEW_FINDING_LABELS,
} as const satisfies Record<string, LabelCatalogue<string>>;

export type EnumListName = keyof typeof ENUM_LISTS;

export const ENUM_LIST_NAMES = Object.keys(ENUM_LISTS) as EnumListName[];

export function isEnumListName(name: string): name is EnumListName {
  return Object.hasOwn(ENUM_LISTS, name);
}
