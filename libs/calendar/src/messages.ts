import type { ErrorCatalogue, LabelCatalogue } from '@mla/core';
import { CalendarDayKind, CalendarDayOrigin } from './calendar-day-kind';
import { CalendarErrorCode } from './errors';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const CALENDAR_MESSAGES: ErrorCatalogue<CalendarErrorCode> = {
  [CalendarErrorCode.CALENDAR_YEAR_UNKNOWN]: {
    'zh-CN': [
      '工作日历尚无{year}年的节假日安排，无法按工作日计算期限；请系统管理员按国务院办公厅通知录入{year}年的放假和调休日期',
      '工作日历尚无该年度的节假日安排，无法按工作日计算期限；请系统管理员录入',
    ],
    en: [
      'The working calendar has no holiday arrangement for {year} yet, so deadlines in working days cannot be set; a system administrator must enter the State Council notice for {year}',
      'The working calendar has no holiday arrangement for that year yet; a system administrator must enter it',
    ],
  },
  [CalendarErrorCode.CALENDAR_DAY_EXISTS]: {
    'zh-CN': ['工作日历中已有{date}的记录，如需修改请先删除', '工作日历中已有该日期的记录'],
    en: [
      'The working calendar already has an entry for {date}; remove it first to change it',
      'The working calendar already has an entry for that date',
    ],
  },
  [CalendarErrorCode.CALENDAR_DAY_NOT_FOUND]: {
    'zh-CN': ['工作日历中没有{date}的记录', '工作日历中没有该日期的记录'],
    en: ['The working calendar has no entry for {date}', 'The working calendar has no entry for that date'],
  },
  [CalendarErrorCode.CALENDAR_DAY_DUPLICATE]: {
    'zh-CN': ['日期{date}在本次提交中出现了两次', '同一日期在本次提交中出现了两次'],
    en: ['{date} appears twice in the request', 'A date appears twice in the request'],
  },
};

export const CALENDAR_DAY_KIND_LABELS: LabelCatalogue<CalendarDayKind> = {
  [CalendarDayKind.HOLIDAY]: { 'zh-CN': '法定节假日', en: 'Public holiday' },
  [CalendarDayKind.WORKDAY]: { 'zh-CN': '调休上班日', en: 'Make-up working day' },
};

export const CALENDAR_DAY_ORIGIN_LABELS: LabelCatalogue<CalendarDayOrigin> = {
  [CalendarDayOrigin.PACKAGE]: { 'zh-CN': '内置日历', en: 'Bundled calendar' },
  [CalendarDayOrigin.TABLE]: { 'zh-CN': '管理员录入', en: 'Entered by an administrator' },
};
