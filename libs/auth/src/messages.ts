import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { Permission } from './access/permission';
import { AccessErrorCode, AuthErrorCode } from './errors';
import { OrganisationKind } from './organisations/organisation-kind';
import { Role } from './users/role';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const AUTH_MESSAGES: ErrorCatalogue<AuthErrorCode> = {
  [AuthErrorCode.INVALID_CREDENTIALS]: { 'zh-CN': '用户名或密码错误', en: 'Username or password is incorrect' },
  [AuthErrorCode.LOGIN_RATE_LIMITED]: {
    'zh-CN': ['登录失败次数过多，请{retryAfterSeconds}秒后再试', '登录失败次数过多，请稍后再试'],
    en: ['Too many failed logins; try again in {retryAfterSeconds} s', 'Too many failed logins; try again later'],
  },
  [AuthErrorCode.TOKEN_INVALID]: {
    'zh-CN': '登录已失效或尚未登录，请重新登录',
    en: 'You are not signed in, or your session has expired; sign in again',
  },
  [AuthErrorCode.ACCOUNT_DISABLED]: { 'zh-CN': '该账号已停用', en: 'This account is disabled' },
  [AuthErrorCode.USER_NOT_FOUND]: { 'zh-CN': '用户不存在', en: 'The user does not exist' },
  [AuthErrorCode.USERNAME_TAKEN]: { 'zh-CN': '该用户名已被使用', en: 'The username is taken' },
  [AuthErrorCode.ORGANISATION_NOT_FOUND]: {
    'zh-CN': ['「{field}」所指的机构不存在或类型不符', '机构不存在'],
    en: ['The organisation named by {field} does not exist or is of another kind', 'The organisation does not exist'],
  },
  [AuthErrorCode.ORGANISATION_NAME_TAKEN]: {
    'zh-CN': '该地区已有同名机构',
    en: 'An organisation with this name already exists there',
  },
  [AuthErrorCode.ORGANISATION_INACTIVE]: { 'zh-CN': '该机构已停用', en: 'The organisation is inactive' },
  [AuthErrorCode.REGION_NOT_FOUND]: {
    'zh-CN': ['行政区划{code}不存在', '「{field}」所指的行政区划不存在', '行政区划不存在'],
    en: ['Region {code} does not exist', 'The region named by {field} does not exist', 'The region does not exist'],
  },
  [AuthErrorCode.REGION_EXISTS]: { 'zh-CN': '该行政区划已存在', en: 'The region already exists' },
  [AuthErrorCode.REGION_PARENT_MISMATCH]: {
    'zh-CN': '尚未添加上级行政区划，请先添加上级行政区划',
    en: 'The enclosing region is not recorded yet; add it first',
  },
  [AuthErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANISATION]: {
    'zh-CN': ['{organisationKind}的人员不能担任“{role}”角色', '该机构的人员不能担任此角色'],
    en: ['A {organisationKind} cannot hold the role {role}', 'This organisation cannot hold this role'],
  },
  [AuthErrorCode.CURRENT_PASSWORD_WRONG]: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  [AuthErrorCode.CANNOT_CHANGE_OWN_ACCESS]: {
    'zh-CN': '不能修改本人的角色或账号状态',
    en: 'You cannot change your own roles or status',
  },
  [AuthErrorCode.NO_CHANGE]: SHARED_MESSAGES.NO_CHANGE,
  [AuthErrorCode.ADMIN_EXISTS]: { 'zh-CN': '系统管理员已存在', en: 'A system administrator already exists' },
  [AuthErrorCode.WEAK_PASSWORD]: {
    'zh-CN': [
      '「{field}」须为{minLength}至{maxLength}个字符，并同时包含字母和数字',
      '密码强度不足，须同时包含字母和数字，且长度符合要求',
    ],
    en: [
      '{field} must have {minLength} to {maxLength} characters, with letters and digits',
      'The password is too weak: it needs letters and digits, and enough characters',
    ],
  },
  [AuthErrorCode.INVALID_USERNAME]: {
    'zh-CN': '用户名须为3至64个字符，只能包含字母、数字、“.”、“_”或“-”',
    en: 'The username must be 3-64 characters: letters, digits, ".", "_" or "-"',
  },
  [AuthErrorCode.ROLES_REQUIRED]: { 'zh-CN': '请至少选择一个角色', en: 'Choose at least one role' },
  [AuthErrorCode.UNKNOWN_ROLE]: { 'zh-CN': '角色不存在', en: 'Unknown role' },
};

export const ACCESS_MESSAGES: ErrorCatalogue<AccessErrorCode> = {
  [AccessErrorCode.PERMISSION_DENIED]: {
    'zh-CN': ['您的角色无权执行此操作（需要“{permission}”权限）', '您的角色无权执行此操作'],
    en: ['Your role does not allow this (it needs "{permission}")', 'Your role does not allow this'],
  },
  [AccessErrorCode.NOT_FOUND_IN_SCOPE]: {
    'zh-CN': '未找到该记录，或不在您的查看范围内',
    en: 'The record was not found',
  },
};

export const ROLE_LABELS: LabelCatalogue<Role> = {
  [Role.LOAN_OFFICER]: { 'zh-CN': '信贷专干', en: 'Loan officer' },
  [Role.FEDERATION_ADMIN]: { 'zh-CN': '妇联管理员', en: 'Federation administrator' },
  [Role.EMPLOYMENT_REVIEWER]: { 'zh-CN': '人社资格审核员', en: 'Employment bureau reviewer' },
  [Role.GUARANTEE_OPERATOR]: { 'zh-CN': '担保基金经办人员', en: 'Guarantee fund operator' },
  [Role.BANK_OFFICER]: { 'zh-CN': '银行信贷员', en: 'Bank officer' },
  [Role.FINANCE_REVIEWER]: { 'zh-CN': '财政审核员', en: 'Finance bureau reviewer' },
  [Role.AUDITOR]: { 'zh-CN': '审计查询员', en: 'Auditor' },
  [Role.SYSTEM_ADMIN]: { 'zh-CN': '系统管理员', en: 'System administrator' },
};

export const ORGANISATION_KIND_LABELS: LabelCatalogue<OrganisationKind> = {
  [OrganisationKind.WOMENS_FEDERATION]: { 'zh-CN': '妇联', en: "Women's federation" },
  [OrganisationKind.EMPLOYMENT_BUREAU]: { 'zh-CN': '人力资源和社会保障局', en: 'Employment bureau' },
  [OrganisationKind.GUARANTEE_AGENCY]: { 'zh-CN': '担保基金管理机构', en: 'Guarantee agency' },
  [OrganisationKind.BANK_BRANCH]: { 'zh-CN': '经办银行', en: 'Bank branch' },
  [OrganisationKind.FINANCE_BUREAU]: { 'zh-CN': '财政局', en: 'Finance bureau' },
  [OrganisationKind.OPERATOR]: { 'zh-CN': '系统运营单位', en: 'System operator' },
};

export const PERMISSION_LABELS: LabelCatalogue<Permission> = {
  [Permission.REGION_READ]: { 'zh-CN': '查看行政区划', en: 'View regions' },
  [Permission.REGION_MANAGE]: { 'zh-CN': '管理行政区划', en: 'Manage regions' },
  [Permission.ORGANISATION_READ]: { 'zh-CN': '查看机构', en: 'View organisations' },
  [Permission.ORGANISATION_MANAGE]: { 'zh-CN': '管理机构', en: 'Manage organisations' },
  [Permission.USER_READ]: { 'zh-CN': '查看用户', en: 'View users' },
  [Permission.USER_MANAGE]: { 'zh-CN': '管理用户', en: 'Manage users' },
  [Permission.AUDIT_READ]: { 'zh-CN': '查看审计日志', en: 'View the audit log' },
  [Permission.PII_UNMASK]: { 'zh-CN': '查看完整个人信息', en: 'See personal data unmasked' },
  [Permission.POLICY_READ]: { 'zh-CN': '查看贷款政策', en: 'View loan policies' },
  [Permission.POLICY_MANAGE]: { 'zh-CN': '管理贷款政策和LPR', en: 'Manage loan policies and the LPR' },
  [Permission.APPLICANT_READ]: { 'zh-CN': '查看申请人', en: 'View applicants' },
  [Permission.APPLICANT_MANAGE]: { 'zh-CN': '登记和维护申请人', en: 'Register and edit applicants' },
  [Permission.APPLICATION_READ]: { 'zh-CN': '查看贷款申请', en: 'View applications' },
  [Permission.APPLICATION_PREPARE]: {
    'zh-CN': '填报、提交和撤回贷款申请',
    en: 'Draft, submit and withdraw applications',
  },
  [Permission.APPLICATION_REVIEW_FEDERATION]: { 'zh-CN': '妇联初审推荐', en: 'Federation review' },
  [Permission.APPLICATION_REVIEW_EMPLOYMENT]: { 'zh-CN': '人社资格审核', en: 'Employment review' },
  [Permission.APPLICATION_REVIEW_GUARANTEE]: { 'zh-CN': '担保审核', en: 'Guarantee review' },
  [Permission.APPLICATION_REVIEW_BANK]: { 'zh-CN': '银行审批', en: 'Bank review' },
  [Permission.LOAN_READ]: { 'zh-CN': '查看贷款', en: 'View loans' },
  [Permission.LOAN_SIGN]: { 'zh-CN': '签订贷款合同', en: 'Sign loan contracts' },
  [Permission.LOAN_SERVICE]: { 'zh-CN': '办理放款和还款', en: 'Record disbursements and repayments' },
  [Permission.LOAN_FOLLOW_UP]: { 'zh-CN': '登记贷后回访和就业核查', en: 'Record post-loan follow-ups' },
  [Permission.LOAN_CONTACT_RECORD]: { 'zh-CN': '登记贷后回访和催收联系', en: 'Record contacts with borrowers' },
  [Permission.COLLECTION_READ]: { 'zh-CN': '查看催收联系清单', en: 'View the call list' },
  [Permission.QUEUE_MANAGE]: { 'zh-CN': '管理后台任务队列', en: 'Manage the job queues' },
  [Permission.FUND_READ]: { 'zh-CN': '查看担保基金', en: 'View guarantee funds' },
  [Permission.FUND_MANAGE]: { 'zh-CN': '管理担保基金', en: 'Manage guarantee funds' },
  [Permission.FUND_BOOK]: { 'zh-CN': '登记担保基金台账', en: 'Book fund ledger entries' },
  [Permission.COMPENSATION_READ]: { 'zh-CN': '查看代偿', en: 'View compensation claims' },
  [Permission.COMPENSATION_FILE]: { 'zh-CN': '提出代偿申请', en: 'File compensation claims' },
  [Permission.COMPENSATION_DECIDE]: { 'zh-CN': '审核和审批代偿', en: 'Review and decide compensation claims' },
  [Permission.RECOVERY_RECORD]: { 'zh-CN': '登记追偿', en: 'Record recoveries' },
  [Permission.RECONCILIATION_READ]: { 'zh-CN': '查看对账', en: 'View reconciliation' },
  [Permission.STATEMENT_IMPORT]: { 'zh-CN': '导入银行流水', en: 'Import bank statements' },
  [Permission.RECONCILIATION_RESOLVE]: { 'zh-CN': '处理对账差异', en: 'Resolve reconciliation exceptions' },
  [Permission.STATEMENT_RERUN]: { 'zh-CN': '重新运行流水导入', en: 'Re-run statement imports' },
  [Permission.DAILY_CLOSE_READ]: { 'zh-CN': '查看日终处理记录', en: 'View daily close runs' },
  [Permission.DAILY_CLOSE_RUN]: { 'zh-CN': '发起日终处理', en: 'Start a daily close' },
  [Permission.COMPENSATION_ALERT_READ]: { 'zh-CN': '查看代偿预警', en: 'View compensation alerts' },
  [Permission.CALENDAR_READ]: { 'zh-CN': '查看工作日历', en: 'View the working calendar' },
  [Permission.CALENDAR_MANAGE]: { 'zh-CN': '维护工作日历', en: 'Maintain the working calendar' },
  [Permission.SUBSIDY_BUDGET_READ]: { 'zh-CN': '查看贴息预算', en: 'View subsidy budgets' },
  [Permission.SUBSIDY_BUDGET_MANAGE]: {
    'zh-CN': '下达和追加贴息预算',
    en: 'Book subsidy budget allocations and top-ups',
  },
  [Permission.SUBSIDY_CLAIM_READ]: { 'zh-CN': '查看贴息申报', en: 'View subsidy claims' },
  [Permission.SUBSIDY_CLAIM_PREPARE]: { 'zh-CN': '提交贴息申报', en: 'File subsidy claims' },
  [Permission.SUBSIDY_CLAIM_INITIAL_REVIEW]: { 'zh-CN': '贴息申报初审', en: 'Initial review of subsidy claims' },
  [Permission.SUBSIDY_CLAIM_DECIDE]: { 'zh-CN': '审核贴息申报', en: 'Approve or reject subsidy claim lines' },
  [Permission.SUBSIDY_PAYOUT]: { 'zh-CN': '拨付贴息资金', en: 'Pay approved subsidy claims' },
  [Permission.NOTIFICATION_READ]: {
    'zh-CN': '查看提醒规则、短信模板和发送记录',
    en: 'Read reminder rules, templates and messages',
  },
  [Permission.NOTIFICATION_CONFIGURE]: {
    'zh-CN': '维护提醒规则和短信模板',
    en: 'Maintain reminder rules and message templates',
  },
  [Permission.NOTIFICATION_CONSENT]: {
    'zh-CN': '登记借款人短信同意或退订',
    en: 'Record borrowers’ consent or opt-out',
  },
  [Permission.NOTIFICATION_RETRY]: { 'zh-CN': '重发发送失败的短信', en: 'Send failed messages again' },
  [Permission.STATISTICS_READ]: { 'zh-CN': '查看统计数据、报表和预警', en: 'Read statistics, reports and warnings' },
  [Permission.STATISTICS_TARGET_MANAGE]: {
    'zh-CN': '设定年度目标和预警阈值',
    en: 'Set yearly targets and warning thresholds',
  },
};
