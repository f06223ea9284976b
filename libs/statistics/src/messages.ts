import type { ErrorCatalogue } from '@mla/core';
import { StatisticsErrorCode } from './errors';

/** What users read for each code of this context (zh-CN by default, English on request). */
export const STATISTICS_MESSAGES: ErrorCatalogue<StatisticsErrorCode> = {
  [StatisticsErrorCode.INVALID_TARGET_KIND]: {
    'zh-CN': ['目标类型“{value}”不存在', '目标类型不存在'],
    en: ['Target kind "{value}" does not exist', 'The target kind does not exist'],
  },
  [StatisticsErrorCode.INVALID_TARGET_VALUE]: {
    'zh-CN': ['目标值“{value}”不符合{unitZh}的格式', '目标值格式不正确'],
    en: ['Target value "{value}" is not a valid {unitEn}', 'The target value is not valid'],
  },
  [StatisticsErrorCode.INVALID_STATISTICS_YEAR]: {
    'zh-CN': ['年度{value}不在统计范围内（{min}—{max}）', '年度不在统计范围内'],
    en: ['Year {value} is outside the years covered ({min}–{max})', 'The year is outside the years covered'],
  },
  [StatisticsErrorCode.STATISTICS_TARGET_NOT_FOUND]: {
    'zh-CN': '统计目标不存在',
    en: 'The statistics target does not exist',
  },
  [StatisticsErrorCode.INVALID_STATISTICS_PERIOD]: {
    'zh-CN': ['统计期间不正确：{reasonZh}', '统计期间不正确'],
    en: ['The period is not valid: {reasonEn}', 'The period is not valid'],
  },
  [StatisticsErrorCode.INVALID_STATISTICS_DIMENSION]: {
    'zh-CN': ['不能按“{value}”分组统计', '不能按此维度分组统计'],
    en: ['Figures cannot be broken down by "{value}" here', 'Figures cannot be broken down this way here'],
  },
  [StatisticsErrorCode.SNAPSHOT_DATE_NOT_CLOSED]: {
    'zh-CN': ['{businessDate}尚未日终，不能生成统计快照', '该日期尚未日终，不能生成统计快照'],
    en: [
      '{businessDate} has not been closed; its statistics cannot be taken yet',
      'The date has not been closed; its statistics cannot be taken yet',
    ],
  },
};
