import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthModule } from '@mla/auth';
import { AppConfig, ConfigModule } from '@mla/config';
import { DatabaseModule } from '@mla/database';
import { RedisModule } from '@mla/queue';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { HealthController } from './health/health.controller';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { createValidationPipe } from './http/validation';
import { OrganisationsController } from './organisations/organisations.controller';
import { RegionsController } from './regions/regions.controller';
import { UsersController } from './users/users.controller';

@Module({})
export class ApiModule {
  /** The whole HTTP application for a given configuration (tests pass their own). */
  static forConfig(config: AppConfig) {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot('api'), RedisModule, AuthModule],
      controllers: [
        HealthController,
        AuthController,
        RegionsController,
        OrganisationsController,
        UsersController,
        AuditController,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
    };
  }
}
