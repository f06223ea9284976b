import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { EligibilityRule } from './eligibility/eligibility-types';
import { LoanPolicyErrorCode } from './errors';
import { BORROWER_CATEGORY_LABELS_ZH, BorrowerCategory } from './policies/borrower-category';
import { EMPLOYER_KIND_LABELS_ZH, EmployerKind } from './policies/employer-kind';
import { OTHER_LOAN_KIND_LABELS_ZH, OtherLoanKind } from './policies/other-loan-kind';
import { REPAYMENT_METHOD_LABELS_ZH, RepaymentMethod } from './policies/repayment-method';
import { SubsidyPayee, SubsidyPaymentMode, SubsidyRuleKind } from './policies/subsidy-rule';
import { PenaltyBasis } from './policies/policy-rules';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const LOAN_POLICY_MESSAGES: ErrorCatalogue<LoanPolicyErrorCode> = {
  [LoanPolicyErrorCode.INVALID_POLICY]: {
    'zh-CN': ['贷款政策填写有误：{fields}', '贷款政策填写有误，请检查后重新提交'],
    en: ['The loan policy is invalid: {fields}', 'The loan policy is invalid'],
  },
  [LoanPolicyErrorCode.POLICY_NOT_FOUND]: { 'zh-CN': '贷款政策不存在', en: 'The loan policy was not found' },
  [LoanPolicyErrorCode.POLICY_OVERLAP]: {
    'zh-CN': '该政策的有效期与已启用的版本重叠',
    en: 'The policy’s dates overlap an active version',
  },
  [LoanPolicyErrorCode.POLICY_ALREADY_RETIRED]: {
    'zh-CN': '该政策版本已停用',
    en: 'The policy version is already retired',
  },
  [LoanPolicyErrorCode.JURISDICTION_NOT_FOUND]: {
    'zh-CN': '适用地区不是已登记的行政区划，请先添加该行政区划',
    en: 'The jurisdiction is not a known region; add the region first',
  },
  [LoanPolicyErrorCode.NO_POLICY_IN_FORCE]: {
    'zh-CN': [
      '行政区划{regionCode}在{date}没有生效的贷款政策“{code}”',
      '行政区划{regionCode}在{date}没有生效的贷款政策',
      '没有生效的贷款政策',
    ],
    en: [
      'No active loan policy {code} is in force for region {regionCode} on {date}',
      'No active loan policy is in force for region {regionCode} on {date}',
      'No loan policy is in force',
    ],
  },
  [LoanPolicyErrorCode.AMBIGUOUS_POLICY]: {
    'zh-CN': [
      '行政区划{regionCode}在{date}同时适用多项贷款政策（{codes}），请指定政策代码',
      '同时适用多项贷款政策，请指定政策代码',
    ],
    en: [
      'Policies {codes} all apply to region {regionCode} on {date}; name the code',
      'Several loan policies apply; name the code',
    ],
  },
  [LoanPolicyErrorCode.INVALID_LPR_RATE]: {
    'zh-CN': ['LPR利率填写有误：{fields}', 'LPR利率填写有误'],
    en: ['The LPR rate is invalid: {fields}', 'The LPR rate is invalid'],
  },
  [LoanPolicyErrorCode.LPR_RATE_EXISTS]: {
    'zh-CN': '该日期的LPR已录入',
    en: 'An LPR for this date is already recorded',
  },
  [LoanPolicyErrorCode.LPR_NOT_FOUND]: {
    'zh-CN': ['{date}及之前没有公布的LPR', '没有可用的LPR'],
    en: ['No LPR was published on or before {date}', 'No LPR is recorded'],
  },
  [LoanPolicyErrorCode.INVALID_CURSOR]: SHARED_MESSAGES.INVALID_CURSOR,
};

function withEnglish<V extends string>(
  zh: Readonly<Record<V, string>>,
  en: Readonly<Record<V, string>>,
): LabelCatalogue<V> {
  return Object.fromEntries(
    (Object.keys(zh) as V[]).map((v) => [v, { 'zh-CN': zh[v], en: en[v] }]),
  ) as unknown as LabelCatalogue<V>;
}

export const REPAYMENT_METHOD_LABELS: LabelCatalogue<RepaymentMethod> = withEnglish(REPAYMENT_METHOD_LABELS_ZH, {
  [RepaymentMethod.EQUAL_INSTALLMENT]: 'Equal installments (annuity)',
  [RepaymentMethod.EQUAL_PRINCIPAL]: 'Equal principal',
  [RepaymentMethod.INTEREST_MONTHLY_PRINCIPAL_AT_MATURITY]: 'Monthly interest, principal at maturity',
  [RepaymentMethod.INTEREST_QUARTERLY_PRINCIPAL_AT_MATURITY]: 'Quarterly interest, principal at maturity',
  [RepaymentMethod.BULLET]: 'Principal and interest at maturity',
  [RepaymentMethod.CUSTOM_PRINCIPAL_PLAN]: 'Custom principal plan',
});

export const BORROWER_CATEGORY_LABELS: LabelCatalogue<BorrowerCategory> = withEnglish(BORROWER_CATEGORY_LABELS_ZH, {
  [BorrowerCategory.URBAN_REGISTERED_UNEMPLOYED]: 'Registered urban unemployed',
  [BorrowerCategory.EMPLOYMENT_DIFFICULTY]: 'Person with employment difficulties (incl. disability)',
  [BorrowerCategory.VETERAN]: 'Veteran',
  [BorrowerCategory.RELEASED_PRISONER]: 'Released prisoner',
  [BorrowerCategory.GRADUATE]: 'Graduate (incl. village officials, returned students)',
  [BorrowerCategory.OVERCAPACITY_WORKER]: 'Worker from an overcapacity industry',
  [BorrowerCategory.RETURNING_MIGRANT_WORKER]: 'Returning migrant worker',
  [BorrowerCategory.ONLINE_MERCHANT]: 'Online merchant',
  [BorrowerCategory.POVERTY_REGISTERED]: 'Registered poor / lifted out of poverty',
  [BorrowerCategory.RURAL_SELF_EMPLOYED]: 'Rural self-employed',
});

export const EMPLOYER_KIND_LABELS: LabelCatalogue<EmployerKind> = withEnglish(EMPLOYER_KIND_LABELS_ZH, {
  [EmployerKind.GOVERNMENT]: 'Government body',
  [EmployerKind.PUBLIC_INSTITUTION]: 'Public institution',
  [EmployerKind.STATE_ENTERPRISE]: 'State enterprise',
  [EmployerKind.COLLECTIVE_ENTERPRISE]: 'Collective enterprise',
  [EmployerKind.PRIVATE_ENTERPRISE]: 'Private enterprise',
  [EmployerKind.OTHER]: 'Other employer',
});

export const OTHER_LOAN_KIND_LABELS: LabelCatalogue<OtherLoanKind> = withEnglish(OTHER_LOAN_KIND_LABELS_ZH, {
  [OtherLoanKind.STUDENT]: 'Student loan',
  [OtherLoanKind.POVERTY_RELIEF]: 'Poverty-relief loan',
  [OtherLoanKind.HOUSING]: 'Housing loan',
  [OtherLoanKind.CAR]: 'Car loan',
  [OtherLoanKind.SMALL_CONSUMER]: 'Small consumer loan',
  [OtherLoanKind.BUSINESS]: 'Business loan',
  [OtherLoanKind.OTHER]: 'Other loan',
});

export const SUBSIDY_RULE_KIND_LABELS: LabelCatalogue<SubsidyRuleKind> = {
  [SubsidyRuleKind.FULL_ACTUAL_INTEREST]: { 'zh-CN': '按实际利息全额贴息', en: 'Full actual interest' },
  [SubsidyRuleKind.CONTRACT_RATE_MINUS_BORROWER_SHARE]: {
    'zh-CN': '合同利率扣除借款人承担部分后贴息',
    en: 'Contract rate minus the borrower’s share',
  },
  [SubsidyRuleKind.PERCENT_OF_ACTUAL_INTEREST]: {
    'zh-CN': '按实际利息的一定比例贴息',
    en: 'Percentage of actual interest',
  },
};

export const SUBSIDY_PAYMENT_MODE_LABELS: LabelCatalogue<SubsidyPaymentMode> = {
  [SubsidyPaymentMode.REIMBURSE_AFTER_PAYMENT]: {
    'zh-CN': '先付后贴（借款人先付息，结息后拨付贴息）',
    en: 'Reimbursed after the borrower pays the interest',
  },
};

export const SUBSIDY_PAYEE_LABELS: LabelCatalogue<SubsidyPayee> = {
  [SubsidyPayee.BORROWER_ACCOUNT]: { 'zh-CN': '拨付至借款人账户', en: "To the borrower's account" },
  [SubsidyPayee.BANK_ACCOUNT]: { 'zh-CN': '拨付至经办银行账户', en: "To the lending bank's account" },
};

export const ELIGIBILITY_RULE_LABELS: LabelCatalogue<EligibilityRule> = {
  [EligibilityRule.AGE_BAND]: { 'zh-CN': '年龄符合规定', en: 'Age within the band' },
  [EligibilityRule.AGE_PLUS_TERM]: { 'zh-CN': '年龄加贷款期限不超过上限', en: 'Age plus term within the limit' },
  [EligibilityRule.CATEGORY_ELIGIBLE]: { 'zh-CN': '属于扶持人员类别', en: 'Eligible borrower category' },
  [EligibilityRule.WOMEN_LINE_SEX]: { 'zh-CN': '妇女创业贷款限女性申请', en: "Women's line: female applicant" },
  [EligibilityRule.PUBLIC_SECTOR_EMPLOYMENT]: { 'zh-CN': '非财政供养人员', en: 'Not employed in the public sector' },
  [EligibilityRule.AMOUNT_WITHIN_MAX]: { 'zh-CN': '贷款额度不超过上限', en: 'Amount within the maximum' },
  [EligibilityRule.TERM_WITHIN_MAX]: { 'zh-CN': '贷款期限不超过上限', en: 'Term within the maximum' },
  [EligibilityRule.REPAYMENT_METHOD_ALLOWED]: { 'zh-CN': '还款方式符合政策', en: 'Repayment method allowed' },
  [EligibilityRule.PREVIOUS_LOAN_REPAID]: { 'zh-CN': '前笔贷款已还清', en: 'Previous loan repaid' },
  [EligibilityRule.CUMULATIVE_LOANS]: { 'zh-CN': '累计贷款次数不超过上限', en: 'Cumulative loans within the limit' },
  [EligibilityRule.OTHER_LOANS]: { 'zh-CN': '无其他不符合规定的贷款', en: 'No disqualifying other loans' },
  [EligibilityRule.RATE_WITHIN_CAP]: { 'zh-CN': '贷款利率不超过上限', en: 'Rate within the cap' },
};

export const PENALTY_BASIS_LABELS: LabelCatalogue<PenaltyBasis> = {
  [PenaltyBasis.PRINCIPAL]: { 'zh-CN': '按逾期本金计收罚息', en: 'On overdue principal' },
  [PenaltyBasis.PRINCIPAL_AND_INTEREST]: {
    'zh-CN': '按逾期本金和利息计收罚息（复利）',
    en: 'On overdue principal and interest (compound)',
  },
};
