import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { CompensationAlertStatus } from './alerts/compensation-alert-status';
import { ClaimStatus } from './compensation/claim-status';
import { GuaranteeErrorCode } from './errors';
import { CompensationBasis, FundStatus } from './funds/fund-status';
import { GuaranteeStatus } from './guarantees/guarantee-status';
import { EntryKind, LedgerAccount } from './ledger/entry-kind';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const GUARANTEE_MESSAGES: ErrorCatalogue<GuaranteeErrorCode> = {
  [GuaranteeErrorCode.FUND_NOT_FOUND]: { 'zh-CN': '担保基金不存在', en: 'The guarantee fund was not found' },
  [GuaranteeErrorCode.FUND_CODE_TAKEN]: { 'zh-CN': '该担保基金代码已被使用', en: 'The fund code is taken' },
  [GuaranteeErrorCode.FUND_SUSPENDED]: {
    'zh-CN': ['该担保基金已暂停办理新的担保（原因：{reason}）', '该担保基金已暂停办理新的担保'],
    en: ['The fund is suspended for new guarantees: {reason}', 'The fund is suspended for new guarantees'],
  },
  [GuaranteeErrorCode.INVALID_FUND_RULE]: {
    'zh-CN': ['担保基金规则「{field}」设置有误', '担保基金规则设置有误'],
    en: ['The fund rule {field} is invalid', 'A fund rule is invalid'],
  },
  [GuaranteeErrorCode.AGENCY_NOT_FOUND]: {
    'zh-CN': '所选担保机构不存在、已停用或不在您的查看范围内',
    en: 'The guarantee agency is not an active agency you can see',
  },
  [GuaranteeErrorCode.OUTSIDE_FUND_REGION]: {
    'zh-CN': [
      '申请所在地区（{regionCode}）不在该担保基金的服务区域（{fundRegionCode}）内',
      '申请所在地区不在该担保基金的服务区域内',
    ],
    en: [
      'The application’s region {regionCode} is outside the fund’s region {fundRegionCode}',
      'The application is outside the fund’s region',
    ],
  },
  [GuaranteeErrorCode.CAPACITY_EXCEEDED]: {
    'zh-CN': [
      '担保基金可担保额度不足：尚可担保{availableYuan}元，本笔申请{requestedYuan}元',
      '担保基金可担保额度不足：调整后最多可担保{capacityAfterYuan}元，而在保余额为{liabilityYuan}元',
      '担保基金可担保额度不足',
    ],
    en: [
      'The fund can guarantee {availableYuan} yuan more; this application asks {requestedYuan} yuan',
      'After this the fund could carry {capacityAfterYuan} yuan, but {liabilityYuan} yuan is guaranteed',
      'The fund’s guarantee capacity is exceeded',
    ],
  },
  [GuaranteeErrorCode.INSUFFICIENT_DEPOSIT]: {
    'zh-CN': ['担保基金存款余额（{depositYuan}元）不足', '担保基金存款余额不足'],
    en: ['The fund’s deposit ({depositYuan} yuan) is not enough', 'The fund’s deposit is not enough'],
  },
  [GuaranteeErrorCode.ENTRY_NOT_FOUND]: { 'zh-CN': '台账分录不存在', en: 'The ledger entry was not found' },
  [GuaranteeErrorCode.NOT_REVERSIBLE]: SHARED_MESSAGES.NOT_REVERSIBLE,
  [GuaranteeErrorCode.ALREADY_REVERSED]: SHARED_MESSAGES.ALREADY_REVERSED,
  [GuaranteeErrorCode.GUARANTEE_NOT_FOUND]: { 'zh-CN': '担保记录不存在', en: 'The guarantee was not found' },
  [GuaranteeErrorCode.CLAIM_NOT_FOUND]: { 'zh-CN': '代偿申请不存在', en: 'The compensation claim was not found' },
  [GuaranteeErrorCode.NOT_GUARANTEED]: { 'zh-CN': '该贷款没有担保记录', en: 'The loan has no guarantee' },
  [GuaranteeErrorCode.BEFORE_TRIGGER]: {
    'zh-CN': ['该贷款已逾期{daysPastDue}天，未达到代偿条件（逾期满{triggerDays}天）', '该贷款尚未达到代偿条件'],
    en: [
      'The loan is {daysPastDue} days past due; the fund compensates after {triggerDays}',
      'The loan is not yet due for compensation',
    ],
  },
  [GuaranteeErrorCode.CLAIM_EXISTS]: {
    'zh-CN': ['该贷款已有代偿申请（编号{number}）', '该贷款已有代偿申请'],
    en: ['The loan already has compensation claim {number}', 'The loan already has a compensation claim'],
  },
  [GuaranteeErrorCode.YEARLY_CEILING]: {
    'zh-CN': [
      '本年度已代偿{paidYuan}元，再代偿{claimYuan}元将超过年度代偿上限{ceilingYuan}元',
      '超过担保基金年度代偿上限',
    ],
    en: [
      'The fund has paid {paidYuan} yuan this year; {claimYuan} yuan more would pass the yearly ceiling of {ceilingYuan} yuan',
      'The fund’s yearly compensation ceiling would be passed',
    ],
  },
  [GuaranteeErrorCode.INVALID_CLAIM_STATE]: {
    'zh-CN': '当前状态不能办理此操作',
    en: 'The current status does not allow this',
  },
  [GuaranteeErrorCode.SAME_PERSON]: {
    'zh-CN': '上一步由您办理，下一步须由其他经办人员办理',
    en: 'You took the last step on this claim; another person must take the next one',
  },
  [GuaranteeErrorCode.RECOVERY_TOO_LARGE]: {
    'zh-CN': '累计追偿金额不能超过已代偿金额',
    en: 'Recoveries cannot exceed the amount compensated',
  },
  [GuaranteeErrorCode.REFERENCE_REUSED]: SHARED_MESSAGES.REFERENCE_REUSED,
  [GuaranteeErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [GuaranteeErrorCode.INVALID_AMOUNT]: SHARED_MESSAGES.INVALID_AMOUNT,
  [GuaranteeErrorCode.INVALID_DATE_RANGE]: SHARED_MESSAGES.INVALID_DATE_RANGE,
  [GuaranteeErrorCode.CONTRACT_NUMBER_TAKEN]: SHARED_MESSAGES.CONTRACT_NUMBER_TAKEN,
  [GuaranteeErrorCode.GUARANTEE_EXISTS]: { 'zh-CN': '该申请已有担保', en: 'The application has a guarantee already' },
  [GuaranteeErrorCode.INVALID_CODE]: {
    'zh-CN': '代码须为2至12位大写字母或数字',
    en: 'The code must be 2 to 12 capital letters or digits',
  },
  [GuaranteeErrorCode.INVALID_REGION]: {
    'zh-CN': '行政区划代码不正确',
    en: 'The region code is not a division code',
  },
  [GuaranteeErrorCode.REGION_OUTSIDE_SCOPE]: SHARED_MESSAGES.REGION_OUTSIDE_SCOPE,
  [GuaranteeErrorCode.REQUIRED]: {
    'zh-CN': ['请填写「{field}」', '请填写必填项'],
    en: ['{field} is required', 'A required value is missing'],
  },
  [GuaranteeErrorCode.NO_CHANGE]: SHARED_MESSAGES.NO_CHANGE,
  [GuaranteeErrorCode.INVALID_KIND]: {
    'zh-CN': '手工登记只能选择注资、利息收入或调账',
    en: 'Only contributions, interest income and adjustments are booked by hand',
  },
  [GuaranteeErrorCode.INVALID_CURSOR]: SHARED_MESSAGES.INVALID_CURSOR,
  [GuaranteeErrorCode.REFERENCE_REQUIRED]: SHARED_MESSAGES.REFERENCE_REQUIRED,
  [GuaranteeErrorCode.CONCURRENT_CHANGE]: SHARED_MESSAGES.CONCURRENT_CHANGE,
};

export const FUND_STATUS_LABELS: LabelCatalogue<FundStatus> = {
  [FundStatus.OPEN]: { 'zh-CN': '正常', en: 'Open' },
  [FundStatus.SUSPENDED]: { 'zh-CN': '暂停新增担保', en: 'Suspended' },
};

export const COMPENSATION_BASIS_LABELS: LabelCatalogue<CompensationBasis> = {
  [CompensationBasis.PRINCIPAL]: { 'zh-CN': '本金', en: 'Principal' },
  [CompensationBasis.PRINCIPAL_AND_INTEREST]: { 'zh-CN': '本金和利息', en: 'Principal and interest' },
};

export const LEDGER_ACCOUNT_LABELS: LabelCatalogue<LedgerAccount> = {
  [LedgerAccount.DEPOSIT]: { 'zh-CN': '基金存款', en: 'Deposit' },
  [LedgerAccount.LIABILITY]: { 'zh-CN': '在保责任余额', en: 'Guaranteed liability' },
};

export const ENTRY_KIND_LABELS: LabelCatalogue<EntryKind> = {
  [EntryKind.CONTRIBUTION]: { 'zh-CN': '注资', en: 'Contribution' },
  [EntryKind.INTEREST_INCOME]: { 'zh-CN': '利息收入', en: 'Interest income' },
  [EntryKind.COMPENSATION_PAID]: { 'zh-CN': '代偿支出', en: 'Compensation paid' },
  [EntryKind.RECOVERY_RECEIVED]: { 'zh-CN': '追偿收回', en: 'Recovery received' },
  [EntryKind.ADJUSTMENT]: { 'zh-CN': '调账', en: 'Adjustment' },
  [EntryKind.RESERVE]: { 'zh-CN': '担保占用', en: 'Reserve' },
  [EntryKind.RELEASE_REPAYMENT]: { 'zh-CN': '还款解除担保', en: 'Release on repayment' },
  [EntryKind.RELEASE_END]: { 'zh-CN': '担保终止解除', en: 'Release at the end' },
  [EntryKind.REVERSAL]: { 'zh-CN': '冲正', en: 'Reversal' },
};

export const CLAIM_STATUS_LABELS: LabelCatalogue<ClaimStatus> = {
  [ClaimStatus.FILED]: { 'zh-CN': '已申请待审核', en: 'Filed' },
  [ClaimStatus.REVIEWED]: { 'zh-CN': '已审核待审批', en: 'Reviewed' },
  [ClaimStatus.PAID]: { 'zh-CN': '已代偿', en: 'Paid' },
  [ClaimStatus.REJECTED]: { 'zh-CN': '未通过', en: 'Rejected' },
};

export const GUARANTEE_STATUS_LABELS: LabelCatalogue<GuaranteeStatus> = {
  [GuaranteeStatus.ACTIVE]: { 'zh-CN': '在保', en: 'Active' },
  [GuaranteeStatus.RELEASED]: { 'zh-CN': '已解除', en: 'Released' },
  [GuaranteeStatus.CANCELLED]: { 'zh-CN': '已取消', en: 'Cancelled' },
  [GuaranteeStatus.COMPENSATED]: { 'zh-CN': '已代偿', en: 'Compensated' },
};

export const COMPENSATION_ALERT_STATUS_LABELS: LabelCatalogue<CompensationAlertStatus> = {
  [CompensationAlertStatus.OPEN]: { 'zh-CN': '预警中', en: 'Open' },
  [CompensationAlertStatus.CLOSED]: { 'zh-CN': '已解除', en: 'Closed' },
};
