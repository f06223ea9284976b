export enum Role {
  /** 信贷专干/妇联干部: registers applicants, visits, recommends, follows up. */
  LOAN_OFFICER = 'LOAN_OFFICER',
  /** Manages the federation's work and its officers. */
  FEDERATION_ADMIN = 'FEDERATION_ADMIN',
  /** 人社局: confirms eligibility category. */
  EMPLOYMENT_REVIEWER = 'EMPLOYMENT_REVIEWER',
  /** 担保基金: issues guarantees, handles compensation and recovery. */
  GUARANTEE_OPERATOR = 'GUARANTEE_OPERATOR',
  /** Bank partner: credit review, disbursement, collection, reconciliation. */
  BANK_OFFICER = 'BANK_OFFICER',
  /** 财政局: reviews and pays subsidy claims. */
  FINANCE_REVIEWER = 'FINANCE_REVIEWER',
  /** Read-only statistics, audit log, exports. */
  AUDITOR = 'AUDITOR',
  /** Runs the system: organisations, users, configuration. */
  SYSTEM_ADMIN = 'SYSTEM_ADMIN',
}

export const ROLES = Object.values(Role);

/** Which organisation kinds may hold a role (a bank officer works for a bank, and so on). */
export const ROLE_ORGANISATION_KINDS: Record<Role, readonly string[]> = {
  [Role.LOAN_OFFICER]: ['WOMENS_FEDERATION'],
  [Role.FEDERATION_ADMIN]: ['WOMENS_FEDERATION'],
  [Role.EMPLOYMENT_REVIEWER]: ['EMPLOYMENT_BUREAU'],
  [Role.GUARANTEE_OPERATOR]: ['GUARANTEE_AGENCY'],
  [Role.BANK_OFFICER]: ['BANK_BRANCH'],
  [Role.FINANCE_REVIEWER]: ['FINANCE_BUREAU'],
  [Role.AUDITOR]: ['OPERATOR', 'WOMENS_FEDERATION', 'FINANCE_BUREAU', 'EMPLOYMENT_BUREAU', 'GUARANTEE_AGENCY'],
  [Role.SYSTEM_ADMIN]: ['OPERATOR'],
};
