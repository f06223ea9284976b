import type { LabelCatalogue } from '@mla/core';

/** The budget levels that share a subsidy (e.g. 75/10/15 between central, provincial and county budgets). */
export enum FundingLevel {
  CENTRAL = 'CENTRAL',
  PROVINCIAL = 'PROVINCIAL',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

export const FUNDING_LEVELS: readonly FundingLevel[] = Object.values(FundingLevel);

export const FUNDING_LEVEL_LABELS: LabelCatalogue<FundingLevel> = {
  [FundingLevel.CENTRAL]: { 'zh-CN': '中央', en: 'Central' },
  [FundingLevel.PROVINCIAL]: { 'zh-CN': '省级', en: 'Provincial' },
  [FundingLevel.CITY]: { 'zh-CN': '市级', en: 'City' },
  [FundingLevel.COUNTY]: { 'zh-CN': '县级', en: 'County' },
};
