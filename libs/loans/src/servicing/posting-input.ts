import type { Repayment } from './repayment.entity';

export const REPAYMENT_CHANNELS = ['BANK_COUNTER', 'TRANSFER', 'AUTO_DEBIT', 'STATEMENT_IMPORT', 'OTHER'] as const;

export interface PostRepaymentInput {
  amountYuan: string;
  valueDate: string;
  channel: (typeof REPAYMENT_CHANNELS)[number];
  externalReference: string;
}

export interface PostingResult {
  repayment: Repayment;
  /** True when this reference had been posted before: nothing changed. */
  duplicate: boolean;
}
