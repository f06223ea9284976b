import { Writable } from 'node:stream';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import type { Env } from '@mla/config';
import { PinoNestLogger, type Clock } from '@mla/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { ApiModule } from '../../apps/api/src/app.module';
import { Public } from '../../apps/api/src/auth/public.decorator';
import { apiLogger, configureApi } from '../../apps/api/src/bootstrap';
import { DEMO_PASSWORD, DemoSeeder, type DemoData } from '../../apps/api/src/cli/demo-seeder';
import { createTestEnv, type TestEnv } from './test-env';

/** A route that fails the way a bug would, carrying internals that must never reach the client. */
@Controller('test-only')
class FailingController {
  @Public()
  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED postgres://app:s3cret@10.0.0.5:5432/prod at Pool.connect');
  }
}

export interface ApiHarness {
  env: TestEnv;
  app: INestApplication;
  http: TestAgent;
  demo: DemoData;
  /** The JSON log lines the api wrote, when started with `captureLogs`. */
  logs: string[];
  /** Logs in as a demo user and returns the Authorization header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /** Environment variables of this suite (e.g. a REDIS_URL nobody answers). */
  env?: Partial<Record<keyof Env, string>>;
  /** Keep every log line (level info and up) in `logs` instead of dropping them. */
  captureLogs?: boolean;
}

/**
 * Boots the real api module (plus a failing test route) on a fresh database with the demo county seeded; with a
 * clock (a FixedClock) when the suite needs business dates that do not move.
 */
export async function startApi(clock?: Clock, options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const env = await createTestEnv({ ...(options.captureLogs ? { LOG_LEVEL: 'info' } : {}), ...options.env });
  const logs: string[] = [];
  const logDestination = options.captureLogs
    ? new Writable({
        write(chunk: Buffer, _encoding, done) {
          logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      })
    : undefined;
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forConfig(env.config, clock), AuthModule],
    controllers: [FailingController],
    providers: [DemoSeeder],
  }).compile();
  const app = moduleRef.createNestApplication({
    bodyParser: false,
    logger: logDestination
      ? new PinoNestLogger(apiLogger(env.config, { logDestination }))
      : process.env.TEST_LOG_LEVEL
        ? ['error', 'warn']
        : false,
  });
  configureApi(app, env.config, { logDestination });
  await app.init();
  const demo = await app.get(DemoSeeder).seed();
  const http = request(app.getHttpServer());
  return {
    env,
    app,
    http,
    demo,
    logs,
    login: async (username, password = DEMO_PASSWORD) => {
      const res = await http.post('/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return `Bearer ${res.body.accessToken as string}`;
    },
    close: async () => {
      await app.close();
      await env.cleanup();
    },
  };
}
