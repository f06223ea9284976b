import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@mla/auth';
import type { PostingResult, PostRepaymentInput } from './posting-input';
import { PostingService } from './posting.service';
import type { Repayment } from './repayment.entity';

/**
 * Postings other contexts may make: reconciliation posts matched statement credits as repayments and corrects
 * them. Both run in the caller's transaction when it passes one, so the posting commits with the caller's work.
 */
@Injectable()
export class LoanPostingPort {
  constructor(private readonly postings: PostingService) {}

  post(actor: Actor, loanId: string, input: PostRepaymentInput, outer?: EntityManager): Promise<PostingResult> {
    return this.postings.post(actor, loanId, input, outer);
  }

  reverse(actor: Actor, repaymentId: string, reason: string, outer?: EntityManager): Promise<Repayment> {
    return this.postings.reverse(actor, repaymentId, reason, outer);
  }
}
