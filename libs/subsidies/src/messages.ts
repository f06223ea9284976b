import type { ErrorCatalogue } from '@mla/core';
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
};
