import type { Installment } from '../contracts/installment.entity';
import type { LedgerRow } from './loan-ledger';

/** A stored installment as the servicing ledger sees it. */
export const toLedgerRow = (i: Installment): LedgerRow => ({
  id: i.id,
  number: i.number,
  dueDate: i.dueDate,
  principalDue: i.principalDueFen,
  interestDue: i.interestDueFen,
  principalPaid: i.principalPaidFen,
  interestPaid: i.interestPaidFen,
  penaltyPaid: i.penaltyPaidFen,
  penaltyFenDays: i.penaltyFenDays,
  penaltyThrough: i.penaltyAccruedThrough,
  penaltyAccrued: i.penaltyAccruedFen,
  status: i.status,
});
