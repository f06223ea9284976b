import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { DestinationStream, Logger } from 'pino';
import pinoHttp from 'pino-http';
import { type AppConfig } from '@mla/config';
import { PinoNestLogger, RequestContext, createLogger, redactUrl } from '@mla/core';
import { ApiModule } from './app.module';
import { ErrorResponse } from './http/error-response';
import { jsonBodyParser } from './http/json-body';
import { requestContextMiddleware } from './http/request-id.middleware';
import { mountQueueDashboard } from './operations/queue-dashboard';

export interface ApiOptions {
  /** Where the JSON log lines go (stdout when not given); tests capture them. */
  logDestination?: DestinationStream;
}

const DOCS_PATH = /^\/docs(?:[/-]|$)/;
const QUEUE_DASHBOARD = /^\/admin\/queues(?:\/|$)/;

/**
 * Security headers. The API answers JSON and files, never pages: its content policy allows nothing. The OpenAPI
 * page (when enabled) needs its own scripts, inline ones and styles.
 */
function securityHeaders() {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    frameguard: { action: 'deny' },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // The queue dashboard (administrators only): its own scripts, styles and calls; no inline script, no other origin.
  const dashboard = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    DOCS_PATH.test(req.path)
      ? docs(req, res, next)
      : QUEUE_DASHBOARD.test(req.path)
        ? dashboard(req, res, next)
        : api(req, res, next);
}

export function apiLogger(config: AppConfig, options: ApiOptions = {}): Logger {
  return createLogger(config.env.LOG_LEVEL, 'api', options.logDestination);
}

/** Express settings, access logs and OpenAPI: shared by main.ts and the end-to-end tests. */
export function configureApi(app: INestApplication, config: AppConfig, options: ApiOptions = {}): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // Behind one reverse proxy in production (compose, ingress): trust its X-Forwarded-For for client addresses.
  express.set('trust proxy', config.isProduction ? 1 : false);
  const logger = apiLogger(config, options);
  // First, so every later failure (a malformed body included) answers and logs with the request id.
  app.use(requestContextMiddleware);
  app.use(securityHeaders());
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as { id?: string }).id ?? RequestContext.requestId() ?? 'unknown',
      // Path and query parameter names only: query values carry ID numbers, mobiles and accounts.
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (_req, res) => {
        const code = (res as Response).locals?.errorCode as string | undefined;
        return code ? { errorCode: code } : {};
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(...jsonBodyParser());
  mountQueueDashboard(app);
  app.enableShutdownHooks();
  if (config.env.SWAGGER_ENABLED) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Microloan administration API')
        .setDescription(
          "Women's entrepreneurship micro guaranteed loans with fiscal interest subsidies (妇女创业小额担保贷款财政贴息). " +
            'Errors share one shape: { statusCode, code, message, details?, requestId }.',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
      // The error shape and its codes are documented even where no operation names them.
      { extraModels: [ErrorResponse] },
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
}

export async function createApi(config: AppConfig, options: ApiOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), {
    logger: new PinoNestLogger(apiLogger(config, options)),
    bodyParser: false,
  });
  configureApi(app, config, options);
  return app;
}
