import { SHARED_MESSAGES, type ErrorCatalogue } from '@mla/core';
import { ApiErrorCode } from './api-error-code';

export const API_MESSAGES: ErrorCatalogue<ApiErrorCode> = {
  [ApiErrorCode.PAYLOAD_TOO_LARGE]: {
    'zh-CN': '提交的内容过大',
    en: 'The request body is too large',
  },
  [ApiErrorCode.UNSUPPORTED_MEDIA_TYPE]: {
    'zh-CN': '不支持该内容类型（Content-Type）',
    en: 'The content type is not supported here',
  },
  [ApiErrorCode.FILE_TOO_LARGE]: SHARED_MESSAGES.FILE_TOO_LARGE,
  [ApiErrorCode.FILE_EXPECTED]: {
    'zh-CN': '请直接上传文件本身（application/octet-stream）',
    en: 'Send the file itself as the request body (application/octet-stream)',
  },
  [ApiErrorCode.ENUM_LIST_NOT_FOUND]: { 'zh-CN': '没有这个列表', en: 'There is no such list' },
};
