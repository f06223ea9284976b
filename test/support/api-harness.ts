import { Writable } from 'node:stream';
import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  constructor(private readonly dataSource: DataSource) {}

  /** A database error carrying the given values in its message (cast), its detail and its parameters. */
  @Public()
  @Post('db-error')
  async dbError(@Body() body: { values: string[]; cast?: 'uuid' }): Promise<never> {
    await this.dataSource.transaction(async (m) => {
      if (body.cast === 'uuid') await m.query('SELECT $1::uuid', [body.values[0]]);
      const columns = body.values.map((_, i) => `c${i} text`).join(', ');
      await m.query(`CREATE TEMP TABLE leak_probe (${columns}, required text NOT NULL) ON COMMIT DROP`);
      const params = body.values.map((_, i) => `$${i + 1}`).join(', ');
      await m.query(`INSERT INTO leak_probe VALUES (${params}, NULL)`, body.values);
    });
    throw new Error('unreachable');
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
 * clock (a FixedClock) when the suite needs business dates that do not move, and environment overrides (e.g. a
 * smaller pool) when it needs them.
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
  const logger = logDestination ? new PinoNestLogger(apiLogger(env.config, { logDestination })) : undefined;
  const builder = Test.createTestingModule({
    imports: [ApiModule.forConfig(env.config, clock), AuthModule],
    controllers: [FailingController],
    providers: [DemoSeeder],
  });
  // Set before the module compiles, so what its providers log while starting (a Redis client) is captured too.
  if (logger) builder.setLogger(logger);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({
    bodyParser: false,
    logger: logger ?? (process.env.TEST_LOG_LEVEL ? ['error', 'warn'] : false),
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
