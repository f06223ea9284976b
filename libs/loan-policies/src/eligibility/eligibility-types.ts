import type { LocalDate } from '@mla/core';

export type EligibilityOutcome = 'PASS' | 'FAIL' | 'WARN';

/** One rule's verdict. Every rule yields a row, passes included, so the record shows what was checked. */
export interface EligibilityCheck {
  /** The rule family, stable across outcomes (see ELIGIBILITY_RULES). */
  rule: string;
  outcome: EligibilityOutcome;
  /** The specific check, e.g. AMOUNT_WITHIN_INDIVIDUAL_MAX or AMOUNT_WITHIN_PARTNERSHIP_MAX. */
  code: string;
  messageZh: string;
  messageEn: string;
  details?: Record<string, unknown>;
}

export interface PartnershipMember {
  /** This member's requested share of the loan. */
  amountFen: bigint;
  /** This member's own individual limit, when lower than the policy's (defaults to individualMaxFen). */
  ownMaxFen?: bigint;
}

export type LoanHolder = 'APPLICANT' | 'SPOUSE';

export interface OtherLoan {
  holder: LoanHolder;
  /** An OtherLoanKind code; unknown kinds are never exempt. */
  kind: string;
  outstandingFen: bigint;
}

export interface EligibilityInput {
  birthDate: LocalDate;
  /** From the 17th digit of the resident ID: odd = 'M', even = 'F'. */
  sex: 'F' | 'M';
  /** A BorrowerCategory code, or null when not yet determined. */
  category: string | null;
  employment: { publicSector: boolean; employerKind?: string | null };
  /** The applicant's own requested amount (her share, in a partnership). */
  amountFen: bigint;
  termMonths: number;
  /** A RepaymentMethod code. */
  repaymentMethod: string;
  /** The other partners, each with their requested share; null or empty for an individual loan. */
  partnershipMembers?: PartnershipMember[] | null;
  priorProgrammeLoans: { count: number; outstanding: boolean };
  otherLoans: OtherLoan[];
  /** Percent per year, e.g. '4.95'. */
  requestedRatePercent?: string | null;
  /** 1-year LPR on the signing date, percent, e.g. '3.45'. */
  lprPercent?: string | null;
}

/** Rule families, in the order checkEligibility reports them. */
export enum EligibilityRule {
  AGE_BAND = 'AGE_BAND',
  AGE_PLUS_TERM = 'AGE_PLUS_TERM',
  CATEGORY_ELIGIBLE = 'CATEGORY_ELIGIBLE',
  WOMEN_LINE_SEX = 'WOMEN_LINE_SEX',
  PUBLIC_SECTOR_EMPLOYMENT = 'PUBLIC_SECTOR_EMPLOYMENT',
  AMOUNT_WITHIN_MAX = 'AMOUNT_WITHIN_MAX',
  TERM_WITHIN_MAX = 'TERM_WITHIN_MAX',
  REPAYMENT_METHOD_ALLOWED = 'REPAYMENT_METHOD_ALLOWED',
  PREVIOUS_LOAN_REPAID = 'PREVIOUS_LOAN_REPAID',
  CUMULATIVE_LOANS = 'CUMULATIVE_LOANS',
  OTHER_LOANS = 'OTHER_LOANS',
  RATE_WITHIN_CAP = 'RATE_WITHIN_CAP',
}

export const ELIGIBILITY_RULES: readonly EligibilityRule[] = Object.values(EligibilityRule);
