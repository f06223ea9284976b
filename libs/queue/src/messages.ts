import type { ErrorCatalogue } from '@mla/core';
import { QueueErrorCode } from './errors';

export const QUEUE_MESSAGES: ErrorCatalogue<QueueErrorCode> = {
  [QueueErrorCode.INVALID_JOB_ID]: { 'zh-CN': '任务编号不正确', en: 'The job id is not valid' },
  [QueueErrorCode.JOB_NOT_FOUND]: {
    'zh-CN': ['队列{queue}中没有任务{id}（可能已超过保留期被清理）', '没有该任务（可能已超过保留期被清理）'],
    en: ['Queue {queue} holds no job {id} (it may have been removed after its retention)', 'No such job'],
  },
  [QueueErrorCode.JOB_NOT_FAILED]: {
    'zh-CN': ['只能重试失败的任务，该任务当前状态为{state}', '只能重试失败的任务'],
    en: ['Only a failed job can be retried; this one is {state}', 'Only a failed job can be retried'],
  },
};
