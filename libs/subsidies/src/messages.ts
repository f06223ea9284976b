import { SHARED_MESSAGES, type ErrorCatalogue } from '@mla/core';
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
  [SubsidyErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [SubsidyErrorCode.REGION_OUTSIDE_SCOPE]: SHARED_MESSAGES.REGION_OUTSIDE_SCOPE,
  [SubsidyErrorCode.NOT_REVERSIBLE]: SHARED_MESSAGES.NOT_REVERSIBLE,
  [SubsidyErrorCode.ALREADY_REVERSED]: SHARED_MESSAGES.ALREADY_REVERSED,
};
