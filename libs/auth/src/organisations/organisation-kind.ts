/** The kinds of organisation that take part in the programme. */
export enum OrganisationKind {
  /** 妇联: county / township women's federation office. */
  WOMENS_FEDERATION = 'WOMENS_FEDERATION',
  /** 人社局 / 就业服务机构. */
  EMPLOYMENT_BUREAU = 'EMPLOYMENT_BUREAU',
  /** 担保基金(中心). */
  GUARANTEE_AGENCY = 'GUARANTEE_AGENCY',
  /** 农村信用社 / 农商行 branch. */
  BANK_BRANCH = 'BANK_BRANCH',
  /** 财政局. */
  FINANCE_BUREAU = 'FINANCE_BUREAU',
  /** The operator of this system (system administrators, auditors). */
  OPERATOR = 'OPERATOR',
}

export const ORGANISATION_KINDS = Object.values(OrganisationKind);
