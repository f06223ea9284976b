import type { AccessPolicy, Actor } from '@mla/auth';
import { NotFoundError } from '@mla/core';
import { SubsidyErrorCode } from '../errors';
import type { SubsidyClaimBatch } from './subsidy-claim-batch.entity';

/**
 * A batch as its owner sees it: a bank officer their own bank's, everyone else their jurisdiction's. Outside the
 * scope reads as not found (nobody learns another bank's or jurisdiction's claim exists).
 */
export function assertBatchVisible(
  access: AccessPolicy,
  actor: Actor,
  batch: SubsidyClaimBatch | null,
  id: string,
): asserts batch is SubsidyClaimBatch {
  if (!batch || !access.canSee(actor, { bankOrganisationId: batch.bankOrganisationId, regionCode: batch.regionCode })) {
    throw new NotFoundError(SubsidyErrorCode.CLAIM_BATCH_NOT_FOUND, `Subsidy claim batch ${id} not found`, { id });
  }
}
