import { SHARED_MESSAGES, type ErrorCatalogue, type LabelCatalogue } from '@mla/core';
import { DailyCloseRunStatus, DailyCloseTrigger } from './daily-close/daily-close-run-status';
import type { BackdatedPostingStatus } from './servicing/backdated-posting-request.entity';
import { InstallmentStatus, LoanStatus } from './contracts/loan-status';
import { ContactKind, ContactOutcome } from './contacts/contact-enums';
import { LoanErrorCode } from './errors';
import { BusinessState, FollowUpKind } from './follow-ups/follow-up-kinds';
import { ScheduleErrorCode } from './schedule/schedule-errors';
import type { REPAYMENT_CHANNELS } from './servicing/posting-input';
import type { Repayment, RepaymentStatus } from './servicing/repayment.entity';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const LOAN_MESSAGES: ErrorCatalogue<LoanErrorCode> = {
  [LoanErrorCode.LOAN_NOT_FOUND]: SHARED_MESSAGES.LOAN_NOT_FOUND,
  [LoanErrorCode.APPLICATION_NOT_APPROVED]: {
    'zh-CN': '贷款申请尚未审批通过，不能签订合同',
    en: 'The application is not approved; no contract can be signed',
  },
  [LoanErrorCode.LOAN_EXISTS]: { 'zh-CN': '该申请已签订贷款合同', en: 'The application already has a loan' },
  [LoanErrorCode.CONTRACT_NUMBER_TAKEN]: SHARED_MESSAGES.CONTRACT_NUMBER_TAKEN,
  [LoanErrorCode.RATE_ABOVE_CAP]: {
    'zh-CN': ['年利率不得超过{capPercent}%（一年期LPR {lprPercent}% 加政策规定的基点）', '年利率超过政策规定的上限'],
    en: [
      'The annual rate may be at most {capPercent}% (1-year LPR {lprPercent}% plus the policy’s margin)',
      'The annual rate is above the policy’s cap',
    ],
  },
  [LoanErrorCode.METHOD_NOT_ALLOWED]: {
    'zh-CN': '贷款政策不允许该还款方式',
    en: 'The loan policy does not allow this repayment method',
  },
  [LoanErrorCode.TERM_ABOVE_MAX]: {
    'zh-CN': '贷款期限超过政策规定的最长期限',
    en: 'The term is longer than the policy allows',
  },
  [LoanErrorCode.INVALID_RATE]: {
    'zh-CN': ['「{field}」须为百分比数值，如 4.35', '利率须为百分比数值，如 4.35'],
    en: ['{field} must be a percentage such as 4.35', 'The rate must be a percentage such as 4.35'],
  },
  [LoanErrorCode.INVALID_ALLOCATION_ORDER]: {
    'zh-CN': '还款冲抵顺序须包含罚息、利息、本金且各出现一次',
    en: 'The allocation order must list penalty, interest and principal once each',
  },
  [LoanErrorCode.ALREADY_DISBURSED]: { 'zh-CN': '该贷款已放款', en: 'The loan is disbursed already' },
  [LoanErrorCode.AMOUNT_DIFFERS]: {
    'zh-CN': '放款金额与合同金额不一致',
    en: 'The amount differs from the contract’s',
  },
  [LoanErrorCode.NOT_IN_QUEUE]: {
    'zh-CN': '该合同不在您的待放款清单中',
    en: 'The contract is not waiting for disbursement in your queue',
  },
  [LoanErrorCode.NOTHING_TO_CONFIRM]: { 'zh-CN': '没有需要确认的放款', en: 'No disbursement to confirm' },
  [LoanErrorCode.REFERENCE_REQUIRED]: SHARED_MESSAGES.REFERENCE_REQUIRED,
  [LoanErrorCode.EXTENSION_USED]: {
    'zh-CN': '该贷款已办理过展期，每笔贷款只能展期一次',
    en: 'The loan was extended already; only one extension is allowed',
  },
  [LoanErrorCode.EXTENSION_TOO_LONG]: {
    'zh-CN': '展期月数超过贷款政策允许的上限',
    en: 'The extension is longer than the loan policy allows',
  },
  [LoanErrorCode.EXTENSION_NOT_POSSIBLE]: {
    'zh-CN': '当前不能办理展期：仅无逾期的正常贷款可在还款期末办理展期',
    en: 'The loan cannot be extended now: only an active loan without arrears, at a period boundary',
  },
  [LoanErrorCode.REASON_REQUIRED]: SHARED_MESSAGES.REASON_REQUIRED,
  [LoanErrorCode.INVALID_AMOUNT]: SHARED_MESSAGES.INVALID_AMOUNT,
  [LoanErrorCode.LOAN_NOT_REPAYABLE]: {
    'zh-CN': '该贷款当前的状态不能还款',
    en: 'The loan’s status does not allow repayments',
  },
  [LoanErrorCode.REFERENCE_REUSED]: SHARED_MESSAGES.REFERENCE_REUSED,
  [LoanErrorCode.PAYOFF_SHORT]: {
    'zh-CN': [
      '还款金额不足以结清贷款，截至{quote.date}应还{quote.netYuan}元',
      '还款金额不足以结清贷款，请按提前结清试算金额还款',
    ],
    en: [
      'The amount does not pay the loan off: {quote.netYuan} yuan is due on {quote.date}',
      'The amount does not pay the loan off; pay the payoff quote',
    ],
  },
  [LoanErrorCode.PREPAYMENT_NOT_POSSIBLE]: {
    'zh-CN': '当前不能提前还款，请先归还已到期的欠款',
    en: 'A prepayment is not possible now; pay what is due first',
  },
  [LoanErrorCode.PREPAYMENT_AMOUNT]: {
    'zh-CN': '提前还款金额须大于已计利息、小于结清金额',
    en: 'A prepayment must be more than the interest accrued and less than a payoff',
  },
  [LoanErrorCode.REPAYMENT_NOT_FOUND]: { 'zh-CN': '还款记录不存在', en: 'The repayment was not found' },
  [LoanErrorCode.ALREADY_REVERSED]: SHARED_MESSAGES.ALREADY_REVERSED,
  [LoanErrorCode.LOAN_CLOSED]: {
    'zh-CN': '该贷款已结束（已代偿或已核销），其还款记录不能冲正',
    en: 'The loan has ended (compensated or written off); its repayments can no longer be reversed',
  },
  [LoanErrorCode.NOT_REVERSIBLE]: SHARED_MESSAGES.NOT_REVERSIBLE,
  [LoanErrorCode.LATER_REPAYMENTS_EXIST]: {
    'zh-CN': '请先冲正该贷款之后的还款（从最近一笔开始）',
    en: 'Reverse the later repayments of this loan first (newest first)',
  },
  [LoanErrorCode.BACKDATED_ACROSS_RESCHEDULE]: {
    'zh-CN': [
      '入账日期早于{limit}的提前还款、结清或展期，该笔还款无法追溯入账',
      '入账日期早于已改变还款计划的提前还款、结清或展期，该笔还款无法追溯入账',
    ],
    en: [
      'The value date is before the prepayment, payoff or extension of {limit}, which rewrote the schedule',
      'The value date is before a prepayment, payoff or extension that rewrote the schedule',
    ],
  },
  [LoanErrorCode.BACKDATE_REASON_REQUIRED]: {
    'zh-CN': [
      '还款入账日期倒签超过{backdateApprovalDays}天，须填写原因并由另一名工作人员复核',
      '还款入账日期倒签超过规定天数，须填写原因并由另一名工作人员复核',
    ],
    en: [
      'A repayment dated more than {backdateApprovalDays} days back needs a reason and a second person to approve it',
      'A repayment dated this far back needs a reason and a second person to approve it',
    ],
  },
  [LoanErrorCode.BACKDATED_POSTING_NOT_FOUND]: {
    'zh-CN': '倒签还款申请不存在',
    en: 'The back-dated posting request was not found',
  },
  [LoanErrorCode.BACKDATED_POSTING_DECIDED]: {
    'zh-CN': '该倒签还款申请已审批或已驳回',
    en: 'The back-dated posting request was approved or rejected already',
  },
  [LoanErrorCode.BACKDATED_POSTING_SELF_DECISION]: {
    'zh-CN': '提交倒签还款申请的人不能自行审批或驳回',
    en: 'The person who asked for a back-dated posting cannot approve or reject it',
  },
  [LoanErrorCode.DAILY_CLOSE_RUNNING]: {
    'zh-CN': ['{businessDate}的日终处理正在进行，请稍后再试', '日终处理正在进行，请稍后再试'],
    en: ['The daily close of {businessDate} is running; try again later', 'A daily close is running; try again later'],
  },
  [LoanErrorCode.DAILY_CLOSE_OUT_OF_ORDER]: {
    'zh-CN': [
      '日终须按日期顺序进行：{value}早于已完成日终的{lastClosed}，且从未处理',
      '日终须按日期顺序进行，该日期早于已完成的日终日期',
    ],
    en: [
      'Daily closes run in date order: {value} is before {lastClosed}, already closed, and was never closed',
      'Daily closes run in date order: this date is before a date already closed',
    ],
  },
  [LoanErrorCode.DAILY_CLOSE_EARLIER_DATE_FAILED]: {
    'zh-CN': ['更早日期{failedDate}的日终处理失败，须先处理', '更早日期的日终处理失败，须先处理'],
    en: [
      'The daily close of an earlier date, {failedDate}, failed; it must succeed first',
      'The daily close of an earlier date failed; it must succeed first',
    ],
  },
  [LoanErrorCode.FOLLOW_UP_NOT_FOUND]: { 'zh-CN': '未找到该回访记录', en: 'Follow-up not found' },
  [LoanErrorCode.FOLLOW_UP_INVALID]: {
    'zh-CN': [
      '回访记录填写有误：{field}（就业或停业须填写变化生效日期，仍在经营则不填；带动就业人数为不小于0的整数）',
      '回访记录填写有误',
    ],
    en: [
      'The follow-up is not filled in correctly: {field} (a job elsewhere or a closure needs the date it took effect, an operating business none; jobs created is a whole number from 0)',
      'The follow-up is not filled in correctly',
    ],
  },
  [LoanErrorCode.FOLLOW_UP_NOT_POSSIBLE]: {
    'zh-CN': '贷款尚未放款，不能登记贷后回访',
    en: 'The loan is not disbursed; no follow-up can be recorded',
  },
  [LoanErrorCode.FOLLOW_UP_WITHDRAWN]: { 'zh-CN': '该回访记录已撤销', en: 'The follow-up was withdrawn already' },
  [LoanErrorCode.CONTACT_PROMISE_WITHOUT_PROMISE]: {
    'zh-CN': [
      '只有联系结果为「承诺还款」时才能填写「{field}」',
      '只有联系结果为「承诺还款」时才能填写承诺还款日期或金额',
    ],
    en: [
      '{field} goes with the outcome PROMISED_TO_PAY only',
      'A promised date or amount goes with the outcome PROMISED_TO_PAY only',
    ],
  },
};

export const SCHEDULE_MESSAGES: ErrorCatalogue<ScheduleErrorCode> = {
  [ScheduleErrorCode.INVALID_SCHEDULE_INPUT]: {
    'zh-CN': ['「{field}」填写有误，无法生成还款计划', '还款计划参数有误'],
    en: ['{field} is invalid; the schedule cannot be built', 'The schedule input is invalid'],
  },
  [ScheduleErrorCode.INVALID_PRINCIPAL_PLAN]: {
    'zh-CN': ['还本计划「{field}」有误', '还本计划有误'],
    en: ['The principal plan is invalid at {field}', 'The principal plan is invalid'],
  },
  [ScheduleErrorCode.INVALID_SCHEDULE_CONVENTION]: {
    'zh-CN': ['还款计划规则「{field}」设置有误', '还款计划规则设置有误'],
    en: ['The schedule convention {field} is invalid', 'A schedule convention is invalid'],
  },
};

export const LOAN_STATUS_LABELS: LabelCatalogue<LoanStatus> = {
  [LoanStatus.SIGNED]: { 'zh-CN': '已签约待放款', en: 'Signed' },
  [LoanStatus.ACTIVE]: { 'zh-CN': '正常还款', en: 'Active' },
  [LoanStatus.OVERDUE]: { 'zh-CN': '逾期', en: 'Overdue' },
  [LoanStatus.REPAID]: { 'zh-CN': '已结清', en: 'Repaid' },
  [LoanStatus.COMPENSATED]: { 'zh-CN': '已代偿', en: 'Compensated' },
  [LoanStatus.WRITTEN_OFF]: { 'zh-CN': '已核销', en: 'Written off' },
};

export const INSTALLMENT_STATUS_LABELS: LabelCatalogue<InstallmentStatus> = {
  [InstallmentStatus.PENDING]: { 'zh-CN': '未到期', en: 'Pending' },
  [InstallmentStatus.PARTIALLY_PAID]: { 'zh-CN': '部分还款', en: 'Partially paid' },
  [InstallmentStatus.PAID]: { 'zh-CN': '已还清', en: 'Paid' },
  [InstallmentStatus.OVERDUE]: { 'zh-CN': '逾期', en: 'Overdue' },
  [InstallmentStatus.SUPERSEDED]: { 'zh-CN': '已被展期计划替代', en: 'Superseded' },
};

export const REPAYMENT_KIND_LABELS: LabelCatalogue<Repayment['kind']> = {
  REGULAR: { 'zh-CN': '正常还款', en: 'Regular repayment' },
  PAYOFF: { 'zh-CN': '提前结清', en: 'Payoff' },
  PREPAYMENT: { 'zh-CN': '部分提前还款', en: 'Partial prepayment' },
};

export const REPAYMENT_STATUS_LABELS: LabelCatalogue<RepaymentStatus> = {
  POSTED: { 'zh-CN': '已入账', en: 'Posted' },
  REVERSED: { 'zh-CN': '已冲正', en: 'Reversed' },
};

export const REPAYMENT_CHANNEL_LABELS: LabelCatalogue<(typeof REPAYMENT_CHANNELS)[number]> = {
  BANK_COUNTER: { 'zh-CN': '银行柜台', en: 'Bank counter' },
  TRANSFER: { 'zh-CN': '转账', en: 'Transfer' },
  AUTO_DEBIT: { 'zh-CN': '自动扣款', en: 'Automatic debit' },
  STATEMENT_IMPORT: { 'zh-CN': '银行流水导入', en: 'Bank statement import' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
};

/** What a partial prepayment shortens: the installments (same maturity) or the term (same installment). */
export const PREPAYMENT_MODE_LABELS: LabelCatalogue<'REAMORTISE' | 'SHORTEN'> = {
  REAMORTISE: { 'zh-CN': '期限不变，减少每期还款额', en: 'Keep the maturity, lower the installments' },
  SHORTEN: { 'zh-CN': '每期还款额不变，缩短期限', en: 'Keep the installment, shorten the term' },
};

export const DAILY_CLOSE_RUN_STATUS_LABELS: LabelCatalogue<DailyCloseRunStatus> = {
  [DailyCloseRunStatus.RUNNING]: { 'zh-CN': '处理中', en: 'Running' },
  [DailyCloseRunStatus.SUCCEEDED]: { 'zh-CN': '已完成', en: 'Succeeded' },
  [DailyCloseRunStatus.FAILED]: { 'zh-CN': '失败', en: 'Failed' },
};

export const DAILY_CLOSE_TRIGGER_LABELS: LabelCatalogue<DailyCloseTrigger> = {
  [DailyCloseTrigger.SCHEDULED]: { 'zh-CN': '定时任务', en: 'Scheduled' },
  [DailyCloseTrigger.CATCH_UP]: { 'zh-CN': '补跑', en: 'Catch-up' },
  [DailyCloseTrigger.MANUAL]: { 'zh-CN': '管理员发起', en: 'Started by an administrator' },
  [DailyCloseTrigger.CLI]: { 'zh-CN': '命令行', en: 'Command line' },
};

export const BACKDATED_POSTING_STATUS_LABELS: LabelCatalogue<BackdatedPostingStatus> = {
  PENDING: { 'zh-CN': '待复核', en: 'Pending' },
  APPROVED: { 'zh-CN': '已批准入账', en: 'Approved and posted' },
  REJECTED: { 'zh-CN': '已驳回', en: 'Rejected' },
};

export const FOLLOW_UP_KIND_LABELS: LabelCatalogue<FollowUpKind> = {
  [FollowUpKind.ON_SITE_VISIT]: { 'zh-CN': '实地回访', en: 'On-site visit' },
  [FollowUpKind.PHONE]: { 'zh-CN': '电话回访', en: 'Phone call' },
  [FollowUpKind.EMPLOYMENT_CHECK]: { 'zh-CN': '就业核查', en: 'Employment check' },
};

export const BUSINESS_STATE_LABELS: LabelCatalogue<BusinessState> = {
  [BusinessState.STILL_OPERATING]: { 'zh-CN': '仍在自主经营', en: 'Still operating' },
  [BusinessState.EMPLOYED_ELSEWHERE]: { 'zh-CN': '已在他处就业', en: 'Employed elsewhere' },
  [BusinessState.BUSINESS_CLOSED]: { 'zh-CN': '已停业', en: 'Business closed' },
};

export const CONTACT_KIND_LABELS: LabelCatalogue<ContactKind> = {
  [ContactKind.PHONE_CALL]: { 'zh-CN': '电话', en: 'Phone call' },
  [ContactKind.VISIT]: { 'zh-CN': '上门走访', en: 'Visit' },
  [ContactKind.SMS]: { 'zh-CN': '短信', en: 'Text message' },
  [ContactKind.OTHER]: { 'zh-CN': '其他', en: 'Other' },
};

export const CONTACT_OUTCOME_LABELS: LabelCatalogue<ContactOutcome> = {
  [ContactOutcome.REACHED]: { 'zh-CN': '已联系上', en: 'Reached' },
  [ContactOutcome.NOT_REACHED]: { 'zh-CN': '未联系上', en: 'Not reached' },
  [ContactOutcome.PROMISED_TO_PAY]: { 'zh-CN': '承诺还款', en: 'Promised to pay' },
  [ContactOutcome.REFUSED]: { 'zh-CN': '拒绝还款', en: 'Refused' },
  [ContactOutcome.WRONG_NUMBER]: { 'zh-CN': '号码错误', en: 'Wrong number' },
  [ContactOutcome.CLAIMS_PAID]: { 'zh-CN': '称已还款', en: 'Says she has paid' },
  [ContactOutcome.OTHER]: { 'zh-CN': '其他', en: 'Other' },
};
