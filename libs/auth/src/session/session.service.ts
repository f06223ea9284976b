import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '@mla/config';
import { RateLimitedError, UnauthenticatedError, BadInputError, isUuid } from '@mla/core';
import type { Actor } from '../access/actor';
import { AuditLog } from '../audit/audit.service';
import { AuthErrorCode } from '../errors';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PasswordHasher } from '../users/password-hasher';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { LoginRateLimiter } from './login-rate-limiter';

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: User;
}

interface TokenPayload {
  sub: string;
  ver: number;
  exp?: number;
  /** Set on tokens for one purpose only (the queue dashboard's cookie); an access token has none. */
  aud?: string;
}

/**
 * What the audit keeps of a username that matches no user: people type their phone, ID number or even their
 * password into the username field, so only its first two characters and its length are kept.
 */
function maskUnknownUsername(username: string): string {
  const chars = [...username.toLowerCase()].slice(0, 64);
  return `${chars.slice(0, 2).join('')}${'*'.repeat(Math.max(chars.length - 2, 0))}`;
}

/** One message for every failed login: it must not say whether the username or the password was wrong. */
const BAD_CREDENTIALS = 'Username or password is incorrect';

@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly jwt: JwtService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    // Counted before the password is checked, so parallel attempts cannot pass the limit.
    const retryAfter = await this.limiter.takeAttempt(username, ip);
    if (retryAfter > 0) {
      throw new RateLimitedError(
        AuthErrorCode.LOGIN_RATE_LIMITED,
        `Too many failed logins; try again in ${retryAfter} s`,
        {
          retryAfterSeconds: retryAfter,
        },
      );
    }
    const user = await this.users.findForLogin(this.dataSource.manager, username);
    const passwordOk = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    const reason = !user
      ? 'unknown_user'
      : !passwordOk
        ? 'wrong_password'
        : user.status !== 'ACTIVE'
          ? 'user_disabled'
          : user.organisation?.status !== 'ACTIVE'
            ? 'organisation_inactive'
            : null;
    if (reason !== null) {
      await this.dataSource.transaction((tx) =>
        this.audit.record(tx, {
          action: 'auth.login.failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username: user ? user.username : maskUnknownUsername(username), reason },
          actor: { userId: null, username: null, organisationId: null },
        }),
      );
      throw new UnauthenticatedError(AuthErrorCode.INVALID_CREDENTIALS, BAD_CREDENTIALS);
    }
    const active = user as User;
    await this.limiter.reset(username, ip);
    await this.dataSource.transaction(async (tx) => {
      await this.users.recordLogin(tx, active.id);
      await this.audit.record(tx, {
        action: 'auth.login.succeeded',
        entityType: 'user',
        entityId: active.id,
        actor: { userId: active.id, username: active.username, organisationId: active.organisationId },
      });
    });
    const { passwordHash: _hash, ...safe } = active;
    void _hash;
    const payload: TokenPayload = { sub: active.id, ver: active.tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(payload),
      expiresIn: this.config.env.JWT_ACCESS_TTL_SECONDS,
      user: safe as User,
    };
  }

  /**
   * A short-lived token for one purpose (`audience`), e.g. the queue dashboard's cookie: it names the signed-in user
   * and her token version (a password or role change revokes it like an access token), and only
   * `authenticate(token, audience)` accepts it, never as a bearer token.
   */
  async issuePurposeToken(actor: Actor, audience: string, ttlSeconds: number): Promise<string> {
    const user = await this.users.findById(this.dataSource.manager, actor.userId);
    if (!user) throw new UnauthenticatedError(AuthErrorCode.USER_NOT_FOUND, `User ${actor.userId} no longer exists`);
    const payload: TokenPayload = { sub: user.id, ver: user.tokenVersion };
    return this.jwt.signAsync(payload, { audience, expiresIn: ttlSeconds });
  }

  /**
   * Turns a bearer token into the actor, re-reading the user so a disabled user or a changed role acts at once.
   * With `audience`, only a token issued for that purpose passes; without, only an access token.
   */
  async authenticate(token: string, audience?: string): Promise<Actor> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, audience ? { audience } : {});
    } catch {
      throw new UnauthenticatedError(AuthErrorCode.TOKEN_INVALID, 'The access token is invalid or has expired');
    }
    // Only tokens this service issued pass: they always expire and name a user by id.
    const wellFormed =
      typeof payload === 'object' &&
      payload !== null &&
      Number.isSafeInteger(payload.exp) &&
      isUuid(payload.sub) &&
      Number.isSafeInteger(payload.ver) &&
      (audience ? payload.aud === audience : payload.aud === undefined);
    const user = wellFormed ? await this.users.findById(this.dataSource.manager, payload.sub) : null;
    if (!user?.organisation || user.tokenVersion !== payload.ver) {
      throw new UnauthenticatedError(AuthErrorCode.TOKEN_INVALID, 'The access token is invalid or has expired');
    }
    return this.actorFrom(user);
  }

  /**
   * The actor of a user for work done on their behalf later (a queued import they started): read afresh, so a
   * user disabled meanwhile, or with other roles now, acts as they are now.
   */
  async actorOf(userId: string): Promise<Actor> {
    const user = await this.users.findById(this.dataSource.manager, userId);
    if (!user?.organisation) {
      throw new UnauthenticatedError(AuthErrorCode.USER_NOT_FOUND, `User ${userId} no longer exists`);
    }
    return this.actorFrom(user);
  }

  private async actorFrom(user: User): Promise<Actor> {
    if (!user.organisation) throw new UnauthenticatedError(AuthErrorCode.TOKEN_INVALID, 'The user has no organisation');
    if (user.status !== 'ACTIVE' || user.organisation.status !== 'ACTIVE') {
      throw new UnauthenticatedError(AuthErrorCode.ACCOUNT_DISABLED, 'This account is disabled');
    }
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      organisationId: user.organisationId,
      organisationKind: user.organisation.kind,
      regionCode: user.organisation.regionCode,
      organisationIds: await this.organisations.selfAndDescendantIds(this.dataSource.manager, user.organisationId),
      roles: user.roles,
    };
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findForLogin(this.dataSource.manager, actor.username);
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new BadInputError(AuthErrorCode.CURRENT_PASSWORD_WRONG, 'currentPassword is not your current password', {
        field: 'currentPassword',
      });
    }
    this.hasher.assertStrong(newPassword, 'newPassword');
    if (newPassword === currentPassword) {
      throw new BadInputError(AuthErrorCode.NO_CHANGE, 'newPassword must differ from the current one', {
        field: 'newPassword',
      });
    }
    const hash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (tx) => {
      // Only while the password checked above is still the current one: a concurrent change may have won.
      if (!(await this.users.setPassword(tx, user.id, hash, user.passwordHash))) {
        throw new BadInputError(AuthErrorCode.CURRENT_PASSWORD_WRONG, 'currentPassword is not your current password', {
          field: 'currentPassword',
        });
      }
      await this.audit.record(tx, { action: 'user.password_changed', entityType: 'user', entityId: user.id });
    });
  }
}
