import { OrganisationKind } from '../organisations/organisation-kind';
import { Role } from '../users/role';
import type { Actor } from './actor';

/**
 * The actor for commands run by the operator from a shell (first admin, demo seed). It passes access checks
 * as an administrator; the audit log records such work as done by "system".
 */
export const SYSTEM_ADMIN_ACTOR: Actor = Object.freeze({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'system',
  displayName: 'System',
  organisationId: '00000000-0000-0000-0000-000000000000',
  organisationKind: OrganisationKind.OPERATOR,
  regionCode: '100000',
  organisationIds: [],
  roles: [Role.SYSTEM_ADMIN],
}) as Actor;
