import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import pinoHttp from 'pino-http';
import { type AppConfig } from '@mla/config';
import { PinoNestLogger, RequestContext, createLogger } from '@mla/core';
import { ApiModule } from './app.module';
import { requestContextMiddleware } from './http/request-id.middleware';

/** Express settings, access logs and OpenAPI: shared by main.ts and the end-to-end tests. */
export function configureApi(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // Behind one reverse proxy in production (compose, ingress): trust its X-Forwarded-For for client addresses.
  express.set('trust proxy', config.isProduction ? 1 : false);
  express.useBodyParser('json', { limit: '1mb' });
  const logger = createLogger(config.env.LOG_LEVEL, 'api');
  app.use(requestContextMiddleware);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as { id?: string }).id ?? RequestContext.requestId() ?? 'unknown',
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
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
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
}

export async function createApi(config: AppConfig): Promise<INestApplication> {
  const logger = createLogger(config.env.LOG_LEVEL, 'api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forConfig(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  configureApi(app, config);
  return app;
}
