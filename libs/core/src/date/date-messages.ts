import { SHARED_MESSAGES } from '../errors/common-messages';
import type { ErrorCatalogue } from '../i18n/messages';
import { DateErrorCode } from './date-errors';

export const DATE_MESSAGES: ErrorCatalogue<DateErrorCode> = {
  [DateErrorCode.DATE_OUT_OF_RANGE]: {
    'zh-CN': [
      '「{field}」的日期{value}超出允许范围（{min}至{max}）',
      '「{field}」的日期{value}不能早于{min}',
      '「{field}」的日期{value}不能晚于{max}',
      '「{field}」的日期超出允许范围',
      '日期超出允许范围',
    ],
    en: [
      '{field} {value} is outside {min} to {max}',
      '{field} {value} is before {min}',
      '{field} {value} is after {max}',
      '{field} is outside the allowed dates',
      'The date is outside the allowed range',
    ],
  },
  [DateErrorCode.INVALID_DATE_RANGE]: SHARED_MESSAGES.INVALID_DATE_RANGE,
  [DateErrorCode.INVALID_DATE]: {
    'zh-CN': ['「{field}」不是有效的日期（格式为 YYYY-MM-DD）', '日期不正确（格式为 YYYY-MM-DD）'],
    en: ['{field} is not a valid date (YYYY-MM-DD)', 'The date is not valid (YYYY-MM-DD)'],
  },
};
