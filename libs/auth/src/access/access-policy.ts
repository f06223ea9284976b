import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, isAncestorOrSelf, regionPrefix } from '@mla/core';
import { AccessErrorCode } from '../errors';
import { Role } from '../users/role';
import type { Actor } from './actor';
import { Permission, ROLE_PERMISSIONS } from './permission';

/** What an actor may see: everything, the records of a region, or the records of their own bank. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string; regionPrefix: string }
  | { kind: 'organisation'; organisationIds: string[] };

/**
 * Where a record belongs. A record of a bank names the bank (`bankOrganisationId`); every record names its
 * region. An organisation or a user is its own `organisationId`.
 */
export interface ScopedResource {
  regionCode?: string | null;
  bankOrganisationId?: string | null;
  organisationId?: string | null;
}

/** The one place that decides access, by role (permissions) and by scope (region, bank). */
@Injectable()
export class AccessPolicy {
  can(actor: Actor, permission: Permission): boolean {
    return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
  }

  assertCan(actor: Actor, permission: Permission): void {
    if (!this.can(actor, permission)) {
      throw new ForbiddenError(
        AccessErrorCode.PERMISSION_DENIED,
        `Your role (${actor.roles.join(', ') || 'none'}) does not allow ${permission}`,
        { permission },
      );
    }
  }

  /**
   * System administrators see everything; bank officers see their own bank (and its branches); everyone else
   * sees the region of their organisation.
   */
  scopeOf(actor: Actor): Scope {
    if (actor.roles.includes(Role.SYSTEM_ADMIN)) return { kind: 'all' };
    const regionRoles = actor.roles.filter((r) => r !== Role.BANK_OFFICER);
    if (regionRoles.length === 0 && actor.roles.includes(Role.BANK_OFFICER)) {
      return { kind: 'organisation', organisationIds: actor.organisationIds };
    }
    return { kind: 'region', regionCode: actor.regionCode, regionPrefix: regionPrefix(actor.regionCode) };
  }

  canSee(actor: Actor, resource: ScopedResource): boolean {
    const scope = this.scopeOf(actor);
    switch (scope.kind) {
      case 'all':
        return true;
      case 'organisation': {
        const owner = resource.bankOrganisationId ?? resource.organisationId;
        return owner != null && scope.organisationIds.includes(owner);
      }
      case 'region':
        return resource.regionCode != null && isAncestorOrSelf(scope.regionCode, resource.regionCode);
    }
  }

  /**
   * Out of scope reads as not found: a user must not learn that another bank's record exists.
   */
  assertCanSee(actor: Actor, resource: ScopedResource, what: string, id: string): void {
    if (!this.canSee(actor, resource)) {
      throw new NotFoundError(AccessErrorCode.NOT_FOUND_IN_SCOPE, `${what} ${id} not found`, { id });
    }
  }
}
