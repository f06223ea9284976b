/**
 * Kinds of loan an applicant or spouse may already hold. A policy names the kinds that do not block a new
 * loan (student, poverty-relief, housing, car, small consumer loans up to a limit).
 */
export enum OtherLoanKind {
  STUDENT = 'STUDENT',
  POVERTY_RELIEF = 'POVERTY_RELIEF',
  HOUSING = 'HOUSING',
  CAR = 'CAR',
  /** Small consumer loans, credit cards included; exempt only up to the policy's smallConsumerLoanMaxFen. */
  SMALL_CONSUMER = 'SMALL_CONSUMER',
  BUSINESS = 'BUSINESS',
  OTHER = 'OTHER',
}

export const OTHER_LOAN_KINDS: readonly OtherLoanKind[] = Object.values(OtherLoanKind);

export const OTHER_LOAN_KIND_LABELS_ZH: Readonly<Record<OtherLoanKind, string>> = {
  [OtherLoanKind.STUDENT]: '助学贷款',
  [OtherLoanKind.POVERTY_RELIEF]: '扶贫贷款',
  [OtherLoanKind.HOUSING]: '住房贷款',
  [OtherLoanKind.CAR]: '购车贷款',
  [OtherLoanKind.SMALL_CONSUMER]: '小额消费贷款',
  [OtherLoanKind.BUSINESS]: '经营性贷款',
  [OtherLoanKind.OTHER]: '其他贷款',
};
