export enum HouseholdType {
  URBAN = 'URBAN',
  RURAL = 'RURAL',
}

/** Current employment; public-sector employment (government, state enterprise, public institution) disqualifies. */
export enum EmploymentStatus {
  UNEMPLOYED = 'UNEMPLOYED',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  FARMER = 'FARMER',
  EMPLOYED_PRIVATE = 'EMPLOYED_PRIVATE',
  EMPLOYED_GOVERNMENT = 'EMPLOYED_GOVERNMENT',
  EMPLOYED_STATE_ENTERPRISE = 'EMPLOYED_STATE_ENTERPRISE',
  EMPLOYED_PUBLIC_INSTITUTION = 'EMPLOYED_PUBLIC_INSTITUTION',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}

export const PUBLIC_SECTOR_EMPLOYMENT: ReadonlyMap<EmploymentStatus, string> = new Map([
  [EmploymentStatus.EMPLOYED_GOVERNMENT, 'GOVERNMENT'],
  [EmploymentStatus.EMPLOYED_STATE_ENTERPRISE, 'STATE_ENTERPRISE'],
  [EmploymentStatus.EMPLOYED_PUBLIC_INSTITUTION, 'PUBLIC_INSTITUTION'],
]);

/** Sub-flags banks tag beside the category (财金〔2018〕107号). */
export enum BorrowerSubFlag {
  DISABLED = 'DISABLED',
  POVERTY_ALLEVIATED = 'POVERTY_ALLEVIATED',
  VILLAGE_OFFICIAL = 'VILLAGE_OFFICIAL',
  RETURNED_FROM_ABROAD = 'RETURNED_FROM_ABROAD',
  ETHNIC_MINORITY = 'ETHNIC_MINORITY',
}

export type OtherLoanHolder = 'APPLICANT' | 'SPOUSE';

/** Loans outside the programme that an applicant or spouse declares (kinds the policy may exempt). */
export interface DeclaredLoan {
  holder: OtherLoanHolder;
  kind: string;
  /** Outstanding principal in fen, as a decimal string (JSON has no bigint). */
  outstandingFen: string;
}

/** Personal fields that are encrypted at rest and masked in every response unless unmasked with a reason. */
export enum PiiField {
  ID_NUMBER = 'idNumber',
  MOBILE = 'mobile',
  SPOUSE_ID_NUMBER = 'spouseIdNumber',
  BANK_ACCOUNT = 'bankAccount',
}
