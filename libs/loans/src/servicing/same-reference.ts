import { ConflictError, Money } from '@mla/core';
import { LoanErrorCode } from '../errors';
import type { Repayment } from './repayment.entity';

export interface PostingRequest {
  kind: Repayment['kind'];
  amountFen: bigint;
  valueDate: string;
  externalReference: string;
}

/**
 * A posting whose external reference this loan has seen already is a retry only when it asks for the very same
 * thing (same kind, amount and value date): the earlier posting is the answer. Anything else reuses the reference
 * for something different (a payoff under a regular repayment's reference, another amount) and is refused, so a
 * payoff is never answered "done" when nothing was paid off.
 */
export function assertSameRequest(existing: Repayment, request: PostingRequest): void {
  const differs: string[] = [];
  if (existing.kind !== request.kind) differs.push('kind');
  if (existing.amountFen !== request.amountFen) differs.push('amount');
  if (existing.valueDate !== request.valueDate) differs.push('valueDate');
  if (differs.length === 0) return;
  throw new ConflictError(
    LoanErrorCode.REFERENCE_REUSED,
    `Reference ${request.externalReference} was posted already as a ${existing.kind.toLowerCase()} of ${Money.ofFen(existing.amountFen).toYuanString()} on ${existing.valueDate}; use a new reference for a different posting`,
    {
      field: 'externalReference',
      differs,
      earlier: {
        repaymentId: existing.id,
        kind: existing.kind,
        amountYuan: Money.ofFen(existing.amountFen).toYuanString(),
        valueDate: existing.valueDate,
      },
    },
  );
}
