import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@mla/config';
import { AccessPolicy } from './access/access-policy';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditRepository } from './audit/audit.repository';
import { AuditLog } from './audit/audit.service';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationService } from './organisations/organisation.service';
import { RegionRepository } from './regions/region.repository';
import { RegionService } from './regions/region.service';
import { LoginRateLimiter } from './session/login-rate-limiter';
import { SessionService } from './session/session.service';
import { PasswordHasher } from './users/password-hasher';
import { UserRepository } from './users/user.repository';
import { UserContactPort } from './users/user-contacts';
import { UserService } from './users/user.service';

/**
 * The published ports other contexts call: `AccessPolicy` (role and scope, with `applyScope` for their queries),
 * `AuditLog` (an audit row in the caller's transaction), `RegionService` and `OrganisationService` (a region, an
 * organisation); the rest serve the apps (HTTP, CLI).
 */
const SERVICES = [
  AccessPolicy,
  AuditLog,
  RegionService,
  OrganisationService,
  AuditQueryService,
  UserService,
  UserContactPort,
  SessionService,
  AdminBootstrapService,
];

const INTERNALS = [
  AuditRepository,
  RegionRepository,
  OrganisationRepository,
  UserRepository,
  PasswordHasher,
  LoginRateLimiter,
];

/**
 * Organisations, users, roles and scopes, sessions, and the audit log. Needs the DataSource (DatabaseModule)
 * and the Redis client (RedisModule) from the app that imports it.
 */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.env.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.env.JWT_ACCESS_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [...INTERNALS, ...SERVICES],
  exports: SERVICES,
})
export class AuthModule {}
