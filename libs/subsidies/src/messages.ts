import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { SubsidyCheck, SubsidyCheckReason } from './calculation/subsidy-line';
import { SubsidyErrorCode } from './errors';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const SUBSIDY_MESSAGES: ErrorCatalogue<SubsidyErrorCode> = {
  [SubsidyErrorCode.PERIOD_NOT_SETTLED]: {
    'zh-CN': ['贴息期间尚未到结息日{settlementDate}，不能申报', '贴息期间尚未到结息日，不能申报'],
    en: [
      'The subsidy period is not settled until {settlementDate}; it cannot be claimed yet',
      'The subsidy period is not settled yet; it cannot be claimed',
    ],
  },
  [SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND]: {
    'zh-CN': '贴息申报批次不存在',
    en: 'The subsidy claim batch does not exist',
  },
  [SubsidyErrorCode.CLAIM_LINE_NOT_FOUND]: {
    'zh-CN': ['贴息申报明细{lineId}不在该批次中', '贴息申报明细不存在'],
    en: ['Claim line {lineId} is not in this batch', 'The claim line does not exist'],
  },
  [SubsidyErrorCode.CLAIM_INVALID_STATE]: {
    'zh-CN': ['贴息申报批次当前状态（{claimBatchStatus}）不能办理此项操作', '贴息申报批次当前状态不能办理此项操作'],
    en: [
      'The claim batch is {claimBatchStatus}; this step cannot be taken now',
      'The claim batch cannot take this step now',
    ],
  },
  [SubsidyErrorCode.LINE_ALREADY_DECIDED]: {
    'zh-CN': ['贴息申报明细已审核（{claimLineStatus}），不能重复审核', '贴息申报明细已审核，不能重复审核'],
    en: ['The claim line is already decided ({claimLineStatus})', 'The claim line is already decided'],
  },
  [SubsidyErrorCode.OWN_CLAIM_REVIEW_FORBIDDEN]: {
    'zh-CN': '不能审核本人编制、提交或初审的贴息申报',
    en: 'You cannot review a subsidy claim you prepared, submitted or initially reviewed',
  },
  [SubsidyErrorCode.NOTHING_TO_CLAIM]: {
    'zh-CN': ['结息日{settlementDate}的贴息已全部申报，没有可补报的贷款', '没有可补报贴息的贷款'],
    en: [
      'Every loan of the period settled on {settlementDate} is already claimed',
      'There is no loan left to claim for this period',
    ],
  },
  [SubsidyErrorCode.NO_APPROVED_LINES]: {
    'zh-CN': '该批次没有审核通过待拨付的贴息明细',
    en: 'The batch has no approved line to pay',
  },
  [SubsidyErrorCode.NOT_A_SETTLEMENT_DATE]: {
    'zh-CN': ['{settlementDate}不是结息日，下一个结息日为{next}', '该日期不是结息日'],
    en: ['{settlementDate} is not a settlement date; the next one is {next}', 'The date is not a settlement date'],
  },
  [SubsidyErrorCode.BUDGET_EXCEEDED]: {
    'zh-CN': [
      '{fundingLevel}{fiscalYear}年度贴息预算可用余额为{availableYuan}元，不足本次{requestedYuan}元',
      '贴息预算可用余额为{availableYuan}元，不足本次{requestedYuan}元',
      '贴息预算可用余额不足',
    ],
    en: [
      'The {fundingLevel} subsidy budget of {fiscalYear} has {availableYuan} yuan available; {requestedYuan} yuan was asked',
      'The subsidy budget has {availableYuan} yuan available; {requestedYuan} yuan was asked',
      'The subsidy budget does not have enough available',
    ],
  },
  [SubsidyErrorCode.BUDGET_NOT_ALLOCATED]: {
    'zh-CN': ['{fundingLevel}{fiscalYear}年度贴息预算尚未下达', '该年度贴息预算尚未下达'],
    en: [
      'No {fundingLevel} subsidy budget has been allocated for {fiscalYear}',
      'No subsidy budget has been allocated for this year and level',
    ],
  },
  [SubsidyErrorCode.ALLOCATION_EXISTS]: {
    'zh-CN': ['{fundingLevel}{fiscalYear}年度贴息预算已下达，请登记追加预算', '该年度贴息预算已下达，请登记追加预算'],
    en: [
      'The {fundingLevel} subsidy budget of {fiscalYear} is already allocated; book a top-up instead',
      'This budget is already allocated; book a top-up instead',
    ],
  },
  [SubsidyErrorCode.LINE_ALREADY_COMMITTED]: {
    'zh-CN': ['该申报明细已占用预算{committedYuan}元，与本次{requestedYuan}元不一致', '该申报明细已按其他金额占用预算'],
    en: [
      'The claim line already holds {committedYuan} yuan of the budget, not {requestedYuan} yuan',
      'The claim line already holds another amount of the budget',
    ],
  },
  [SubsidyErrorCode.LINE_NOT_COMMITTED]: {
    'zh-CN': '该申报明细未占用此项预算',
    en: 'The claim line holds nothing of this budget',
  },
  [SubsidyErrorCode.LINE_RELEASED]: {
    'zh-CN': '该申报明细占用的预算已释放，不能再拨付或占用',
    en: 'The claim line’s commitment was released; it can no longer be paid or committed',
  },
  [SubsidyErrorCode.LINE_ALREADY_PAID]: {
    'zh-CN': ['该申报明细已在拨付批次{payoutBatchId}中拨付', '该申报明细已拨付'],
    en: ['The claim line was paid in payout batch {payoutBatchId}', 'The claim line is already paid'],
  },
  [SubsidyErrorCode.LINE_NOT_PAID]: {
    'zh-CN': '该申报明细在此拨付批次中没有拨付记录',
    en: 'The claim line has no payout in this batch',
  },
  [SubsidyErrorCode.BUDGET_ENTRY_NOT_FOUND]: { 'zh-CN': '预算台账分录不存在', en: 'The budget entry was not found' },
  [SubsidyErrorCode.INVALID_FUNDING_LEVEL]: {
    'zh-CN': '资金级次须为中央、省级、市级或县级',
    en: 'The funding level must be CENTRAL, PROVINCIAL, CITY or COUNTY',
  },
  [SubsidyErrorCode.INVALID_FISCAL_YEAR]: {
    'zh-CN': ['预算年度须在{min}至{max}之间', '预算年度不正确'],
    en: ['The fiscal year must be between {min} and {max}', 'The fiscal year is not valid'],
  },
  [SubsidyErrorCode.INVALID_BUDGET_KIND]: {
    'zh-CN': '手工登记只能选择下达年度预算或追加预算',
    en: 'Only allocations and top-ups are booked by hand',
  },
  [SubsidyErrorCode.INVALID_AMOUNT]: SHARED_MESSAGES.INVALID_AMOUNT,
  [SubsidyErrorCode.LINE_NOT_APPROVED]: {
    'zh-CN': '该申报明细未审核通过，不能撤销审核',
    en: 'The claim line is not approved; there is no approval to revoke',
  },
  [SubsidyErrorCode.LINE_PAID_NOT_REVOCABLE]: {
    'zh-CN': '该申报明细已拨付，不能撤销审核',
    en: 'The claim line is paid; its approval cannot be revoked',
  },
  [SubsidyErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [SubsidyErrorCode.REGION_OUTSIDE_SCOPE]: SHARED_MESSAGES.REGION_OUTSIDE_SCOPE,
  [SubsidyErrorCode.NOT_REVERSIBLE]: SHARED_MESSAGES.NOT_REVERSIBLE,
  [SubsidyErrorCode.ALREADY_REVERSED]: SHARED_MESSAGES.ALREADY_REVERSED,
  [SubsidyErrorCode.INVALID_SUBSIDY_INPUT]: {
    'zh-CN': ['贴息计算的输入有误：{field}', '贴息计算的输入有误'],
    en: ['The subsidy calculation input is invalid: {field}', 'The subsidy calculation input is invalid'],
  },
};

export const SUBSIDY_CHECK_LABELS: LabelCatalogue<SubsidyCheck> = {
  [SubsidyCheck.WITHIN_AMOUNT_CAP]: { 'zh-CN': '贷款金额在贴息额度上限内', en: 'Amount within the subsidy cap' },
  [SubsidyCheck.WITHIN_RATE_CAP]: { 'zh-CN': '合同利率在贴息利率上限内', en: 'Contract rate within the subsidy cap' },
  [SubsidyCheck.WITHIN_TERM_CAP]: { 'zh-CN': '在贴息期限内', en: 'Within the subsidised term' },
  [SubsidyCheck.NOT_EXTENSION_PERIOD]: { 'zh-CN': '非展期期间', en: 'Not an extension period' },
  [SubsidyCheck.PAID_ON_TIME]: { 'zh-CN': '利息按期足额偿还', en: 'Interest paid in full on time' },
  [SubsidyCheck.PENALTY_NOT_SUBSIDISED]: { 'zh-CN': '罚息不予贴息', en: 'Penalty interest not subsidised' },
  [SubsidyCheck.WITHIN_INTEREST_COLLECTED]: {
    'zh-CN': '贴息不超过实际收取的利息',
    en: 'Subsidy within the interest actually collected',
  },
  [SubsidyCheck.BORROWER_STILL_SELF_EMPLOYED]: {
    'zh-CN': '借款人仍在自主创业（未就业、未歇业）',
    en: 'Borrower still self-employed, business open',
  },
  [SubsidyCheck.WITHIN_FUND_LEVERAGE]: { 'zh-CN': '担保责任在基金放大倍数内', en: "Within the fund's leverage" },
  [SubsidyCheck.LOAN_RAN_WHOLE_PERIOD]: {
    'zh-CN': '贷款在整个计息期间内未结清',
    en: 'Loan outstanding for the whole period',
  },
};

export const SUBSIDY_CHECK_REASON_LABELS: LabelCatalogue<SubsidyCheckReason> = {
  [SubsidyCheckReason.AMOUNT_ABOVE_CAP]: {
    'zh-CN': '贷款金额超过贴息额度上限，超出部分按比例不予贴息',
    en: 'Amount above the cap: the excess is not subsidised, pro rata',
  },
  [SubsidyCheckReason.RATE_ABOVE_CAP]: {
    'zh-CN': '合同利率超过贴息利率上限，超出部分不予贴息',
    en: 'Rate above the cap: the excess rate is not subsidised',
  },
  [SubsidyCheckReason.DAYS_BEYOND_TERM_CAP]: {
    'zh-CN': '超过贴息期限的天数不予贴息',
    en: 'Days beyond the subsidised term are not subsidised',
  },
  [SubsidyCheckReason.EXTENSION_DAYS_EXCLUDED]: {
    'zh-CN': '展期期间不予贴息',
    en: 'Extension days are not subsidised',
  },
  [SubsidyCheckReason.EXTENSION_DAYS_SUBSIDISED_BY_EXCEPTION]: {
    'zh-CN': '展期期间按当地规定的例外期间予以贴息',
    en: 'Extension days subsidised under the dated local exception',
  },
  [SubsidyCheckReason.INTEREST_PAID_LATE_OR_UNPAID]: {
    'zh-CN': '逾期或未足额偿还的利息不予贴息',
    en: 'Interest paid late or not paid is not subsidised',
  },
  [SubsidyCheckReason.INTEREST_NOT_YET_DUE]: {
    'zh-CN': '利息尚未到期，未收取部分暂不贴息',
    en: 'Interest not yet due: the part not collected is not subsidised yet',
  },
  [SubsidyCheckReason.PENALTY_EXCLUDED]: {
    'zh-CN': '已收罚息已剔除，不予贴息',
    en: 'Penalty interest collected is excluded',
  },
  [SubsidyCheckReason.CAPPED_AT_INTEREST_COLLECTED]: {
    'zh-CN': '贴息以实际收取的利息为限',
    en: 'Subsidy capped at the interest actually collected',
  },
  [SubsidyCheckReason.BORROWER_STOPPED_SELF_EMPLOYMENT]: {
    'zh-CN': '借款人已就业或停业，自就业或停业之日起不予贴息',
    en: 'Borrower took a job or closed the business: no subsidy from that day on',
  },
  [SubsidyCheckReason.LIABILITY_ABOVE_LEVERAGE]: {
    'zh-CN': '担保责任超出基金放大倍数的部分不予贴息',
    en: "The part above the fund's leverage is not subsidised",
  },
  [SubsidyCheckReason.PAID_OFF_IN_PERIOD]: {
    'zh-CN': '提前结清，按实际天数计算贴息',
    en: 'Paid off in the period: subsidised for the actual days',
  },
};
