import type { OrganisationKind } from '../organisations/organisation-kind';
import type { Role } from '../users/role';

/** The authenticated user as every use case sees them: who, for which organisation, in which roles. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** The organisation's jurisdiction. */
  regionCode: string;
  /** The organisation and every organisation under it (a bank's branches). */
  organisationIds: string[];
  roles: Role[];
}
