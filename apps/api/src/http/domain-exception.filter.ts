import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  CommonErrorCode,
  DomainError,
  RequestContext,
  ServiceUnavailableError,
  hasLocalisedDetails,
  isDatabaseUnavailable,
  redactUrl,
  type DomainErrorKind,
  type Language,
} from '@mla/core';
import { negotiateLanguage } from './accept-language';
import { ApiErrorCode } from './api-error-code';
import { renderError } from './error-messages';
import type { ErrorResponse } from './error-response';
import { RequestValidationError } from './validation';

const STATUS: Record<DomainErrorKind, number> = {
  bad_input: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid_state: HttpStatus.CONFLICT,
  rule_violation: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const HTTP_CODES: Record<number, string> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  409: CommonErrorCode.CONFLICT,
  413: ApiErrorCode.PAYLOAD_TOO_LARGE,
  415: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.RATE_LIMITED,
};

const DATABASE_BUSY = () =>
  new ServiceUnavailableError(CommonErrorCode.SERVICE_UNAVAILABLE, 'The database is busy; retry shortly');

function databaseCause(error: unknown): string {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message.slice(0, 80) : 'unknown';
}

/**
 * Maps every error to `{ statusCode, code, message, details?, requestId }`. Domain errors carry their own
 * code; anything unexpected becomes a 500 that says nothing internal and is logged with the same request id.
 * The message comes from the code's catalogue entry, in zh-CN unless Accept-Language prefers English; code and
 * details never depend on the language (clients key on them), except per-field problems (a validation error's, or
 * a use case's `LocalisedDetails`), which are sentences for the user.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(raised: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string }>();
    const requestId = RequestContext.requestId() ?? req.id ?? 'unknown';
    let exception = raised;
    if (!(raised instanceof DomainError) && isDatabaseUnavailable(raised)) {
      // Load, not a defect: a 503 the client may retry. Logged as a warning by its cause only (a driver error
      // may carry the statement's parameters, which are row contents).
      exception = DATABASE_BUSY();
      this.logger.warn(
        { requestId, method: req.method, url: redactUrl(req.originalUrl), cause: databaseCause(raised) },
        'Database unavailable',
      );
      res.setHeader('Retry-After', '1');
    }
    const language = negotiateLanguage(req.headers['accept-language']);
    const body = this.toBody(exception, requestId, language);
    res.setHeader('Content-Language', language);
    res.vary('Accept-Language');
    if (body.statusCode >= 500 && body.statusCode !== HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.error(
        { err: exception, requestId, method: req.method, url: redactUrl(req.originalUrl) },
        'Unhandled error',
      );
    }
    // The access log line carries the domain's own code (e.g. why a record was not found); the client does not.
    if (exception instanceof DomainError) res.locals.errorCode = exception.code;
    if (exception instanceof DomainError && exception.kind === 'rate_limited') {
      const retry = (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string, language: Language): ErrorResponse {
    if (exception instanceof DomainError && exception.kind === 'not_found') {
      // One answer whether the record does not exist or lies outside the caller's scope: nobody learns that
      // another bank's record exists from the code, the message or the details.
      const field = (exception.details as { field?: unknown } | undefined)?.field;
      const details = typeof field === 'string' ? { field } : undefined;
      return {
        statusCode: HttpStatus.NOT_FOUND,
        code: CommonErrorCode.NOT_FOUND,
        message: renderError(CommonErrorCode.NOT_FOUND, language, details),
        ...(details ? { details } : {}),
        requestId,
      };
    }
    if (exception instanceof RequestValidationError) {
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        code: exception.code,
        message: exception.messageIn(language),
        details: exception.detailsIn(language),
        requestId,
      };
    }
    if (exception instanceof DomainError) {
      return {
        statusCode: STATUS[exception.kind],
        code: exception.code,
        message: renderError(exception.code, language, exception.details, exception.kind),
        ...(exception.details !== undefined
          ? { details: hasLocalisedDetails(exception) ? exception.detailsIn(language) : exception.details }
          : {}),
        requestId,
      };
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      // Framework answers (unknown route, body too large, wrong content type, a pipe's refusal): their own
      // English text is replaced by the code's message.
      const code = HTTP_CODES[status];
      return {
        statusCode: status,
        code: code ?? `HTTP_${status}`,
        message: renderError(code ?? '', language),
        requestId,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: CommonErrorCode.INTERNAL,
      message: renderError(CommonErrorCode.INTERNAL, language),
      requestId,
    };
  }
}
