import { LoanContact } from './contacts/loan-contact.entity';
import { Installment } from './contracts/installment.entity';
import { Loan } from './contracts/loan.entity';
import { LoanFollowUp } from './follow-ups/loan-follow-up.entity';
import { DailyCloseRun } from './daily-close/daily-close-run.entity';
import { BackdatedPostingRequest } from './servicing/backdated-posting-request.entity';
import { RepaymentAllocation } from './servicing/repayment-allocation.entity';
import { Repayment } from './servicing/repayment.entity';

export const LOANS_ENTITIES = [
  Loan,
  Installment,
  Repayment,
  RepaymentAllocation,
  BackdatedPostingRequest,
  DailyCloseRun,
  LoanFollowUp,
  LoanContact,
];
