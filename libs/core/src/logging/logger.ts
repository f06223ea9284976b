import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { RequestContext } from '../context/request-context';
import { serializeError } from './redact';

/**
 * Personal data and secrets never reach the logs: these keys are censored wherever they appear (two levels
 * deep, and in request headers).
 */
const SENSITIVE_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'authorization',
  'cookie',
  'idNumber',
  'residentId',
  'spouseIdNumber',
  'mobile',
  'phone',
  'bankAccount',
  'accountNumber',
  'borrowerAccount',
  'counterpartyAccount',
  'counterpartyName',
  'depositAccountNumber',
  'addressDetail',
  'birthDate',
  'holder',
  // Database errors: the failing row, the bound values.
  'detail',
  'parameters',
];

export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** JSON logs; every line carries the request id (and the user) of the work it belongs to. */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      name,
      base: { app: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Errors keep type, message and stack; database errors lose their row, parameters and quoted values.
      serializers: { err: serializeError, error: serializeError },
      mixin() {
        const context = RequestContext.current();
        if (!context) return {};
        return { requestId: context.requestId, ...(context.actor?.userId ? { userId: context.actor.userId } : {}) };
      },
    },
    destination,
  );
}

/** Routes Nest's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, (serializeError(message) as { message: string }).message);
    } else if (typeof message === 'object' && message !== null) {
      // Logger.error({ … }, 'text') from Nest arrives as (object, 'text', context).
      const text = params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
      this.logger[level]({ context, ...(message as object) }, text);
    } else {
      const stack = level === 'error' && typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined;
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
}
