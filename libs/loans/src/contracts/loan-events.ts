import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TransactionalEvents } from '@mla/core';
import type { LoanStatus } from './loan-status';

/** What happened to a loan, published inside the transaction that did it. Amounts are fen. */
export type LoanEvent =
  | { type: 'DISBURSED'; loanId: string; applicationId: string; principalFen: bigint; valueDate: string }
  | {
      /** Principal repaid (positive) or, by a reversal, owed again (negative). */
      type: 'PRINCIPAL_REPAID';
      loanId: string;
      applicationId: string;
      principalFen: bigint;
      repaymentId: string;
      valueDate: string;
      /** The loan's status after the change (REPAID when this ended it). */
      loanStatus: LoanStatus;
    }
  | { type: 'COMPENSATED'; loanId: string; applicationId: string; reference: string };

/** Loan events for downstream contexts (the guarantee fund releases liability as principal is repaid). */
@Injectable()
export class LoanEvents extends TransactionalEvents<EntityManager, LoanEvent> {}
