import type { ErrorCatalogue } from '@mla/core';
import { QueueErrorCode } from './errors';

export const QUEUE_MESSAGES: ErrorCatalogue<QueueErrorCode> = {
  [QueueErrorCode.INVALID_JOB_ID]: { 'zh-CN': '任务编号不正确', en: 'The job id is not valid' },
};
