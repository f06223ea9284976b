export enum SubsidyRuleKind {
  /** The whole actual interest is subsidised (2009 women's line): the borrower pays nothing. */
  FULL_ACTUAL_INTEREST = 'FULL_ACTUAL_INTEREST',
  /** Subsidy = contract rate − (1-year LPR − N bp); the borrower bears LPR − N bp (财金〔2020〕21号). */
  CONTRACT_RATE_MINUS_BORROWER_SHARE = 'CONTRACT_RATE_MINUS_BORROWER_SHARE',
  /** A percentage of the actual interest (e.g. 50% after 财金〔2023〕75号). */
  PERCENT_OF_ACTUAL_INTEREST = 'PERCENT_OF_ACTUAL_INTEREST',
}

export const SUBSIDY_RULE_KINDS: readonly SubsidyRuleKind[] = Object.values(SubsidyRuleKind);

/** How the subsidy is split between the budgets; decimal fractions that sum to exactly 1. */
export interface FundingShares {
  central: string;
  provincial: string;
  city: string;
  county: string;
}

export const FUNDING_SHARE_LEVELS: readonly (keyof FundingShares)[] = ['central', 'provincial', 'city', 'county'];

export type SubsidyFormula =
  | { kind: 'FULL_ACTUAL_INTEREST' }
  | { kind: 'CONTRACT_RATE_MINUS_BORROWER_SHARE'; borrowerBearsLprMinusBasisPoints: number }
  | { kind: 'PERCENT_OF_ACTUAL_INTEREST'; percent: string };

/** How the subsidy reaches the borrower. */
export enum SubsidyPaymentMode {
  /** 先付后贴: the borrower pays the whole interest to the bank; the subsidy is reimbursed after each settlement. */
  REIMBURSE_AFTER_PAYMENT = 'REIMBURSE_AFTER_PAYMENT',
}

export const SUBSIDY_PAYMENT_MODES: readonly SubsidyPaymentMode[] = Object.values(SubsidyPaymentMode);

/** Whose account the finance bureau pays the subsidy into. */
export enum SubsidyPayee {
  /** The borrower's repayment account at the lending bank. */
  BORROWER_ACCOUNT = 'BORROWER_ACCOUNT',
  /** The lending bank, which credits its borrowers. */
  BANK_ACCOUNT = 'BANK_ACCOUNT',
}

export const SUBSIDY_PAYEES: readonly SubsidyPayee[] = Object.values(SubsidyPayee);

/**
 * The subsidy rule of a policy, stored as jsonb. `taper` gives the fraction of the subsidy paid in each loan
 * year (e.g. ['1', '0.6667', '0.3333']); `fundingShares` the split between budgets. Computed in the subsidy
 * context; stored and validated here. Every field after the formula is optional so that rules stored before
 * it existed stay valid: `resolveSubsidyRule` fills in the defaults (SUBSIDY_RULE_DEFAULTS).
 */
export type SubsidyRule = SubsidyFormula & {
  taper?: string[];
  fundingShares?: FundingShares;
  /** Principal above this (integer fen, as a string: jsonb has no bigint) is not subsidised, pro rata. */
  amountCapFen?: string;
  /** The part of the contract rate above the 1-year LPR of the signing date + this many bp is not subsidised. */
  rateCapBasisPointsOverLpr?: number;
  /** The part of the contract rate above this annual percentage (e.g. '4.95') is not subsidised. */
  rateCapAnnualPercent?: string;
  /** Days from the value date + this many months on are not subsidised. */
  termCapMonths?: number;
  /** Extension (展期) days are never subsidised, except those within this dated exception (inclusive). */
  extensionSubsidisedFrom?: string;
  /** End of the exception (inclusive); absent = open-ended. Only with extensionSubsidisedFrom. */
  extensionSubsidisedUntil?: string;
  /** Interest paid this many calendar days after its due date still counts as paid on time. */
  onTimeGraceDays?: number;
  paymentMode?: SubsidyPaymentMode;
  payee?: SubsidyPayee;
  /** Months (1–12) whose settlement day closes a subsidy period. */
  settlementMonths?: number[];
  /** Day of those months (clamped to the month's end) on which banks settle interest. */
  settlementDay?: number;
  /** Working days after the settlement date for the bank to file its claim. */
  claimDeadlineWorkingDays?: number;
  /** Working days for the federation / guarantee agency to check a filed claim. */
  reviewDeadlineWorkingDays?: number;
  /** Working days for the finance bureau to review and pay an approved claim. */
  paymentDeadlineWorkingDays?: number;
};

/** The defaults of the optional fields (the domain's usual practice: 20th of Mar/Jun/Sep/Dec, 10/5/5 days). */
export const SUBSIDY_RULE_DEFAULTS = Object.freeze({
  onTimeGraceDays: 0,
  paymentMode: SubsidyPaymentMode.REIMBURSE_AFTER_PAYMENT,
  payee: SubsidyPayee.BORROWER_ACCOUNT,
  settlementMonths: Object.freeze([3, 6, 9, 12]) as readonly number[],
  settlementDay: 20,
  claimDeadlineWorkingDays: 10,
  reviewDeadlineWorkingDays: 5,
  paymentDeadlineWorkingDays: 5,
  /** Without shares the whole subsidy is the policy's own (county) budget. */
  fundingShares: Object.freeze({ central: '0', provincial: '0', city: '0', county: '1' }) as Readonly<FundingShares>,
});

/** A rule with every default filled in; caps and the extension exception stay null when absent. */
export type ResolvedSubsidyRule = SubsidyFormula & {
  taper: readonly string[] | null;
  fundingShares: Readonly<FundingShares>;
  amountCapFen: bigint | null;
  rateCapBasisPointsOverLpr: number | null;
  rateCapAnnualPercent: string | null;
  termCapMonths: number | null;
  extensionSubsidisedFrom: string | null;
  extensionSubsidisedUntil: string | null;
  onTimeGraceDays: number;
  paymentMode: SubsidyPaymentMode;
  payee: SubsidyPayee;
  settlementMonths: readonly number[];
  settlementDay: number;
  claimDeadlineWorkingDays: number;
  reviewDeadlineWorkingDays: number;
  paymentDeadlineWorkingDays: number;
};

/** Fills in the defaults of a stored (already validated) rule. */
export function resolveSubsidyRule(rule: SubsidyRule): ResolvedSubsidyRule {
  const d = SUBSIDY_RULE_DEFAULTS;
  const formula: SubsidyFormula =
    rule.kind === 'CONTRACT_RATE_MINUS_BORROWER_SHARE'
      ? { kind: rule.kind, borrowerBearsLprMinusBasisPoints: rule.borrowerBearsLprMinusBasisPoints }
      : rule.kind === 'PERCENT_OF_ACTUAL_INTEREST'
        ? { kind: rule.kind, percent: rule.percent }
        : { kind: rule.kind };
  return {
    ...formula,
    taper: rule.taper ?? null,
    fundingShares: rule.fundingShares ?? d.fundingShares,
    amountCapFen: rule.amountCapFen == null ? null : BigInt(rule.amountCapFen),
    rateCapBasisPointsOverLpr: rule.rateCapBasisPointsOverLpr ?? null,
    rateCapAnnualPercent: rule.rateCapAnnualPercent ?? null,
    termCapMonths: rule.termCapMonths ?? null,
    extensionSubsidisedFrom: rule.extensionSubsidisedFrom ?? null,
    extensionSubsidisedUntil: rule.extensionSubsidisedUntil ?? null,
    onTimeGraceDays: rule.onTimeGraceDays ?? d.onTimeGraceDays,
    paymentMode: rule.paymentMode ?? d.paymentMode,
    payee: rule.payee ?? d.payee,
    settlementMonths: rule.settlementMonths ?? d.settlementMonths,
    settlementDay: rule.settlementDay ?? d.settlementDay,
    claimDeadlineWorkingDays: rule.claimDeadlineWorkingDays ?? d.claimDeadlineWorkingDays,
    reviewDeadlineWorkingDays: rule.reviewDeadlineWorkingDays ?? d.reviewDeadlineWorkingDays,
    paymentDeadlineWorkingDays: rule.paymentDeadlineWorkingDays ?? d.paymentDeadlineWorkingDays,
  };
}

/** The rule's options stored as given (no unit conversion), in the order they are stored. */
export const SUBSIDY_RULE_PLAIN_OPTIONS = [
  'rateCapBasisPointsOverLpr',
  'rateCapAnnualPercent',
  'termCapMonths',
  'extensionSubsidisedFrom',
  'extensionSubsidisedUntil',
  'onTimeGraceDays',
  'paymentMode',
  'payee',
  'settlementMonths',
  'settlementDay',
  'claimDeadlineWorkingDays',
  'reviewDeadlineWorkingDays',
  'paymentDeadlineWorkingDays',
] as const satisfies readonly (keyof SubsidyRule)[];
