import { Installment } from './loans/installment.entity';
import { Loan } from './loans/loan.entity';
import { RepaymentAllocation } from './posting/repayment-allocation.entity';
import { Repayment } from './posting/repayment.entity';

export const LOANS_ENTITIES = [Loan, Installment, Repayment, RepaymentAllocation];
