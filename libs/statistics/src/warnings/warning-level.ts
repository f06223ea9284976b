import type { LabelCatalogue } from '@mla/core';

/** How far an indicator is off its target or past its threshold. */
export enum WarningLevel {
  /** Behind the pace of the year or near the line (关注). */
  ATTENTION = 'ATTENTION',
  /** Past the line (预警). */
  WARNING = 'WARNING',
  /** Far past it: the projected year end misses by a fifth or more, or a threshold crossed by half again (严重). */
  SEVERE = 'SEVERE',
}

/** Which way the monthly series points. */
export enum WarningTrend {
  /** Behind the pace the target asks for at this point of the year. */
  BEHIND_PACE = 'BEHIND_PACE',
  /** Worse than a month before. */
  WORSENING = 'WORSENING',
  /** Better than a month before, still off. */
  IMPROVING = 'IMPROVING',
  STEADY = 'STEADY',
}

export enum WarningStatus {
  OPEN = 'OPEN',
  CLEARED = 'CLEARED',
}

export const WARNING_LEVELS: readonly WarningLevel[] = Object.values(WarningLevel);
export const WARNING_TRENDS: readonly WarningTrend[] = Object.values(WarningTrend);
export const WARNING_STATUSES: readonly WarningStatus[] = Object.values(WarningStatus);

export const WARNING_LEVEL_LABELS: LabelCatalogue<WarningLevel> = {
  [WarningLevel.ATTENTION]: { 'zh-CN': '关注', en: 'Attention' },
  [WarningLevel.WARNING]: { 'zh-CN': '预警', en: 'Warning' },
  [WarningLevel.SEVERE]: { 'zh-CN': '严重', en: 'Severe' },
};

export const WARNING_TREND_LABELS: LabelCatalogue<WarningTrend> = {
  [WarningTrend.BEHIND_PACE]: { 'zh-CN': '进度落后', en: 'Behind pace' },
  [WarningTrend.WORSENING]: { 'zh-CN': '趋势恶化', en: 'Worsening' },
  [WarningTrend.IMPROVING]: { 'zh-CN': '趋势好转', en: 'Improving' },
  [WarningTrend.STEADY]: { 'zh-CN': '基本持平', en: 'Steady' },
};

export const WARNING_STATUS_LABELS: LabelCatalogue<WarningStatus> = {
  [WarningStatus.OPEN]: { 'zh-CN': '未解除', en: 'Open' },
  [WarningStatus.CLEARED]: { 'zh-CN': '已解除', en: 'Cleared' },
};
