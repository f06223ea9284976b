import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Language } from '@mla/core';
import { negotiateLanguage } from './accept-language';

/**
 * The language of the answer, negotiated from Accept-Language (zh-CN unless English is preferred). Says so in
 * Content-Language, and tells caches that the answer varies with the header.
 */
export const RequestLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language => {
  const http = ctx.switchToHttp();
  const language = negotiateLanguage(http.getRequest<Request>().headers['accept-language']);
  const res = http.getResponse<Response>();
  res.setHeader('Content-Language', language);
  res.vary('Accept-Language');
  return language;
});
