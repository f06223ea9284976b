/** How a loan is repaid; a policy lists the methods it allows. */
export enum RepaymentMethod {
  /** 等额本息. */
  EQUAL_INSTALLMENT = 'EQUAL_INSTALLMENT',
  /** 等额本金. */
  EQUAL_PRINCIPAL = 'EQUAL_PRINCIPAL',
  /** 按月付息到期还本. */
  INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY = 'INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY',
  /** 按季付息到期还本 (the most common). */
  INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY = 'INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY',
  /** 到期一次还本付息. */
  BULLET = 'BULLET',
  /** Custom principal plan, e.g. 10%/20%/70% at months 12/24/36. */
  CUSTOM_PRINCIPAL_PLAN = 'CUSTOM_PRINCIPAL_PLAN',
}

export const REPAYMENT_METHODS: readonly RepaymentMethod[] = Object.values(RepaymentMethod);

export const REPAYMENT_METHOD_LABELS_ZH: Readonly<Record<RepaymentMethod, string>> = {
  [RepaymentMethod.EQUAL_INSTALLMENT]: '等额本息',
  [RepaymentMethod.EQUAL_PRINCIPAL]: '等额本金',
  [RepaymentMethod.INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY]: '按月付息到期还本',
  [RepaymentMethod.INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY]: '按季付息到期还本',
  [RepaymentMethod.BULLET]: '到期一次还本付息',
  [RepaymentMethod.CUSTOM_PRINCIPAL_PLAN]: '自定义还本计划',
};
