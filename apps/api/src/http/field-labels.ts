/**
 * What a clerk calls a request field, for the Chinese messages that name one (「金额（元）」不能为空). Only names
 * that mean one thing across the API; any other field is named as the API names it. `details.field` keeps the API
 * name in every language, for the console to find the input.
 */
const FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  amountYuan: '金额（元）',
  reason: '原因',
  idNumber: '身份证号码',
  spouseIdNumber: '配偶身份证号码',
  mobile: '手机号码',
  bankAccount: '银行账号',
  regionCode: '行政区划代码',
  jurisdictionRegionCode: '适用地区',
  contractNumber: '合同编号',
  termMonths: '贷款期限（月）',
  annualRatePercent: '年利率（%）',
  repaymentMethod: '还款方式',
  externalReference: '银行流水号',
  paymentReference: '付款凭证号',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  roles: '角色',
  organisationId: '所属机构',
  bankOrganisationId: '经办银行',
  agencyOrganisationId: '担保机构',
  creditCode: '统一社会信用代码',
  effectiveFrom: '生效日期',
  effectiveTo: '失效日期',
  oneYearPercent: '一年期LPR（%）',
  fiveYearPercent: '五年期以上LPR（%）',
  months: '展期月数',
  cursor: '分页参数',
  limit: '每页条数',
  file: '文件',
  accountNumber: '账号',
  channel: '还款渠道',
  workingDays: '工作日天数',
  minAge: '最低年龄',
  maxAge: '最高年龄',
  maxTermMonths: '最长贷款期限（月）',
  extensionMaxMonths: '最长展期（月）',
  fiscalYear: '预算年度',
  fundingLevel: '资金级次',
  contactedAt: '联系时间',
  outcome: '联系结果',
  promisedDate: '承诺还款日期',
  promisedAmountYuan: '承诺还款金额（元）',
  dueWithinDays: '即将到期天数',
};

/** A field path as a Chinese message names it: its label when it has one, else the path itself. */
export function fieldLabel(path: string, language: 'zh-CN' | 'en'): string {
  if (language !== 'zh-CN') return path;
  return Object.hasOwn(FIELD_LABELS_ZH, path) ? FIELD_LABELS_ZH[path] : path;
}
