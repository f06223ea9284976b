import type { Actor, AccessPolicy } from '@mla/auth';
import { NotFoundError } from '@mla/core';
import { ReconciliationErrorCode } from '../errors';
import type { StatementImport } from './statement-import.entity';

/** The import if the actor may see it (its bank's officers, its region's readers); else the one not-found answer. */
export function visibleImport(
  access: AccessPolicy,
  actor: Actor,
  importId: string,
  found: StatementImport | null,
): StatementImport {
  if (!found || !access.canSee(actor, { bankOrganisationId: found.bankOrganisationId, regionCode: found.regionCode })) {
    throw new NotFoundError(ReconciliationErrorCode.IMPORT_NOT_FOUND, `Statement import ${importId} not found`, {
      id: importId,
    });
  }
  return found;
}
