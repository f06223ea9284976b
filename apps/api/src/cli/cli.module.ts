import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@mla/auth';
import { AppConfig, ConfigModule } from '@mla/config';
import { PinoNestLogger, createLogger } from '@mla/core';
import { DatabaseModule } from '@mla/database';
import { LoanPoliciesModule } from '@mla/loan-policies';
import { RedisModule } from '@mla/queue';
import { GuaranteeFundsModule } from '@mla/guarantee-funds';
import { DemoSeeder } from './demo-seeder';

@Module({})
export class CliModule {
  static forConfig(config: AppConfig) {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot('cli'),
        RedisModule,
        AuthModule,
        LoanPoliciesModule,
        GuaranteeFundsModule,
      ],
      providers: [DemoSeeder],
    };
  }
}

/** A Nest context with the use cases but no HTTP server, for commands run from a shell. */
export async function createCliContext(config: AppConfig = AppConfig.fromProcess()) {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'cli');
  return NestFactory.createApplicationContext(CliModule.forConfig(config), { logger: new PinoNestLogger(logger) });
}
