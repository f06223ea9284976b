import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { BorrowerSubFlag, EmploymentStatus, HouseholdType } from './applicants/applicant-enums';
import { ApplicationStatus, LoanPurpose, ReviewStep, type ReviewDecision } from './applications/application-status';
import { ApplicantErrorCode } from './errors';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const APPLICANT_MESSAGES: ErrorCatalogue<ApplicantErrorCode> = {
  [ApplicantErrorCode.APPLICANT_NOT_FOUND]: { 'zh-CN': '申请人不存在', en: 'The applicant was not found' },
  [ApplicantErrorCode.APPLICANT_EXISTS]: {
    'zh-CN': '该人员已登记为申请人，请勿重复登记',
    en: 'This person is already registered as an applicant',
  },
  [ApplicantErrorCode.APPLICANT_ALREADY_REGISTERED]: {
    'zh-CN': [
      '该人员已在其他妇联登记，请联系{contact.regionName}（{contact.regionCode}）妇联协调',
      '该人员已在其他妇联登记，请联系系统管理员协调',
    ],
    en: [
      'This person is already registered with another federation; ask the federation of {contact.regionName} ({contact.regionCode}) to coordinate',
      'This person is already registered with another federation; ask a system administrator to coordinate',
    ],
  },
  [ApplicantErrorCode.REGION_OUTSIDE_SCOPE]: SHARED_MESSAGES.REGION_OUTSIDE_SCOPE,
  [ApplicantErrorCode.CREDIT_CODE_INVALID]: {
    'zh-CN': '统一社会信用代码校验未通过；如确认代码真实有效，请填写核实说明',
    en: 'The unified social credit code fails its check; if the code is real, give the override reason',
  },
  [ApplicantErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [ApplicantErrorCode.APPLICATION_NOT_FOUND]: { 'zh-CN': '贷款申请不存在', en: 'The application was not found' },
  [ApplicantErrorCode.OPEN_APPLICATION_EXISTS]: {
    'zh-CN': ['该申请人已有一笔在办的贷款申请（编号{number}）', '该申请人已有在办的贷款申请，不能办理此操作'],
    en: [
      'The applicant already has open application {number}',
      'The applicant has an open application; this cannot be done',
    ],
  },
  [ApplicantErrorCode.INVALID_TRANSITION]: {
    'zh-CN': '该申请当前的状态不能办理此操作',
    en: 'The application’s status does not allow this',
  },
  [ApplicantErrorCode.CONCURRENT_CHANGE]: SHARED_MESSAGES.CONCURRENT_CHANGE,
  [ApplicantErrorCode.SELF_REVIEW]: {
    'zh-CN': '不能审核本人创建的申请',
    en: 'You cannot review an application you created',
  },
  [ApplicantErrorCode.TWICE_IN_A_ROW]: {
    'zh-CN': '上一步由您办理，下一步须由其他人员办理',
    en: 'You took the last step; another person must take the next one',
  },
  [ApplicantErrorCode.WRONG_BANK]: { 'zh-CN': '该申请不在您所在银行办理', en: 'The application is with another bank' },
  [ApplicantErrorCode.FIELD_VISIT_REQUIRED]: {
    'zh-CN': '推荐前请先登记实地走访情况',
    en: 'Record the field visit before recommending the application',
  },
  [ApplicantErrorCode.NOT_ELIGIBLE]: {
    'zh-CN': '该申请不符合贷款条件，未通过的资格规则见详情',
    en: 'The application fails the eligibility rules listed in the details',
  },
  [ApplicantErrorCode.INVALID_PARTNERSHIP]: {
    'zh-CN': ['「{field}」与其他合伙人重复', '合伙人信息有重复'],
    en: ['{field} repeats a member', 'A partnership member is repeated'],
  },
  [ApplicantErrorCode.GUARANTEE_REQUIRED]: {
    'zh-CN': '担保审核须由担保基金出具担保后完成',
    en: 'The guarantee review is approved by issuing a guarantee from a fund',
  },
  [ApplicantErrorCode.NO_SUCH_VALUE]: {
    'zh-CN': ['该申请人未登记「{field}」', '该申请人未登记此项信息'],
    en: ['{field} is not recorded for this applicant', 'This value is not recorded for the applicant'],
  },
  [ApplicantErrorCode.UNKNOWN_STEP]: { 'zh-CN': '审核环节不存在', en: 'Unknown review step' },
  [ApplicantErrorCode.INVALID_WORKING_DAYS]: {
    'zh-CN': '工作日天数须为1至250之间的整数',
    en: 'Working days must be a whole number from 1 to 250',
  },
  [ApplicantErrorCode.BANK_NOT_FOUND]: {
    'zh-CN': '所选银行不是有效的合作银行网点',
    en: 'The bank is not an active partner bank branch',
  },
  [ApplicantErrorCode.INVALID_AMOUNT]: SHARED_MESSAGES.INVALID_AMOUNT,
};

export const APPLICATION_STATUS_LABELS: LabelCatalogue<ApplicationStatus> = {
  [ApplicationStatus.DRAFT]: { 'zh-CN': '草稿', en: 'Draft' },
  [ApplicationStatus.SUBMITTED]: { 'zh-CN': '待妇联初审', en: 'Submitted' },
  [ApplicationStatus.RECOMMENDED]: { 'zh-CN': '已推荐，待人社资格审核', en: 'Recommended' },
  [ApplicationStatus.ELIGIBILITY_CONFIRMED]: { 'zh-CN': '资格已确认，待担保审核', en: 'Eligibility confirmed' },
  [ApplicationStatus.GUARANTEE_APPROVED]: { 'zh-CN': '担保已通过，待银行审批', en: 'Guarantee approved' },
  [ApplicationStatus.APPROVED]: { 'zh-CN': '审批通过', en: 'Approved' },
  [ApplicationStatus.REJECTED]: { 'zh-CN': '未通过', en: 'Rejected' },
  [ApplicationStatus.RETURNED]: { 'zh-CN': '已退回修改', en: 'Returned for changes' },
  [ApplicationStatus.WITHDRAWN]: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  [ApplicationStatus.CLOSED]: { 'zh-CN': '已办结', en: 'Closed' },
};

export const REVIEW_STEP_LABELS: LabelCatalogue<ReviewStep> = {
  [ReviewStep.FEDERATION_REVIEW]: { 'zh-CN': '妇联初审推荐', en: 'Federation review' },
  [ReviewStep.EMPLOYMENT_REVIEW]: { 'zh-CN': '人社资格审核', en: 'Employment review' },
  [ReviewStep.GUARANTEE_REVIEW]: { 'zh-CN': '担保审核', en: 'Guarantee review' },
  [ReviewStep.BANK_REVIEW]: { 'zh-CN': '银行审批', en: 'Bank review' },
};

export const REVIEW_DECISION_LABELS: LabelCatalogue<ReviewDecision> = {
  APPROVE: { 'zh-CN': '同意', en: 'Approve' },
  REJECT: { 'zh-CN': '不同意', en: 'Reject' },
  RETURN: { 'zh-CN': '退回修改', en: 'Return for changes' },
};

export const LOAN_PURPOSE_LABELS: LabelCatalogue<LoanPurpose> = {
  [LoanPurpose.GREENHOUSE]: { 'zh-CN': '设施农业（大棚）', en: 'Greenhouse farming' },
  [LoanPurpose.LIVESTOCK]: { 'zh-CN': '畜禽养殖', en: 'Livestock' },
  [LoanPurpose.MACHINERY]: { 'zh-CN': '购置农机设备', en: 'Machinery' },
  [LoanPurpose.SHOP]: { 'zh-CN': '个体经营（商铺）', en: 'Shop' },
  [LoanPurpose.PROCESSING]: { 'zh-CN': '加工制造', en: 'Processing' },
  [LoanPurpose.OTHER]: { 'zh-CN': '其他', en: 'Other' },
};

export const HOUSEHOLD_TYPE_LABELS: LabelCatalogue<HouseholdType> = {
  [HouseholdType.URBAN]: { 'zh-CN': '城镇户口', en: 'Urban household' },
  [HouseholdType.RURAL]: { 'zh-CN': '农村户口', en: 'Rural household' },
};

export const EMPLOYMENT_STATUS_LABELS: LabelCatalogue<EmploymentStatus> = {
  [EmploymentStatus.UNEMPLOYED]: { 'zh-CN': '失业', en: 'Unemployed' },
  [EmploymentStatus.SELF_EMPLOYED]: { 'zh-CN': '自主创业/个体经营', en: 'Self-employed' },
  [EmploymentStatus.FARMER]: { 'zh-CN': '务农', en: 'Farmer' },
  [EmploymentStatus.EMPLOYED_PRIVATE]: { 'zh-CN': '在民营企业就业', en: 'Employed (private sector)' },
  [EmploymentStatus.EMPLOYED_GOVERNMENT]: { 'zh-CN': '在党政机关就业', en: 'Employed (government)' },
  [EmploymentStatus.EMPLOYED_STATE_ENTERPRISE]: { 'zh-CN': '在国有企业就业', en: 'Employed (state enterprise)' },
  [EmploymentStatus.EMPLOYED_PUBLIC_INSTITUTION]: { 'zh-CN': '在事业单位就业', en: 'Employed (public institution)' },
  [EmploymentStatus.STUDENT]: { 'zh-CN': '在校学生', en: 'Student' },
  [EmploymentStatus.OTHER]: { 'zh-CN': '其他', en: 'Other' },
};

export const BORROWER_SUB_FLAG_LABELS: LabelCatalogue<BorrowerSubFlag> = {
  [BorrowerSubFlag.DISABLED]: { 'zh-CN': '残疾人', en: 'Person with a disability' },
  [BorrowerSubFlag.POVERTY_ALLEVIATED]: { 'zh-CN': '脱贫人口', en: 'Lifted out of poverty' },
  [BorrowerSubFlag.VILLAGE_OFFICIAL]: { 'zh-CN': '大学生村官', en: 'Village official (graduate)' },
  [BorrowerSubFlag.RETURNED_FROM_ABROAD]: { 'zh-CN': '留学回国人员', en: 'Returned from studying abroad' },
  [BorrowerSubFlag.ETHNIC_MINORITY]: { 'zh-CN': '少数民族', en: 'Ethnic minority' },
};
