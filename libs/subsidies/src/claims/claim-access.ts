import type { AccessPolicy, Actor } from '@mla/auth';
import { ForbiddenError, NotFoundError } from '@mla/core';
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

/** Maker-checker: whoever prepared, submitted or initially reviewed a batch does not decide its lines. */
export function assertNotMaker(actor: Actor, batch: SubsidyClaimBatch): void {
  const makers = [batch.preparedByUserId, batch.submittedByUserId, batch.initialReviewedByUserId];
  if (makers.includes(actor.userId)) {
    throw new ForbiddenError(
      SubsidyErrorCode.OWN_CLAIM_REVIEW_FORBIDDEN,
      `User ${actor.username} prepared, submitted or initially reviewed batch ${batch.id}`,
    );
  }
}
