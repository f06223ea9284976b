import { LprRate } from './lpr/lpr-rate.entity';
import { LoanPolicy } from './policies/loan-policy.entity';

export const LOAN_POLICIES_ENTITIES = [LoanPolicy, LprRate];
