import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  isUniqueViolation,
  BadInputError,
  ConflictError,
  DEFAULT_PAGE_SIZE,
  ForbiddenError,
  NotFoundError,
  PiiCipher,
  RuleViolationError,
  maskMobile,
  normalizeMobile,
  decodeCursor,
  toPage,
  type Page,
} from '@mla/core';
import { AccessPolicy } from '../access/access-policy';
import type { Actor } from '../access/actor';
import { Permission } from '../access/permission';
import { AuditLog } from '../audit/audit.service';
import { AuthErrorCode } from '../errors';
import type { Organisation } from '../organisations/organisation.entity';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { PasswordHasher } from './password-hasher';
import { ROLE_ORGANISATION_KINDS, ROLES, type Role } from './role';
import type { User, UserStatus } from './user.entity';
import { UserRepository, type UserFilter } from './user.repository';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  organisationId: string;
  roles: Role[];
  /** Work mobile (encrypted at rest, masked in answers). */
  phone?: string | null;
}

export interface UpdateUserInput {
  displayName?: string;
  roles?: Role[];
  status?: UserStatus;
  /** A new work mobile; null removes it. */
  phone?: string | null;
}

/** The column context a user's phone is encrypted under (a value copied elsewhere will not decrypt). */
export const USER_PHONE_CONTEXT = 'users.phone';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

@Injectable()
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly hasher: PasswordHasher,
    private readonly access: AccessPolicy,
    private readonly audit: AuditLog,
    private readonly cipher: PiiCipher,
  ) {}

  /** The stored columns of a work mobile (null: none). */
  private phoneColumns(phone: string | null | undefined) {
    if (phone === undefined) return {};
    if (phone === null || phone === '') return { phoneCiphertext: null, phoneMasked: null };
    const normalized = normalizeMobile(phone);
    return {
      phoneCiphertext: this.cipher.encrypt(normalized, USER_PHONE_CONTEXT),
      phoneMasked: maskMobile(normalized),
    };
  }

  /** Also used by the first-admin command, with `actor` null (no one is logged in yet). */
  async create(actor: Actor | null, input: CreateUserInput): Promise<User> {
    if (actor) this.access.assertCan(actor, Permission.USER_MANAGE);
    const username = input.username.toLowerCase();
    if (!USERNAME.test(username)) {
      throw new BadInputError(
        AuthErrorCode.INVALID_USERNAME,
        'username must be 3-64 characters: letters, digits, ".", "_" or "-"',
        {
          field: 'username',
        },
      );
    }
    this.hasher.assertStrong(input.password);
    const { phone, ...fields } = input;
    const phoneColumns = this.phoneColumns(phone);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (tx) => {
      const org = await this.organisations.findById(tx, input.organisationId);
      if (!org) {
        throw new RuleViolationError(
          AuthErrorCode.ORGANISATION_NOT_FOUND,
          `Organisation ${input.organisationId} does not exist`,
          {
            field: 'organisationId',
          },
        );
      }
      if (org.status !== 'ACTIVE') {
        throw new RuleViolationError(AuthErrorCode.ORGANISATION_INACTIVE, `Organisation ${org.name} is inactive`, {
          field: 'organisationId',
        });
      }
      this.assertRolesFit(input.roles, org);
      try {
        const user = await this.users.insert(tx, {
          ...fields,
          ...phoneColumns,
          username,
          passwordHash,
          roles: [...new Set(input.roles)],
        });
        await this.audit.record(tx, { action: 'user.created', entityType: 'user', entityId: user.id, after: user });
        return user;
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(AuthErrorCode.USERNAME_TAKEN, `Username "${username}" is taken`, {
            field: 'username',
          });
        }
        throw error;
      }
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
    this.access.assertCan(actor, Permission.USER_MANAGE);
    if (id === actor.userId && (input.roles !== undefined || input.status !== undefined)) {
      throw new ForbiddenError(AuthErrorCode.CANNOT_CHANGE_OWN_ACCESS, 'You cannot change your own roles or status');
    }
    return this.dataSource.transaction(async (tx) => {
      const before = await this.users.lockById(tx, id);
      if (!before) throw new NotFoundError(AuthErrorCode.USER_NOT_FOUND, `User ${id} not found`, { id });
      const org = (await this.organisations.findById(tx, before.organisationId)) as Organisation;
      this.access.assertCanSee(actor, { regionCode: org.regionCode, organisationId: org.id }, 'User', id);
      if (input.roles) this.assertRolesFit(input.roles, org);
      const { phone, ...fields } = input;
      const patch = {
        ...fields,
        ...this.phoneColumns(phone),
        ...(input.roles ? { roles: [...new Set(input.roles)] } : {}),
      };
      const revoke = input.status === 'DISABLED' || input.roles !== undefined;
      const after = await this.users.update(tx, id, patch, revoke);
      await this.audit.record(tx, { action: 'user.updated', entityType: 'user', entityId: id, before, after });
      return after;
    });
  }

  /** An administrator sets a new password for a user (who has forgotten theirs). */
  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    this.access.assertCan(actor, Permission.USER_MANAGE);
    this.hasher.assertStrong(newPassword, 'newPassword');
    const hash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (tx) => {
      const user = await this.users.lockById(tx, id);
      if (!user) throw new NotFoundError(AuthErrorCode.USER_NOT_FOUND, `User ${id} not found`, { id });
      const org = (await this.organisations.findById(tx, user.organisationId)) as Organisation;
      this.access.assertCanSee(actor, { regionCode: org.regionCode, organisationId: org.id }, 'User', id);
      await this.users.setPassword(tx, id, hash);
      await this.audit.record(tx, { action: 'user.password_reset', entityType: 'user', entityId: id });
    });
  }

  /**
   * Active users of active organisations holding one of the roles, with their organisation's region: whom work done
   * for everyone (a daily digest) is addressed to. No actor: the worker calls it; nothing personal beyond the
   * display name leaves.
   */
  async activeHoldersOf(
    roles: Role[],
    tx: EntityManager = this.dataSource.manager,
  ): Promise<{ userId: string; displayName: string; organisationId: string; regionCode: string }[]> {
    if (roles.length === 0) return [];
    return (await tx.query(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.organisation_id AS "organisationId",
              o.region_code AS "regionCode"
         FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.status = 'ACTIVE' AND o.status = 'ACTIVE' AND u.roles && $1::varchar[]
        ORDER BY o.region_code, u.username`,
      [roles],
    )) as { userId: string; displayName: string; organisationId: string; regionCode: string }[];
  }

  async get(actor: Actor, id: string): Promise<User> {
    this.access.assertCan(actor, Permission.USER_READ);
    const user = await this.users.findById(this.dataSource.manager, id);
    if (!user?.organisation) throw new NotFoundError(AuthErrorCode.USER_NOT_FOUND, `User ${id} not found`, { id });
    this.access.assertCanSee(
      actor,
      { regionCode: user.organisation.regionCode, organisationId: user.organisationId },
      'User',
      id,
    );
    return user;
  }

  async list(actor: Actor, filter: UserFilter, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<User>> {
    this.access.assertCan(actor, Permission.USER_READ);
    const after = cursor ? decodeCursor<{ username: string }>(cursor, ['username']).username : undefined;
    const rows = await this.users.list(this.dataSource.manager, this.access.scopeOf(actor), filter, limit + 1, after);
    return toPage(rows, limit, (u) => ({ username: u.username }));
  }

  private assertRolesFit(roles: Role[], org: Organisation): void {
    if (roles.length === 0)
      throw new BadInputError(AuthErrorCode.ROLES_REQUIRED, 'roles must name at least one role', { field: 'roles' });
    for (const role of roles) {
      if (!ROLES.includes(role)) {
        throw new BadInputError(AuthErrorCode.UNKNOWN_ROLE, `roles: unknown role "${role}"`, { field: 'roles' });
      }
      if (!ROLE_ORGANISATION_KINDS[role].includes(org.kind)) {
        throw new RuleViolationError(
          AuthErrorCode.ROLE_NOT_ALLOWED_FOR_ORGANISATION,
          `Role ${role} cannot be held in a ${org.kind} organisation`,
          { field: 'roles', role, organisationKind: org.kind },
        );
      }
    }
  }
}
