import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AuthModule, SessionService, type Actor } from '@mla/auth';
import { ConfigModule, type Env } from '@mla/config';
import { FixedClock, type Clock } from '@mla/core';
import { DatabaseModule } from '@mla/database';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { RedisModule } from '@mla/queue';
import { DemoSeeder, type DemoData } from '../../apps/api/src/cli/demo-seeder';
import { createTestEnv, type TestEnv } from './test-env';

/**
 * The service-level tier: one context's Nest module on a fresh database cloned from the migrated template, with the
 * demo county seeded, and no HTTP. Scenarios call the use-case services as the demo users (`actor('bank')`), usually
 * through the builders of `given.ts`.
 */
export interface ServiceHarness {
  env: TestEnv;
  moduleRef: TestingModule;
  demo: DemoData;
  /** The frozen clock every service reads; move it with `clock.set(…)` or `travelTo`. */
  clock: FixedClock;
  /** A provider of the booted modules (a use-case service, a repository, the DataSource). */
  get<T>(type: Type<T> | (abstract new (...args: never[]) => T)): T;
  /** The actor of a demo user (officer, fedadmin, employment, guarantee, bank, admin, …), as a login would give. */
  actor(username: string): Promise<Actor>;
  /** Moves the clock to 10:00 on a business date (Asia/Shanghai). */
  travelTo(date: string): void;
  close(): Promise<void>;
}

export interface ServiceHarnessOptions {
  /**
   * The context modules under test. Always booted besides: config, database, Redis, auth, loan policies, and the
   * guarantee-funds module, which follows applications and loans through their in-transaction events (and
   * re-exports the applicants and loans modules), as every process that changes them must.
   */
  imports?: Array<Type<unknown> | DynamicModule>;
  /** The business date the clock starts on (10:00 Asia/Shanghai); default 2026-01-02. */
  today?: string;
  env?: Partial<Record<keyof Env, string>>;
}

const atTen = (date: string) => `${date}T10:00:00+08:00`;

export async function startServices(options: ServiceHarnessOptions = {}): Promise<ServiceHarness> {
  const env = await createTestEnv(options.env);
  const clock = new FixedClock(atTen(options.today ?? '2026-01-02'));
  let moduleRef: TestingModule | undefined;
  try {
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(env.config, clock as Clock),
        DatabaseModule.forRoot('service-test'),
        RedisModule,
        AuthModule,
        LoanPoliciesModule,
        GuaranteeFundsModule,
        ...(options.imports ?? []),
      ],
      providers: [DemoSeeder],
    }).compile();
    await moduleRef.init();
    const demo = await moduleRef.get(DemoSeeder).seed();
    const ref = moduleRef;
    const sessions = ref.get(SessionService);
    return {
      env,
      moduleRef: ref,
      demo,
      clock,
      get: (type) => ref.get(type, { strict: false }),
      actor: async (username) => {
        const user = demo.users[username];
        if (!user) throw new Error(`no demo user ${username}`);
        return sessions.actorOf(user.id);
      },
      travelTo: (date) => clock.set(atTen(date)),
      close: async () => {
        await ref.close();
        await env.cleanup();
      },
    };
  } catch (error) {
    await moduleRef?.close().catch(() => undefined);
    await env.cleanup().catch(() => undefined);
    throw error;
  }
}
