import type { ErrorCatalogue, Messages } from '../i18n/messages';
import { CommonErrorCode } from './domain-error';

/**
 * Messages of codes that several contexts declare in their own enums (the client sees one code, so it reads
 * one message): each context's catalogue points at the entry here instead of writing its own.
 */
export const SHARED_MESSAGES = {
  REASON_REQUIRED: {
    'zh-CN': ['请填写「{field}」，说明办理原因', '请填写办理原因'],
    en: ['{field} is required: say why', 'A reason is required'],
  },
  INVALID_AMOUNT: {
    'zh-CN': [
      '「{field}」金额不正确，请填写以元为单位、最多两位小数的有效金额',
      '金额不正确，请填写以元为单位、最多两位小数的有效金额',
    ],
    en: [
      '{field} is not a valid amount in yuan (at most two decimals)',
      'The amount is not valid (yuan, at most two decimals)',
    ],
  },
  INVALID_CURSOR: {
    'zh-CN': '分页参数已失效，请从第一页重新查询',
    en: 'The page cursor is not valid; start again from the first page',
  },
  INVALID_DATE_RANGE: {
    'zh-CN': ['查询区间最长为{maxDays}天', '「{field}」不能早于{min}', '日期区间不正确：结束日期不能早于开始日期'],
    en: [
      'The range may span at most {maxDays} days',
      '{field} must be on or after {min}',
      'The end date must be on or after the start date',
    ],
  },
  CONCURRENT_CHANGE: {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record meanwhile; reload it and try again',
  },
  REGION_OUTSIDE_SCOPE: {
    'zh-CN': '该行政区划不在您的管辖范围内',
    en: 'The region is outside your jurisdiction',
  },
  LOAN_NOT_FOUND: {
    'zh-CN': '贷款不存在或状态已变化，请刷新后重试',
    en: 'The loan was not found or has changed; reload it and try again',
  },
  CONTRACT_NUMBER_TAKEN: {
    'zh-CN': ['合同编号{contractNumber}已被使用', '合同编号已被使用'],
    en: ['Contract number {contractNumber} is already used', 'The contract number is already used'],
  },
  REFERENCE_REQUIRED: {
    'zh-CN': ['请填写「{field}」（凭证号或银行流水号）', '请填写凭证号或银行流水号'],
    en: ['{field} (the payment or bank reference) is required', 'The payment or bank reference is required'],
  },
  REFERENCE_REUSED: {
    'zh-CN': '该凭证号已用于另一笔金额或类型不同的业务，请使用新的凭证号',
    en: 'This reference was used for another posting with other figures; use a new reference',
  },
  ALREADY_REVERSED: {
    'zh-CN': '该笔记录已冲正',
    en: 'This record is already reversed',
  },
  NOT_REVERSIBLE: {
    'zh-CN': '该笔记录不能在此冲正',
    en: 'This record cannot be reversed here',
  },
  NO_CHANGE: {
    'zh-CN': ['「{field}」与原值相同，未作修改', '内容没有变化，未作修改'],
    en: ['{field} is the same as before; nothing was changed', 'Nothing would change'],
  },
  FILE_TOO_LARGE: {
    'zh-CN': ['文件不能超过{maxMiB} MiB', '文件过大，请拆分后上传'],
    en: ['The file may be at most {maxMiB} MiB', 'The file is too large'],
  },
} as const satisfies Record<string, Messages>;

export const COMMON_MESSAGES: ErrorCatalogue<CommonErrorCode> = {
  [CommonErrorCode.VALIDATION_FAILED]: {
    'zh-CN': ['「{field}」填写有误', '提交的内容有误，请检查后重新提交'],
    en: ['{field} is invalid', 'The request is invalid; check it and send it again'],
  },
  [CommonErrorCode.NOT_FOUND]: {
    'zh-CN': ['未找到「{field}」对应的记录', '未找到请求的记录或页面'],
    en: ['Nothing found for {field}', 'The requested record or page was not found'],
  },
  [CommonErrorCode.UNAUTHENTICATED]: {
    'zh-CN': '尚未登录或登录已失效，请重新登录',
    en: 'You are not signed in, or your session has expired; sign in again',
  },
  [CommonErrorCode.FORBIDDEN]: { 'zh-CN': '您无权执行此操作', en: 'You are not allowed to do this' },
  [CommonErrorCode.RATE_LIMITED]: {
    'zh-CN': ['请求过于频繁，请{retryAfterSeconds}秒后再试', '请求过于频繁，请稍后再试'],
    en: ['Too many requests; try again in {retryAfterSeconds} s', 'Too many requests; try again shortly'],
  },
  [CommonErrorCode.CONFLICT]: {
    'zh-CN': '操作与当前数据冲突，请刷新后重试',
    en: 'The request conflicts with the current data; reload and try again',
  },
  [CommonErrorCode.INTERNAL]: {
    'zh-CN': '系统内部错误，请联系系统管理员并提供请求编号',
    en: 'Internal server error; quote the request id when reporting it',
  },
  [CommonErrorCode.SERVICE_UNAVAILABLE]: {
    'zh-CN': ['系统繁忙，请{retryAfterSeconds}秒后重试', '系统繁忙，请稍后重试'],
    en: ['The service is busy; retry in {retryAfterSeconds} s', 'The service is busy; retry shortly'],
  },
  [CommonErrorCode.INVALID_MONEY]: {
    'zh-CN': ['「{field}」不是有效的金额（以元为单位，最多两位小数）', '金额格式不正确（以元为单位，最多两位小数）'],
    en: [
      '{field} is not a valid amount (yuan, at most two decimals)',
      'The amount is not valid (yuan, at most two decimals)',
    ],
  },
  [CommonErrorCode.MONEY_OVERFLOW]: {
    'zh-CN': '金额超出系统允许的范围',
    en: 'The amount is outside the range the system holds',
  },
  [CommonErrorCode.INVALID_ALLOCATION]: { 'zh-CN': '分摊比例不正确', en: 'The allocation is not valid' },
  [CommonErrorCode.INVALID_DAYS]: { 'zh-CN': '计息天数不正确', en: 'The number of interest days is not valid' },
  [CommonErrorCode.INVALID_DAY_BASIS]: { 'zh-CN': '计息基准天数不正确', en: 'The day-count basis is not valid' },
  [CommonErrorCode.INVALID_DECIMAL]: {
    'zh-CN': ['「{field}」不是有效的数字', '数字格式不正确'],
    en: ['{field} is not a valid number', 'The number is not valid'],
  },
  [CommonErrorCode.INVALID_SCALE]: { 'zh-CN': '小数位数不正确', en: 'The number of decimal places is not valid' },
  [CommonErrorCode.INVALID_ROUNDING_MODE]: { 'zh-CN': '舍入方式不正确', en: 'The rounding mode is not valid' },
  [CommonErrorCode.DIVISION_BY_ZERO]: { 'zh-CN': '计算有误：除数为零', en: 'Calculation error: division by zero' },
  [CommonErrorCode.INVALID_DURATION]: { 'zh-CN': '时长不正确', en: 'The duration is not valid' },
  [CommonErrorCode.INVALID_INSTANT]: {
    'zh-CN': [
      '「{field}」不是有效的时间，请使用带时区的格式，如 2024-03-19T16:30:00+08:00',
      '时间格式不正确，请使用带时区的格式，如 2024-03-19T16:30:00+08:00',
    ],
    en: [
      '{field} is not a valid instant; use ISO 8601 with an offset, e.g. 2024-03-19T16:30:00+08:00',
      'The instant is not valid; use ISO 8601 with an offset, e.g. 2024-03-19T16:30:00+08:00',
    ],
  },
  [CommonErrorCode.INVALID_CURSOR]: SHARED_MESSAGES.INVALID_CURSOR,
  [CommonErrorCode.INVALID_KEY]: {
    'zh-CN': '个人信息加密密钥配置有误，请联系系统管理员',
    en: 'The personal-data key is misconfigured; contact the system administrator',
  },
  [CommonErrorCode.UNREADABLE_CIPHERTEXT]: {
    'zh-CN': '加密数据无法读取，请联系系统管理员',
    en: 'An encrypted value cannot be read; contact the system administrator',
  },
  [CommonErrorCode.INVALID_RESIDENT_ID]: {
    'zh-CN': ['「{field}」不是有效的居民身份证号码', '居民身份证号码不正确'],
    en: ['{field} is not a valid resident ID number', 'The resident ID number is not valid'],
  },
  [CommonErrorCode.INVALID_CREDIT_CODE]: {
    'zh-CN': ['「{field}」不是有效的统一社会信用代码', '统一社会信用代码不正确'],
    en: ['{field} is not a valid unified social credit code', 'The unified social credit code is not valid'],
  },
  [CommonErrorCode.INVALID_MOBILE]: {
    'zh-CN': ['「{field}」不是有效的手机号码', '手机号码不正确'],
    en: ['{field} is not a valid mobile number', 'The mobile number is not valid'],
  },
  [CommonErrorCode.INVALID_BANK_ACCOUNT]: {
    'zh-CN': ['「{field}」不是有效的银行账号（12至30位数字）', '银行账号不正确（应为12至30位数字）'],
    en: ['{field} is not a valid bank account (12 to 30 digits)', 'The bank account is not valid (12 to 30 digits)'],
  },
  [CommonErrorCode.INVALID_REGION_CODE]: {
    'zh-CN': ['「{field}」不是有效的行政区划代码', '行政区划代码不正确'],
    en: ['{field} is not a valid region code', 'The region code is not valid'],
  },
};
