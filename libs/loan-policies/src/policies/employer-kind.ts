/** Kinds of employer; a policy excludes applicants employed by some of them (public sector). */
export enum EmployerKind {
  /** 党政机关. */
  GOVERNMENT = 'GOVERNMENT',
  /** 事业单位. */
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  /** 国有企业. */
  STATE_ENTERPRISE = 'STATE_ENTERPRISE',
  /** 集体企业. */
  COLLECTIVE_ENTERPRISE = 'COLLECTIVE_ENTERPRISE',
  /** 民营企业. */
  PRIVATE_ENTERPRISE = 'PRIVATE_ENTERPRISE',
  OTHER = 'OTHER',
}

export const EMPLOYER_KINDS: readonly EmployerKind[] = Object.values(EmployerKind);

export const EMPLOYER_KIND_LABELS_ZH: Readonly<Record<EmployerKind, string>> = {
  [EmployerKind.GOVERNMENT]: '党政机关',
  [EmployerKind.PUBLIC_INSTITUTION]: '事业单位',
  [EmployerKind.STATE_ENTERPRISE]: '国有企业',
  [EmployerKind.COLLECTIVE_ENTERPRISE]: '集体企业',
  [EmployerKind.PRIVATE_ENTERPRISE]: '民营企业',
  [EmployerKind.OTHER]: '其他单位',
};
